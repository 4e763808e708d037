import JointPlanCore
import Testing
@testable import JointPlanSolver

/// The tightening rows of `MergedLoadRules` (capz, balz, cover, xmerge) and `OverloadCardinalityRules`
/// (xover): no integer point may be lost, and the LP bound must rise where merges or overloads are fractional.
@Suite struct MergedLoadRulesTests {
    static let tightening = ["capz_", "balz_", "cover_", "xmerge_", "xover_", "overx_"]

    static func isTightening(_ name: String) -> Bool { tightening.contains { name.hasPrefix($0) } }

    /// The model without the tightening rows (same columns, every other row).
    static func withoutTightening(_ model: LinearModel) -> LinearModel {
        var copy = LinearModel()
        copy.constant = model.constant
        for column in model.columns {
            _ = copy.addColumn(column.name, column.kind, lower: column.lower, upper: column.upper, cost: column.cost)
        }
        for row in model.rows where !isTightening(row.name) {
            copy.addRow(row.name, row.terms.map { ($0.column, $0.coefficient) }, lower: row.lower, upper: row.upper)
        }
        return copy
    }

    /// Validity: on random tiny scenarios, every placement that keeps the rules (all other rows hold
    /// for its completed solution) also keeps every tightening row; each kind of row occurs and binds.
    @Test func noPlacementThatKeepsTheRulesIsCutOff() throws {
        var seen: Set<String> = []
        for seed in UInt64(1)...UInt64(400) {
            let scenario = RandomScenarios.make(seed: seed, maxSessions: 5, maxWindowWeeks: 3)
            let instance = try Planner.makeInstance(scenario, PlanOptions())
            let model = ModelBuilder.build(instance)
            for row in model.linear.rows where Self.isTightening(row.name) {
                seen.insert(Self.tightening.first { row.name.hasPrefix($0) }!)
            }
            let choices = model.placementColumns.map { [nil] + $0.map { Optional($0.week) } }
            guard choices.reduce(1, { $0 * $1.count }) <= 50_000 else { continue }
            var placement = Array(repeating: Int?.none, count: choices.count)
            func visit(_ index: Int) {
                if index == choices.count {
                    let broken = model.linear.violatedRows(model.solution(for: placement))
                    guard broken.allSatisfy(Self.isTightening) else { return }
                    #expect(broken.isEmpty, "seed \(seed): \(placement) keeps the rules but breaks \(broken)")
                    return
                }
                for week in choices[index] {
                    placement[index] = week
                    visit(index + 1)
                }
            }
            visit(0)
        }
        #expect(seen == Set(Self.tightening), "kinds seen: \(seen.sorted())")
    }

    /// Strength: three sessions on one pool of 15 officer-days a week need 16 together, so only two can
    /// share a week. P (pharmacy, 4) and R (medical, 6) each share a target with Q (both, 6): the best
    /// plan merges one pair (3 visits); without the rows the LP merges all three at 15/16 each.
    @Test func theLPBoundRisesOnAnUnmergeableTriple() throws {
        let window = Tiny.range((3, 3), (3, 28))
        let scenario = Tiny.scenario(
            requests: [Tiny.request("P", window: window, days: 2, targets: ["pharmacy"]),
                       Tiny.request("Q", window: window, days: 3, targets: ["medical", "pharmacy"]),
                       Tiny.request("R", window: window, days: 3, targets: ["medical"])],
            staff: 3,
            targets: [Target(id: "pharmacy", name: "药店", count: [Entry("east", 5)]),
                      Target(id: "medical", name: "医院", count: [Entry("east", 5)])])
        let instance = try Planner.makeInstance(scenario, PlanOptions())
        let model = ModelBuilder.build(instance)
        #expect(model.linear.rows.contains { $0.name.hasPrefix("xmerge_") })
        let tight = try #require(try GLPKBackend.relaxation(model.linear).objective)
        let loose = try #require(try GLPKBackend.relaxation(Self.withoutTightening(model.linear)).objective)
        let optimum = try Tiny.plan(scenario).solver.objective
        #expect(optimum == 155)  // 3 visits × 50, P and Q merged: 10 officer-days, 1 above 0.6 × 15
        #expect(tight <= optimum + 1e-6)
        #expect(tight >= loose + 25, "tight \(tight), loose \(loose)")
    }

    /// Overload cardinality: three low-priority sessions of 20 officer-days each on one pool (capacity 50,
    /// threshold 30) in a one-week window. Any two overload it by 10, so the best plan places one (or two,
    /// at the same cost): 250. Without the xover row the LP runs 1.5 sessions at no overload (225).
    @Test func theLPBoundRisesWhenEveryPairOverloads() throws {
        let week = Tiny.range((3, 3), (3, 7))
        let targets = ["t1", "t2", "t3"].map { Target(id: $0, name: $0, count: [Entry("east", 5)]) }
        let scenario = Tiny.scenario(
            requests: ["P", "Q", "R"].enumerated().map { index, id in
                Tiny.request(id, window: week, days: 5, officers: 4, priority: .low, targets: [targets[index].id])
            },
            targets: targets)
        let instance = try Planner.makeInstance(scenario, PlanOptions())
        let model = ModelBuilder.build(instance)
        let rows = model.linear.rows.filter { $0.name.hasPrefix("xover_") }
        #expect(rows.count == 1)
        // Σ x − over / 10 ≤ 1.
        #expect(rows.first.map { row in
            row.upper == 1 && row.terms.filter { $0.coefficient == 1 }.count == 3
                && row.terms.contains { abs($0.coefficient + 0.1) < 1e-12 }
        } == true, "\(rows)")
        let tight = try #require(try GLPKBackend.relaxation(model.linear).objective)
        let loose = try #require(try GLPKBackend.relaxation(Self.withoutTightening(model.linear)).objective)
        let optimum = try Tiny.plan(scenario).solver.objective
        #expect(abs(optimum - 250) < 1e-6)
        #expect(abs(loose - 225) < 1e-6, "loose \(loose)")
        #expect(abs(tight - 250) < 1e-6, "tight \(tight)")
    }

    /// A merge-savings row may count only the sites two of its sessions share: Q lights both sites, P one
    /// of them, and together they overload the pool by 2, so v[pharmacy] + over / 2 ≥ x[P] + x[Q]
    /// (counting v[medical] too, the row would hold at any merge and say nothing).
    @Test func aMergeSavingsRowCountsTheSharedSiteOnly() throws {
        let window = Tiny.range((3, 3), (3, 14))
        let scenario = Tiny.scenario(
            requests: [Tiny.request("P", window: window, days: 4, officers: 4, targets: ["pharmacy"]),
                       Tiny.request("Q", window: window, days: 4, officers: 4, targets: ["medical", "pharmacy"])],
            targets: [Target(id: "pharmacy", name: "药店", count: [Entry("east", 5)]),
                      Target(id: "medical", name: "医院", count: [Entry("east", 5)])])
        let instance = try Planner.makeInstance(scenario, PlanOptions())
        let model = ModelBuilder.build(instance)
        let names = model.linear.columns.map(\.name)
        let shared = model.linear.rows.filter { row in
            row.name.hasPrefix("xmerge_") && row.terms.contains { names[$0.column].hasPrefix("v_pharmacy") }
                && !row.terms.contains { names[$0.column].hasPrefix("v_medical") }
        }
        // One per week of the window, each with the overload priced at 1 / (32 − 30).
        #expect(shared.count == 2, "\(model.linear.rows.filter { $0.name.hasPrefix("xmerge_") })")
        for row in shared {
            #expect(row.terms.contains { names[$0.column].hasPrefix("over_") && abs($0.coefficient - 0.5) < 1e-12 })
            #expect(row.terms.filter { names[$0.column].hasPrefix("x_") }.allSatisfy { $0.coefficient == -1 })
        }
    }

    /// Sessions that overload a pool alone add their overloads up: two sessions of 35 officer-days (capacity
    /// 50, threshold 30) spread by the LP at ¼ over four weeks overload each week by at least 5 × ½, not
    /// 5 × ¼ as one row per session said. The LP then meets the optimum: 100 for two visits, 50 for ten
    /// officer-days of overload.
    @Test func overloadsOfSessionsAboveTheThresholdAddUp() throws {
        let window = Tiny.range((3, 3), (3, 28))
        let targets = ["t1", "t2"].map { Target(id: $0, name: $0, count: [Entry("east", 5)]) }
        let scenario = Tiny.scenario(
            requests: [Tiny.request("P", window: window, days: 5, officers: 7, targets: ["t1"]),
                       Tiny.request("Q", window: window, days: 5, officers: 7, targets: ["t2"])],
            targets: targets)
        let model = ModelBuilder.build(try Planner.makeInstance(scenario, PlanOptions()))
        let overx = model.linear.rows.filter { $0.name.hasPrefix("overx_") }
        #expect(overx.count == 4 && overx.allSatisfy { $0.terms.count == 3 }, "\(overx)")
        let relaxed = try #require(try GLPKBackend.relaxation(model.linear).objective)
        let optimum = try Tiny.plan(scenario).solver.objective
        #expect(abs(optimum - 150) < 1e-6)
        #expect(abs(relaxed - 150) < 1e-6, "LP \(relaxed)")
    }
}
