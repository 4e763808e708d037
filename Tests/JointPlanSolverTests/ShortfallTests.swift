import Foundation
import JointPlanCore
import JointPlanFormats
import PlanChecker
import Testing
@testable import JointPlanSolver

/// The shortfall of an over-committed year is the minimum: adding exactly that capacity lets every
/// mandatory session in, one officer-day less anywhere does not.
@Suite struct ShortfallTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    static func bundled(_ name: String) throws -> Scenario {
        do {
            return try ScenarioLoader.load(path: root + "/Scenarios/" + name).scenario
        } catch {
            Issue.record("\(error.diagnostics)")
            throw error
        }
    }

    static func with(_ scenario: Scenario, department id: String, staff: [Entry<Double>],
                     unavailable: [Unavailability] = []) -> Scenario {
        var copy = scenario
        let index = copy.departments.firstIndex { $0.id == id }!
        copy.departments[index].staff = staff
        copy.departments[index].unavailable = unavailable
        return copy
    }

    @Test func infeasibleMandatoryIsShortOneOfficerDayInEachOfTwoWeeks() throws {
        let scenario = try Self.bundled("infeasible-mandatory")
        let plan = try Tiny.plan(scenario)
        #expect(plan.kpis.mandatoryUnscheduled == 2)
        #expect(plan.shortfall == [ShortfallRecord(department: "scjg", pool: "county", weeks: [11, 12],
                                                   officerDaysPerWeek: 1, officerDays: 2)])
        #expect(plan.unsavable == [])
        #expect(Tiny.brokenRules(scenario, plan) == [.h1])

        // Exactly that capacity: 12 officers × 0.2 × 5 days = 12 officer-days in weeks 11 and 12 (the only
        // weeks of the windows), one more than before in each.
        let raised = Self.with(scenario, department: "scjg", staff: [Entry("county", 12)])
        let fixed = try Tiny.plan(raised)
        #expect(fixed.kpis.mandatoryUnscheduled == 0)
        #expect(fixed.shortfall == nil)
        #expect(Tiny.brokenRules(raised, fixed).isEmpty)

        // One officer-day less in either week (1/12 of the officers away for that week: 11 officer-days).
        for week in [Tiny.range((3, 10), (3, 16)), Tiny.range((3, 17), (3, 23))] {
            let short = Self.with(scenario, department: "scjg", staff: [Entry("county", 12)],
                                  unavailable: [Unavailability(range: week, fraction: 1.0 / 12)])
            #expect(try Tiny.plan(short).kpis.mandatoryUnscheduled > 0, "\(week)")
        }
    }

    @Test func sessionsNoCapacityCouldSaveAreReportedWithTheirRule() throws {
        // M1 and M2 inspect the same shops, at most once a year: one of them can never be placed. M3 needs
        // 4 × 3 = 12 officer-days in week 11, where department a has 2 × 5 = 10.
        let targets = [Target(id: "shop", name: "商店", count: [Entry("east", 5)], maxVisitsPerYear: 1)]
        let scenario = Tiny.scenario(requests: [
            Tiny.request("M1", window: Tiny.range((3, 3), (3, 7)), priority: .mandatory),
            Tiny.request("M2", window: Tiny.range((5, 12), (5, 16)), priority: .mandatory),
            Tiny.request("M3", window: Tiny.range((3, 10), (3, 14)), days: 3, officers: 4, priority: .mandatory,
                         targets: []),
        ], staff: 2, targets: targets)
        let plan = try Tiny.plan(scenario)
        #expect(plan.kpis.mandatoryUnscheduled == 2)
        #expect(plan.shortfall == [ShortfallRecord(department: "a", pool: "city", weeks: [11], officerDaysPerWeek: 2,
                                                   officerDays: 2)])
        let unsavable = try #require(plan.unsavable)
        #expect(unsavable.count == 1)
        let other = unsavable.first?.request == "M1" ? 10 : 20
        #expect(unsavable.first?.reasons.contains("第\(other)周：东区商店本年已有1周入企检查（每年最多1次）") == true,
                "\(unsavable)")

        // 2.4 officers × 5 days = 12 officer-days: M3 fits; 2.2 (11 officer-days) is one short.
        let raised = Self.with(scenario, department: "a", staff: [Entry("city", 2.4)])
        #expect(try Tiny.plan(raised).kpis.mandatoryUnscheduled == 1)
        let short = Self.with(scenario, department: "a", staff: [Entry("city", 2.2)])
        #expect(try Tiny.plan(short).kpis.mandatoryUnscheduled == 2)
    }

    @Test func capacityValuesComeFromTheDualsOfTheBindingRows() throws {
        let plan = try Tiny.plan(try Self.bundled("infeasible-mandatory"))
        let values = try #require(plan.capacityValue)
        #expect(values.map(\.week) == [11, 12])
        // In the LP, an extra officer-day lets 1/6 more of a mandatory session in: 1,000,000 saved, less a
        // visit (50) and 6 officer-days of overload above the balance threshold (6 × 5); and it raises the
        // balance threshold by 0.6 officer-days, saving 0.6 × 5 of overload.
        for value in values {
            #expect(value.department == "scjg" && value.pool == "county")
            #expect(abs(value.perOfficerDay - ((1_000_000 - 50 - 30) / 6 + 0.6 * 5)) < 1e-3)
            // One more officer: share 0.2 × 5 working days = 1 officer-day.
            #expect(abs(value.perOfficer - value.perOfficerDay) < 1e-6)
        }
    }

    /// The analysis runs after the search: it gets what is left of the time limit, at least 5 s (the whole
    /// limit when that is shorter), never the whole limit again after the search used it up.
    @Test(arguments: [
        (limit: 60.0, elapsed: 20.0, expected: 40.0),
        (limit: 60.0, elapsed: 58.0, expected: 5.0),
        (limit: 60.0, elapsed: 75.0, expected: 5.0),
        (limit: 3.0, elapsed: 3.0, expected: 3.0),
        (limit: 3.0, elapsed: 1.0, expected: 3.0),
    ])
    func shortfallGetsTheTimeLeft(_ example: (limit: Double, elapsed: Double, expected: Double)) {
        #expect(PlanAnalysis.shortfallTimeLimit(example.limit, elapsed: example.elapsed) == example.expected)
    }
}
