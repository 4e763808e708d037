import Foundation
import Testing

/// Runs the real `jointplan validate` on every case of Tests/JointPlanFormatsTests/BadInput.
@Suite("Bad input corpus (binary)")
struct BadInputCorpusTests {
    static let corpus = CLIRunner.packageRoot + "/Tests/JointPlanFormatsTests/BadInput"

    static func cases() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: corpus)) ?? []
        return names.filter { FileManager.default.fileExists(atPath: "\(corpus)/\($0)/expected.txt") }.sorted()
    }

    @Test func corpusIsLargeEnough() { #expect(Self.cases().count >= 30) }

    @Test(arguments: cases())
    func validateRejects(name: String) throws {
        let expected = try String(contentsOfFile: "\(Self.corpus)/\(name)/expected.txt", encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let result = try CLIRunner.run(["validate", name], cwd: Self.corpus)
        #expect(!result.signaled, "\(name) died by a signal")
        #expect(result.exitCode == 2, "\(name): exit \(result.exitCode)\n\(result.stderr)")
        let lines = result.stderr.split(separator: "\n").map(String.init)
        for line in expected {
            #expect(lines.contains(line), "\(name): expected \(line)\nstderr:\n\(result.stderr)")
        }
        #expect(result.stdout.isEmpty)
    }

    @Test func validScenarioPrintsSummary() throws {
        let fixture = CLIRunner.packageRoot + "/Tests/JointPlanFormatsTests/Fixtures/basic"
        let result = try CLIRunner.run(["validate", fixture])
        #expect(result.exitCode == 0 && !result.signaled)
        #expect(result.stdout == "测试市2025年度联合执法计划 (2025): 3 regions, 3 departments, 2 targets, 4 requests, 11 sessions\n")
        #expect(result.stderr.contains("warning: departments[0].unavailable"))
    }

    @Test func missingPathIsInputError() throws {
        let result = try CLIRunner.run(["validate", "/no/such/dir"])
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("/no/such/dir: no such file or directory"))
    }
}
