import JointPlanCore
import PlanChecker
import Testing
@testable import JointPlanSolver

/// The planner against an exhaustive enumerator on random tiny scenarios: same optimum, and every plan
/// passes the independent checker.
@Suite struct OracleTests {
    static let seeds: [UInt64] = Array(1...220)

    @Test(arguments: seeds)
    func plannerFindsTheBruteForceOptimum(seed: UInt64) throws {
        let scenario = RandomScenarios.make(seed: seed)
        let oracle = BruteForceOracle(scenario).optimum()
        let outcome = try Planner.plan(scenario: scenario, digest: "test",
                                       options: PlanOptions(timeLimit: 20, gap: 0))
        let plan = outcome.document
        #expect(abs(plan.solver.objective - oracle) <= 1e-6 * max(1, abs(oracle)),
                "seed \(seed): planner \(plan.solver.objective), brute force \(oracle)")
        #expect(plan.solver.status == "optimal", "seed \(seed)")
        let report = PlanChecker.check(scenario: scenario, plan: plan)
        #expect(report.violations.filter { !($0.rule == .h1 && $0.message.hasPrefix("mandatory session")) }.isEmpty,
                "seed \(seed): \(report.violations)")
        #expect(abs(report.recomputedObjective - plan.solver.objective) <= 1e-6 * max(1, abs(oracle)))
    }
}

/// Larger random scenarios (too big to enumerate): every plan passes the independent checker and its
/// objective is the one the checker recomputes.
@Suite struct PropertyTests {
    @Test(arguments: Array(UInt64(1001)...UInt64(1040)))
    func everyPlanPassesCheck(seed: UInt64) throws {
        let scenario = RandomScenarios.make(seed: seed, maxSessions: 24, maxWindowWeeks: 8)
        let plan = try Planner.plan(scenario: scenario, digest: "test", options: PlanOptions(timeLimit: 10)).document
        let report = PlanChecker.check(scenario: scenario, plan: plan)
        let unexpected = report.violations.filter { !($0.rule == .h1 && $0.message.hasPrefix("mandatory session")) }
        #expect(unexpected.isEmpty, "seed \(seed): \(unexpected)")
        #expect(plan.kpis.mandatoryUnscheduled == report.violations.filter { $0.rule == .h1 }.count)
    }
}
