import Foundation
import Testing

/// `explain` through the real binary: reasons in both languages, the shortfall of the over-committed
/// year, capacity values, bad input, and the Wuwei plan explained within 2 s.
@Suite("explain (binary)", .serialized)
struct ExplainCommandTests {
    static let root = CLIRunner.packageRoot
    static let infeasible = "\(root)/Scenarios/infeasible-mandatory"

    static func planned(_ scenario: String, _ extra: [String] = []) throws -> String {
        let out = PlanCommandTests.temporaryFolder()
        let result = try CLIRunner.run(["plan", scenario, "--out", out, "--quiet"] + extra)
        #expect([0, 3].contains(result.exitCode), "\(result.stderr)")
        return out
    }

    @Test func overcommittedYearShortfallInPlanSummaryAndExplain() throws {
        let out = PlanCommandTests.temporaryFolder()
        let result = try CLIRunner.run(["plan", Self.infeasible, "--out", out])
        #expect(result.exitCode == 3)
        #expect(result.stdout.contains("市场监督管理局 pool county: +1 officer-day a week in weeks 11–12 (2 in all)"))
        let plan = try PlanCommandTests.plan(at: out)
        let shortfall = plan["shortfall"] as? [[String: Any]]
        #expect(shortfall?.count == 1 && shortfall?.first?["officer_days"] as? Double == 2)
        let summary = try String(contentsOfFile: out + "/summary.md", encoding: .utf8)
        #expect(summary.contains("- 市场监督管理局（示例县）：第11–12周每周增加1人·日（共2人·日）"))
        let report = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        #expect(report.contains("<li>市场监督管理局（示例县）：第11–12周每周增加1人·日（共2人·日）</li>"))
        #expect(try CLIRunner.run(["check", Self.infeasible, out + "/plan.json"]).stdout.contains("H1"))

        let zh = try CLIRunner.run(["explain", Self.infeasible, out + "/plan.json"])
        #expect(zh.exitCode == 0, "\(zh.stderr)")
        #expect(zh.stdout.contains("M3 燃气经营企业联合检查（示例县，第1轮，优先级：必须）：未安排\n  第1–10周：不在时间窗口内\n  第11–12周：市场监督管理局（示例县）执法力量需要6人·日，仅剩5人·日\n"))
        #expect(zh.stdout.contains("执法力量缺口：其他事项让位时，使每项必须事项都能安排的最少增加量（共2人·日）"))
        let en = try CLIRunner.run(["explain", Self.infeasible, out + "/plan.json", "--request", "M4", "--lang", "en"])
        #expect(en.stdout == """
            M4 烟花爆竹零售点联合检查 — round 1 in 示例县 (mandatory): unscheduled
              weeks 1–10: outside window
              weeks 11–12: 市场监督管理局 pool county needs 6 officer-days, 5 free
              weeks 13–53: outside window

            """)
        let capacity = try CLIRunner.run(["explain", Self.infeasible, out + "/plan.json", "--capacity", "--lang", "en"])
        #expect(capacity.stdout.contains("市场监督管理局 pool county, week 11: objective −166656.33 per extra officer"))
    }

    @Test func planReasonsFollowLang() throws {
        let out = try Self.planned(Self.infeasible, ["--lang", "en"])
        let plan = try PlanCommandTests.plan(at: out)
        let first = (plan["unscheduled"] as? [[String: Any]])?.first
        #expect((first?["reasons"] as? [String])?.contains("weeks 11–12: 市场监督管理局 pool county needs 6 officer-days, 5 free") == true)
    }

    @Test func badInputExitsTwoNamingTheFileAndField() throws {
        let out = try Self.planned(Self.infeasible)
        let unknown = try CLIRunner.run(["explain", Self.infeasible, out + "/plan.json", "--request", "M9"])
        #expect(unknown.exitCode == 2 && unknown.stderr.contains("--request: 'M9'"))
        let other = try CLIRunner.run(["explain", "\(Self.root)/Scenarios/small/caps.yaml", out + "/plan.json"])
        #expect(other.exitCode == 2 && other.stderr.contains("plan.json: scenario.digest"))
        // A session the scenario does not have: the field is named.
        var text = try String(contentsOfFile: out + "/plan.json", encoding: .utf8)
        text = text.replacingOccurrences(of: "\"request\" : \"M1\"", with: "\"request\" : \"M7\"")
        try text.write(toFile: out + "/edited.json", atomically: true, encoding: .utf8)
        let edited = try CLIRunner.run(["explain", Self.infeasible, out + "/edited.json"])
        #expect(edited.exitCode == 2)
        #expect(edited.stderr.contains("edited.json: sessions[") && edited.stderr.contains("].request: M7 round 1 in county"),
                "\(edited.stderr)")
        let missing = try CLIRunner.run(["explain", Self.infeasible, out + "/none.json"])
        #expect(missing.exitCode == 2 && missing.stdout.isEmpty)
    }

    @Test func wuweiIsExplainedWithinTwoSeconds() throws {
        let scenario = "\(Self.root)/Scenarios/wuwei-2025"
        let out = try Self.planned(scenario, ["--time-limit", "5"])
        let started = Date()
        let result = try CLIRunner.run(["explain", scenario, out + "/plan.json"])
        let seconds = Date().timeIntervalSince(started)
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(seconds < 2, "explain took \(seconds) s")
        #expect(!result.stdout.isEmpty)
    }
}
