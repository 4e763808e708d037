import Foundation
import Testing

/// `whatif`, `compare` and `recommend` through the binary on the bundled Wuwei scenario.
@Suite("whatif, compare, recommend (binary)", .serialized)
struct WhatifTests {
    static let root = CLIRunner.packageRoot
    static let scenario = root + "/Scenarios/wuwei-2025"
    static let staffCut = root + "/Scenarios/wuwei-2025/whatif/scjg-staff-cut.yaml"

    static func json(_ path: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
    }

    static func peak(_ plan: [String: Any], _ department: String) -> Double {
        ((plan["kpis"] as! [String: Any])["peak_utilisation"] as! [String: Double])[department]!
    }

    @Test func staffCutRaisesMarketRegulationsPeakAndTheChangedPlanPassesCheck() throws {
        let base = PlanCommandTests.temporaryFolder()
        let planned = try CLIRunner.run(["plan", Self.scenario, "--out", base, "--quiet"])
        #expect(planned.exitCode == 0, "\(planned.stderr)")

        let out = PlanCommandTests.temporaryFolder() + "/cut"
        let whatif = try CLIRunner.run(["whatif", Self.scenario, "--overlay", Self.staffCut,
                                        "--base-plan", base + "/plan.json", "--out", out, "--quiet"])
        #expect(whatif.exitCode == 0, "\(whatif.stderr)")
        #expect(whatif.stdout.contains("## 主要指标") && whatif.stdout.contains("| 目标值 |"), "\(whatif.stdout)")
        for file in ["plan.json", "plan.csv", "report.html", "summary.md", "comparison.md", "comparison.json"] {
            #expect(FileManager.default.fileExists(atPath: "\(out)/\(file)"), "\(file) missing")
        }
        // Expected direction: the same work on 80% of the officers uses a larger share of them.
        let before = try Self.json(base + "/plan.json")
        let after = try Self.json(out + "/plan.json")
        #expect(Self.peak(after, "scjg") > Self.peak(before, "scjg"))
        #expect((after["kpis"] as! [String: Any])["mandatory_unscheduled"] as? Int == 0)
        let comparison = try Self.json(out + "/comparison.json")
        let kpis = comparison["kpis"] as! [[String: Any]]
        #expect(kpis.contains { $0["name"] as? String == "sessions" && $0["difference"] as? Double == 0 })

        let check = try CLIRunner.run(["check", Self.scenario, "--overlay", Self.staffCut, out + "/plan.json"])
        #expect(check.exitCode == 0, "\(check.stdout)")
        // Against the unchanged scenario the digest tells the plans apart.
        let wrong = try CLIRunner.run(["check", Self.scenario, out + "/plan.json"])
        #expect(wrong.exitCode == 3 && wrong.stdout.contains("DIGEST"))

        // compare gives the same comparison from the two files.
        let again = PlanCommandTests.temporaryFolder()
        let compare = try CLIRunner.run(["compare", base + "/plan.json", out + "/plan.json", "--out", again])
        #expect(compare.exitCode == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: again + "/comparison.json"))
                == Data(contentsOf: URL(fileURLWithPath: out + "/comparison.json")))

        // --stable keeps the changed plan on the base plan's weeks unless moving pays for itself: here the
        // staff cut only adds overload, so nothing moves and the objective cannot fall.
        let stableOut = PlanCommandTests.temporaryFolder() + "/stable"
        let stable = try CLIRunner.run(["whatif", Self.scenario, "--overlay", Self.staffCut, "--stable",
                                        "--base-plan", base + "/plan.json", "--out", stableOut, "--quiet"])
        #expect(stable.exitCode == 0, "\(stable.stderr)")
        #expect(stable.stdout.contains("## 调整时间 (0)"), "\(stable.stdout)")
        let stablePlan = try Self.json(stableOut + "/plan.json")
        let objective = { (plan: [String: Any]) in (plan["solver"] as! [String: Any])["objective"] as! Double }
        #expect(objective(stablePlan) >= objective(before))
        let stableCheck = try CLIRunner.run(["check", Self.scenario, "--overlay", Self.staffCut, stableOut + "/plan.json"])
        #expect(stableCheck.exitCode == 0, "\(stableCheck.stdout)")

        // recommend: at least three options for a new request, each verified by check when applied.
        let options = PlanCommandTests.temporaryFolder() + "/rec"
        let request = Self.root + "/Scenarios/wuwei-2025/whatif/new-request.yaml"
        let recommend = try CLIRunner.run(["recommend", Self.scenario, base + "/plan.json", "--request", request,
                                           "--out", options])
        #expect(recommend.exitCode == 0, "\(recommend.stderr)")
        #expect(recommend.stdout.contains("3. week "), "\(recommend.stdout)")
        for number in 1...3 {
            let result = try CLIRunner.run(["check", Self.scenario, "--overlay", options + "/request-overlay.yaml",
                                            "\(options)/option-\(number)/plan.json"])
            #expect(result.exitCode == 0, "option \(number): \(result.stdout)")
        }
    }

    @Test func badOverlayExitsTwoAndWritesNothing() throws {
        let folder = PlanCommandTests.temporaryFolder()
        let overlay = folder + "/bad.yaml"
        try Data("format: jointplan-overlay/v1\npatch:\n  requests:\n    - {id: R99, remove: true}\n".utf8)
            .write(to: URL(fileURLWithPath: overlay))
        let out = folder + "/out"
        let result = try CLIRunner.run(["whatif", Self.scenario, "--overlay", overlay, "--out", out])
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("bad.yaml:4: patch.requests[0].id: cannot remove request 'R99': no such id in the scenario"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
