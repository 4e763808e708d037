import Foundation
import JointPlanCore
import JointPlanFormats
import Testing

let badInputDirectory = testsDirectory + "/BadInput"

/// The corpus cases: one folder each, with `expected.txt` beside the input.
func badInputCases() -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: badInputDirectory)) ?? []
    return names.filter { FileManager.default.fileExists(atPath: "\(badInputDirectory)/\($0)/expected.txt") }.sorted()
}

func expectedLines(_ name: String) throws -> [String] {
    try String(contentsOfFile: "\(badInputDirectory)/\(name)/expected.txt", encoding: .utf8)
        .split(separator: "\n").map(String.init)
}

@Suite("Bad input corpus (in-process)")
struct BadInputTests {
    @Test func corpusIsLargeEnough() { #expect(badInputCases().count >= 30) }

    @Test(arguments: badInputCases())
    func reportsExpectedMessage(name: String) throws {
        let expected = try expectedLines(name)
        do {
            _ = try ScenarioLoader.load(path: "\(badInputDirectory)/\(name)")
            Issue.record("\(name) was accepted")
        } catch {
            let lines = error.diagnostics.map { $0.description.replacingOccurrences(of: badInputDirectory + "/", with: "") }
            for line in expected {
                #expect(lines.contains(line), "\(name): expected \(line)\ngot:\n\(lines.joined(separator: "\n"))")
            }
            #expect(!error.errors.isEmpty)
        }
    }
}
