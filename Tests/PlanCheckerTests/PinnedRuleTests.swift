import JointPlanCore
import PlanChecker
import Testing

@Suite("H7 pinned sessions and moves against a reference plan")
struct PinnedRuleTests {
    static let freeze = Fixtures.date("2025-03-15")

    /// The plain plan with the sessions starting before 15 March (R1 round 1 in east and west, R2) pinned.
    static var pinnedPlan: PlanDocument {
        var plan = Fixtures.plainPlan
        for key in [("R1", 1, "east"), ("R1", 1, "west"), ("R2", 1, "east")] {
            plan.sessions[plan.index(key.0, key.1, key.2)].pinned = true
        }
        return plan
    }

    @Test func frozenSessionsMarkedPinnedPass() {
        let report = PlanChecker.check(scenario: Fixtures.plain, plan: Self.pinnedPlan,
                                       reference: Fixtures.plainPlan, freezeUntil: Self.freeze)
        #expect(report.violations == [], "\(report.lines)")
    }

    @Test func frozenSessionsNotMarkedPinnedBreakH7() {
        let report = PlanChecker.check(scenario: Fixtures.plain, plan: Fixtures.plainPlan,
                                       reference: Fixtures.plainPlan, freezeUntil: Self.freeze)
        #expect(report.ruleSet == [.h7], "\(report.lines)")
        #expect(report.violations.count == 3)
        #expect(report.lines.first == "H7: pinned session R1 round 1 in east (reference week 10, first day 2025-03-03 before 2025-03-15) is not marked pinned")
    }

    @Test func pinnedSessionAfterTheFreezeBreaksH7() {
        var plan = Self.pinnedPlan
        plan.sessions[plan.index("R1", 2, "east")].pinned = true
        let report = PlanChecker.check(scenario: Fixtures.plain, plan: plan, reference: Fixtures.plainPlan,
                                       freezeUntil: Self.freeze)
        #expect(report.ruleSet == [.h7], "\(report.lines)")
        #expect(report.lines == ["H7: session R1 round 2 in east is marked pinned but is no reference session starting before 2025-03-15"])
    }

    @Test func frozenSessionMovedBreaksH7() {
        // In the reference R2 ran in week 9; it now runs in week 10: one move at 500.
        var reference = Fixtures.plainPlan
        let r2 = reference.index("R2", 1, "east")
        reference.sessions[r2].week = 9
        reference.sessions[r2].days = ["2025-02-24"]
        var plan = Self.pinnedPlan
        plan.kpis.moved = 1
        plan.state(objective: 645.6 + 500)
        let report = PlanChecker.check(scenario: Fixtures.plain, plan: plan, reference: reference,
                                       freezeUntil: Self.freeze)
        #expect(report.ruleSet == [.h7], "\(report.lines)")
        #expect(report.lines == ["H7: pinned session R2 round 1 in east (reference week 9, first day 2025-02-24 before 2025-03-15) moved to week 10, days 2025-03-03"])
    }

    @Test func movesAreCountedAgainstTheReference() {
        var reference = Fixtures.plainPlan
        for region in ["east", "west"] { reference.sessions[reference.index("R3", 1, region)].week = 21 }
        var plan = Fixtures.plainPlan
        plan.kpis.moved = 2
        plan.state(objective: 645.6 + 2 * 500)
        let report = PlanChecker.check(scenario: Fixtures.plain, plan: plan, reference: reference)
        #expect(report.violations == [], "\(report.lines)")
        #expect(abs(report.recomputedObjective - 1645.6) < 1e-9)

        let unmoved = PlanChecker.check(scenario: Fixtures.plain, plan: Fixtures.plainPlan, reference: reference)
        #expect(unmoved.ruleSet == [.plan, .objective], "\(unmoved.lines)")
        #expect(unmoved.lines.first == "PLAN: kpis.moved is 0, recomputed 2")
    }

    @Test func withoutReferenceThePlansMoveCountIsUsed() {
        // `jointplan check` has no reference: the moves of a re-planned plan cannot be re-derived.
        var plan = Fixtures.plainPlan
        plan.kpis.moved = 1
        plan.state(objective: 645.6 + 500)
        let report = PlanChecker.check(scenario: Fixtures.plain, plan: plan)
        #expect(report.violations == [], "\(report.lines)")
        plan.kpis.moved = 99
        #expect(PlanChecker.check(scenario: Fixtures.plain, plan: plan).ruleSet == [.plan, .objective])
    }

    /// A re-plan records its freeze date: with only `--reference`, or with nothing, `check` uses it. A pinned
    /// session dropped or moved is reported; without the reference, a session marked pinned after the
    /// freeze date is (only the past is pinned).
    @Test func theRecordedFreezeDateStandsInForTheOption() {
        var plan = Self.pinnedPlan
        plan.replan = ReplanRecord(freezeUntil: Self.freeze.iso, pinned: 3, moved: [], conflicts: [])
        #expect(PlanChecker.check(scenario: Fixtures.plain, plan: plan, reference: Fixtures.plainPlan).violations == [])

        var unpinned = plan
        unpinned.sessions[unpinned.index("R2", 1, "east")].pinned = false
        let report = PlanChecker.check(scenario: Fixtures.plain, plan: unpinned, reference: Fixtures.plainPlan)
        #expect(report.lines.contains { $0.hasPrefix("H7: pinned session R2 round 1 in east") && $0.hasSuffix("is not marked pinned") },
                "\(report.lines)")

        var late = plan
        late.sessions[late.index("R1", 2, "east")].pinned = true
        let alone = PlanChecker.check(scenario: Fixtures.plain, plan: late)
        #expect(alone.ruleSet == [.h7], "\(alone.lines)")
        #expect(alone.lines.first?.contains("is marked pinned but starts on") == true, "\(alone.lines)")

        let other = PlanChecker.check(scenario: Fixtures.plain, plan: plan, reference: Fixtures.plainPlan,
                                      freezeUntil: Fixtures.date("2025-03-20"))
        #expect(other.lines.contains("PLAN: replan.freeze_until is 2025-03-15, --freeze-until 2025-03-20"), "\(other.lines)")
    }
}
