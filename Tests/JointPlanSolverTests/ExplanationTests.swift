import JointPlanCore
import Testing
@testable import JointPlanSolver

/// Week-by-week reasons on hand-made scenarios where each kind of reason is the only one that binds
/// inside the window, asserted word for word in both languages; and one session blocked by two rules in
/// different weeks.
@Suite struct ExplanationTests {
    /// The explanation of one session of `plan`, rendered in Chinese and in English. The planner's own
    /// `unscheduled[].reasons` (Chinese by default) must be the Chinese rendering.
    func reasons(_ scenario: Scenario, _ plan: PlanDocument, _ request: String, round: Int = 1,
                 region: String = "east") throws -> (zh: [String], en: [String]) {
        let explanation = try #require(try Explanations.explain(scenario: scenario, plan: plan, request: request)
            .first { $0.key == SessionKey(request: request, round: round, region: region) })
        let zh = ReasonText(scenario: scenario, language: .zh).lines(explanation)
        let en = ReasonText(scenario: scenario, language: .en).lines(explanation)
        if let listed = plan.unscheduled.first(where: { $0.request == request && $0.round == round && $0.region == region }) {
            #expect(listed.reasons == zh)
        }
        return (zh, en)
    }

    static let week10 = Tiny.range((3, 3), (3, 7))
    static let week11 = Tiny.range((3, 10), (3, 14))
    static let week12 = Tiny.range((3, 17), (3, 21))
    static let week13 = Tiny.range((3, 24), (3, 28))

    @Test func outsideWindowAndTooFewWorkingDays() throws {
        // National Day 2025: week 40 (29 Sep – 5 Oct) has two working days; the session needs three.
        let scenario = Tiny.scenario(requests: [Tiny.request("R1", window: Tiny.range((9, 29), (10, 5)), days: 3)],
                                     calendar: CalendarSpec(preset: "cn-official"))
        let plan = try Tiny.plan(scenario)
        let text = try reasons(scenario, plan, "R1")
        #expect(text.en == ["weeks 1–39: outside window", "week 40: 2 working days, needs 3", "weeks 41–53: outside window"])
        #expect(text.zh == ["第1–39周：不在时间窗口内", "第40周：只有2个工作日，需要3天", "第41–53周：不在时间窗口内"])
    }

    @Test func regionClosure() throws {
        var regions = [Region(id: "city", name: "市"), Region(id: "east", name: "东区", parent: "city")]
        regions[1].closed = [Closure(range: Tiny.range((3, 11), (3, 14)))]
        let scenario = Tiny.scenario(requests: [Tiny.request("R1", window: Self.week11, days: 2)], regions: regions)
        let text = try reasons(scenario, try Tiny.plan(scenario), "R1")
        #expect(text.en[1] == "week 11: 1 working day open in 东区, needs 2")
        #expect(text.zh[1] == "第11周：东区只有1个工作日，需要2天")
    }

    @Test func capacity() throws {
        // Department a: 2 officers × share 1 → 10 officer-days a week; R2 (high) takes 6, R1 needs 6.
        let scenario = Tiny.scenario(requests: [
            Tiny.request("R1", window: Self.week11, days: 3, priority: .low),
            Tiny.request("R2", window: Self.week11, days: 3, priority: .high, targets: []),
        ], staff: 2)
        let text = try reasons(scenario, try Tiny.plan(scenario), "R1")
        #expect(text.en == ["weeks 1–10: outside window", "week 11: 甲局 pool city needs 6 officer-days, 4 free",
                            "weeks 12–53: outside window"])
        #expect(text.zh == ["第1–10周：不在时间窗口内", "第11周：甲局（市）执法力量需要6人·日，仅剩4人·日", "第12–53周：不在时间窗口内"])
    }

    @Test func revisit() throws {
        let scenario = Tiny.scenario(requests: [
            Tiny.request("R1", window: Self.week10, priority: .high),
            Tiny.request("R2", window: Self.week12),
        ], policy: Policy(minRevisitWeeks: 4))
        let text = try reasons(scenario, try Tiny.plan(scenario), "R2")
        #expect(text.en[1] == "week 12: 商店 in 东区 visited by R1 in week 10 (min revisit 4 weeks)")
        #expect(text.zh[1] == "第12周：东区商店已于第10周由R1检查（至少间隔4周）")
        #expect(text.en.count == 3)
    }

    @Test func yearlyCap() throws {
        let targets = [Target(id: "shop", name: "商店", count: [Entry("east", 5)], maxVisitsPerYear: 1)]
        let scenario = Tiny.scenario(requests: [
            Tiny.request("R1", window: Self.week10, priority: .high),
            Tiny.request("R2", window: Self.week12),
        ], targets: targets)
        let text = try reasons(scenario, try Tiny.plan(scenario), "R2")
        #expect(text.en[1] == "week 12: 商店 in 东区 already has 1 visit week (max 1 per year)")
        #expect(text.zh[1] == "第12周：东区商店本年已有1周入企检查（每年最多1次）")
    }

    @Test func departmentCap() throws {
        let targets = [Target(id: "shop", name: "商店", count: [Entry("east", 5)], maxVisitsPerDepartment: 1)]
        let scenario = Tiny.scenario(requests: [
            Tiny.request("R1", window: Self.week10, priority: .high),
            Tiny.request("R2", window: Self.week12),
        ], targets: targets)
        let text = try reasons(scenario, try Tiny.plan(scenario), "R2")
        #expect(text.en[1] == "week 12: 甲局 already inspects 商店 in 东区 in 1 week (max 1 per department)")
        #expect(text.zh[1] == "第12周：甲局本年已有1周参与检查东区商店（每个部门最多1次）")
    }

    @Test func roundGap() throws {
        // Three weeks of window, a 3-week gap: round 1 takes its preferred week 10, round 2 cannot follow.
        let scenario = Tiny.scenario(requests: [
            Tiny.request("R1", window: Tiny.range((3, 3), (3, 21)), rounds: 2, gap: 3, preferred: Self.week10),
        ])
        let text = try reasons(scenario, try Tiny.plan(scenario), "R1", round: 2)
        #expect(text.en == ["weeks 1–9: outside window", "weeks 10–12: round 1 is in week 10 (min gap 3 weeks)",
                            "weeks 13–53: outside window"])
        #expect(text.zh[1] == "第10–12周：第1轮在第10周（两轮至少间隔3周）")
    }

    @Test func previousRoundNotPlaced() throws {
        // R0 (high) visits the shops in week 10; R1's round 1 would revisit them in week 11, and its round 2
        // needs round 1.
        let scenario = Tiny.scenario(requests: [
            Tiny.request("R0", window: Self.week10, priority: .high),
            Tiny.request("R1", window: Self.week11, rounds: 2),
        ], policy: Policy(minRevisitWeeks: 4))
        let plan = try Tiny.plan(scenario)
        let second = try reasons(scenario, plan, "R1", round: 2)
        #expect(second.en[1] == "week 11: round 1 is not placed")
        #expect(second.zh[1] == "第11周：第1轮未安排")
        let first = try reasons(scenario, plan, "R1", round: 1)
        #expect(first.en[1] == "week 11: 商店 in 东区 visited by R0 in week 10 (min revisit 4 weeks)")
    }

    @Test func displacement() throws {
        // 4 officer-days a week. N1 and N2 (normal, weighted 6,000 each here) fill week 11; R2 (high, 10,000)
        // needs all 4: placing it would push both out, a loss of 12,000 against 10,000 saved.
        var scenario = Tiny.scenario(requests: [
            Tiny.request("R2", window: Self.week11, officers: 4, priority: .high, targets: []),
            Tiny.request("N1", window: Self.week11, targets: []),
            Tiny.request("N2", window: Self.week11, targets: []),
        ], staff: 0.8)
        scenario.objective.unscheduledNormal = 6_000
        let plan = try Tiny.plan(scenario)
        #expect(Tiny.week(plan, "N1") == 11 && Tiny.week(plan, "N2") == 11)
        let text = try reasons(scenario, plan, "R2")
        #expect(text.en[1] == "week 11: 甲局 pool city needs 4 officer-days, 0 free; placing it would displace "
            + "N1 round 1 in 东区 (normal), N2 round 1 in 东区 (normal) at a cost of 12000")
        #expect(text.zh[1] == "第11周：甲局（市）执法力量需要4人·日，仅剩0人·日；安排须挤出N1第1轮（东区，中）、N2第1轮（东区，中），代价12000")
    }

    @Test func placingCostsMoreThanItSaves() throws {
        var scenario = Tiny.scenario(requests: [Tiny.request("R1", window: Self.week11, priority: .low)])
        scenario.objective.visit = 200
        let text = try reasons(scenario, try Tiny.plan(scenario), "R1")
        #expect(text.en[1] == "week 11: placing it would cost 200 (visits, overload, preference), more than the 100 saved")
        #expect(text.zh[1] == "第11周：安排将增加200（入企检查、超负荷、非优先时段），超过未安排的代价100")
    }

    @Test func twoRulesInDifferentWeeks() throws {
        // R1 may go in week 11 or 12: R0 (high) leaves 4 of 10 officer-days in week 11, and R3 (high)
        // visits the shops in week 13, too close to week 12.
        let scenario = Tiny.scenario(requests: [
            Tiny.request("R0", window: Self.week11, days: 3, priority: .high, targets: []),
            Tiny.request("R1", window: Tiny.range((3, 10), (3, 21)), days: 3),
            Tiny.request("R3", window: Self.week13, priority: .high),
        ], staff: 2, policy: Policy(minRevisitWeeks: 2))
        let text = try reasons(scenario, try Tiny.plan(scenario), "R1")
        #expect(text.en == ["weeks 1–10: outside window", "week 11: 甲局 pool city needs 6 officer-days, 4 free",
                            "week 12: 商店 in 东区 visited by R3 in week 13 (min revisit 2 weeks)",
                            "weeks 13–53: outside window"])
        #expect(text.zh == ["第1–10周：不在时间窗口内", "第11周：甲局（市）执法力量需要6人·日，仅剩4人·日",
                            "第12周：东区商店已于第13周由R3检查（至少间隔2周）", "第13–53周：不在时间窗口内"])
    }

    @Test func synchronisedRoundAndAClosedRegion() throws {
        // West is closed in week 11; east cannot take week 12 (R0 visits its shops in week 13), so the
        // synchronised round keeps east in its preferred week 11 and west cannot follow.
        var regions = [Region(id: "city", name: "市"), Region(id: "east", name: "东区", parent: "city"),
                       Region(id: "west", name: "西区", parent: "city")]
        regions[2].closed = [Closure(range: Self.week11)]
        let scenario = Tiny.scenario(requests: [
            Tiny.request("R0", window: Self.week13, priority: .high),
            Tiny.request("R1", window: Tiny.range((3, 10), (3, 21)), regions: ["east", "west"], sync: true,
                         preferred: Self.week11),
        ], policy: Policy(minRevisitWeeks: 2), regions: regions)
        let text = try reasons(scenario, try Tiny.plan(scenario), "R1", region: "west")
        #expect(text.en == ["weeks 1–10: outside window", "week 11: no working days open in 西区, needs 1",
                            "week 12: synchronised with 东区 in week 11", "weeks 13–53: outside window"])
        #expect(text.zh[1...2] == ["第11周：西区本周没有可用的工作日，需要1天", "第12周：须与东区同周（第11周）"])
    }

    @Test func placedOutsideItsPreferredWeek() throws {
        let scenario = Tiny.scenario(requests: [
            Tiny.request("R0", window: Self.week11, days: 3, priority: .high, targets: []),
            Tiny.request("R1", window: Tiny.range((3, 10), (3, 21)), days: 3, preferred: Self.week11),
        ], staff: 2)
        let plan = try Tiny.plan(scenario)
        #expect(Tiny.week(plan, "R1") == 12)
        let explanation = try #require(try Explanations.explain(scenario: scenario, plan: plan, request: "R1").first)
        #expect(explanation.status == .outsidePreferred(week: 12))
        let en = ReasonText(scenario: scenario, language: .en)
        #expect(en.heading(explanation) == "R1 事项R1 — round 1 in 东区 (normal): placed in week 12, outside its preferred dates")
        #expect(en.lines(explanation) == ["weeks 1–10: outside window", "week 11: 甲局 pool city needs 6 officer-days, 4 free",
                                         "week 12: placed here", "weeks 13–53: outside window"])
        let zh = ReasonText(scenario: scenario, language: .zh)
        #expect(zh.heading(explanation) == "R1 事项R1（东区，第1轮，优先级：中）：安排在第12周，不在优先时段")
        #expect(zh.lines(explanation)[2] == "第12周：安排在此周")
    }

    /// Round 2 must wait 3 weeks after round 1 (week 10, preferred), so it lands outside its preferred
    /// weeks 10–11. Weeks 11–12 are outside preferred too, but the round gap is why they were not taken.
    @Test func aRuleOutsideThePreferredWeeksIsNamed() throws {
        let scenario = Tiny.scenario(requests: [
            Tiny.request("R1", window: Tiny.range((3, 3), (3, 28)), rounds: 2, gap: 3,
                         preferred: Tiny.range((3, 3), (3, 14))),
        ])
        let plan = try Tiny.plan(scenario)
        #expect(Tiny.week(plan, "R1", round: 1) == 10)
        #expect(Tiny.week(plan, "R1", round: 2) == 13)
        let explanation = try #require(try Explanations.explain(scenario: scenario, plan: plan, request: "R1").first)
        #expect(explanation.status == .outsidePreferred(week: 13))
        let en = ReasonText(scenario: scenario, language: .en)
        #expect(en.lines(explanation)[1] == "weeks 10–12: round 1 is in week 10 (min gap 3 weeks)",
                "\(en.lines(explanation))")
    }

    @Test func aPlanFromAnotherScenarioIsRejectedByField() throws {
        let scenario = Tiny.scenario(requests: [Tiny.request("R1", window: Self.week11)])
        var plan = try Tiny.plan(scenario)
        plan.sessions[0].request = "R9"
        #expect(throws: PlanInputError(field: "sessions[0].request", message: "R9 round 1 in east is not a session of the scenario")) {
            try Explanations.explain(scenario: scenario, plan: plan)
        }
    }

    /// 3.9996 officer-days free against 4 needed read "needs 4, 4 free" at two decimals: the digits that
    /// make the difference are shown.
    @Test func aNearMissShowsTheDigitsThatMatter() {
        let scenario = Tiny.scenario(requests: [])
        let en = ReasonText(scenario: scenario, language: .en)
        #expect(en.text(.capacity(department: "a", pool: "city", needed: 4, free: 3.9996)).hasSuffix(", 3.9996 free"))
        #expect(en.text(.capacity(department: "a", pool: "city", needed: 4, free: 2.5)).hasSuffix(", 2.5 free"))
        let zh = ReasonText(scenario: scenario, language: .zh)
        #expect(zh.text(.capacity(department: "a", pool: "city", needed: 4, free: 3.9996)).hasSuffix("仅剩3.9996人·日"))
    }
}
