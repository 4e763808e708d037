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
        #expect(report.violations.filter { $0.rule != .h1 }.isEmpty, "seed \(seed): \(report.violations)")
        #expect(abs(report.recomputedObjective - plan.solver.objective) <= 1e-6 * max(1, abs(oracle)))
    }
}
