import Foundation
import Testing

/// Compares output with a golden file in `Golden/` byte for byte. `RECORD_SNAPSHOTS=1` re-records;
/// a missing golden file fails rather than silently recording.
func expectGolden(_ data: Data?, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let data = try #require(data, "no output to compare with \(name)", sourceLocation: sourceLocation)
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
        .appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
        return
    }
    guard let expected = FileManager.default.contents(atPath: url.path) else {
        Issue.record("missing golden file \(url.path); run with RECORD_SNAPSHOTS=1 to record it",
                     sourceLocation: sourceLocation)
        return
    }
    if expected != data {
        let actual = String(decoding: data, as: UTF8.self)
        let wanted = String(decoding: expected, as: UTF8.self)
        let firstDifference = zip(actual.split(separator: "\n", omittingEmptySubsequences: false),
                                  wanted.split(separator: "\n", omittingEmptySubsequences: false))
            .enumerated().first { $0.element.0 != $0.element.1 }
        Issue.record("""
            \(name) differs from the golden file (RECORD_SNAPSHOTS=1 re-records)\
            \(firstDifference.map { "\nline \($0.offset + 1):\n  got      \($0.element.0)\n  expected \($0.element.1)" } ?? "")
            """, sourceLocation: sourceLocation)
    }
}
