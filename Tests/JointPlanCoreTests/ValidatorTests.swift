import JointPlanCore
import Testing

/// A small valid scenario; each test breaks one rule.
func sampleScenario() -> Scenario {
    func d(_ text: String) -> CivilDate { CivilDate(iso: text)! }
    return Scenario(
        name: "test", year: 2025, calendar: CalendarSpec(preset: "cn-official"),
        regions: [Region(id: "city", name: "市"), Region(id: "east", name: "东区", parent: "city"),
                  Region(id: "west", name: "西区", parent: "city"), Region(id: "hamlet", name: "村", parent: "east")],
        departments: [Department(id: "scjg", name: "市场监管", staff: [Entry("city", 40), Entry("east", 10)]),
                      Department(id: "yjgl", name: "应急", staff: [Entry("city", 12)])],
        targets: [Target(id: "shop", name: "商店", count: [Entry("east", 50), Entry("west", 20)])],
        requests: [Request(id: "R01", title: "检查", lead: "scjg", partners: ["yjgl"], targets: ["shop"],
                           regions: ["east", "west"], durationDays: 2, officers: [Entry("scjg", 4), Entry("yjgl", 2)],
                           window: DateRange(from: d("2025-03-01"), to: d("2025-11-30")))])
}

@Suite("Staff pools")
struct PoolTests {
    @Test func resolvesUpTheTree() {
        let s = sampleScenario()
        #expect(s.pool(department: "scjg", region: "east") == "east")
        #expect(s.pool(department: "scjg", region: "hamlet") == "east")
        #expect(s.pool(department: "scjg", region: "west") == "city")
        #expect(s.pool(department: "yjgl", region: "hamlet") == "city")
        #expect(s.pool(department: "nobody", region: "east") == nil)
        #expect(s.pool(department: "scjg", region: "nowhere") == nil)
    }

    @Test func uncoveredAndCyclic() {
        var s = sampleScenario()
        s.departments[1].staff = [Entry("east", 5)]
        #expect(s.pool(department: "yjgl", region: "west") == nil)
        s.regions[0].parent = "west"  // city → west → city
        #expect(s.pool(department: "yjgl", region: "west") == nil)
    }
}

@Suite("ScenarioValidator")
struct ValidatorTests {
    func issues(_ change: (inout Scenario) -> Void) -> [String] {
        var s = sampleScenario()
        change(&s)
        return ScenarioValidator.validate(s).map(\.description)
    }

    @Test func sampleIsValid() { #expect(issues { _ in }.isEmpty) }

    @Test func identifiersAndDuplicates() {
        #expect(issues { $0.regions[2].id = "east" }.contains("regions[2].id: duplicate id 'east'"))
        #expect(issues { $0.requests[0].id = "R 1" }.first?.hasPrefix("requests[0].id: 'R 1' is not a valid identifier") == true)
    }

    @Test func danglingReferences() {
        #expect(issues { $0.requests[0].lead = "x" }.contains("requests[0].lead: department 'x' is not defined"))
        #expect(issues { $0.requests[0].partners.append("fire") }.contains("requests[0].partners[1]: department 'fire' is not defined"))
        #expect(issues { $0.requests[0].targets.append("bar") }.contains("requests[0].targets[1]: target 'bar' is not defined"))
        #expect(issues { $0.requests[0].regions.append("north") }.contains("requests[0].regions[2]: region 'north' is not defined"))
        #expect(issues { $0.regions[1].parent = "nowhere" }.contains("regions[1].parent: region 'nowhere' is not defined"))
        #expect(issues { $0.departments[0].staff.append(Entry("south", 1)) }.contains("departments[0].staff.south: region 'south' is not defined"))
        #expect(issues { $0.targets[0].count.append(Entry("north", 1)) }.contains("targets[0].count.north: region 'north' is not defined"))
        #expect(issues { $0.requests[0].officers.append(Entry("zz", 2)) }.contains("requests[0].officers.zz: department 'zz' is not defined"))
    }

    @Test func parentCycle() {
        let found = issues { $0.regions[0].parent = "hamlet" }
        #expect(found.contains("regions[0].parent: region parents form a cycle: city → hamlet → east → city"))
        #expect(issues { $0.regions[0].parent = "city" }.contains("regions[0].parent: region 'city' is its own parent"))
    }

    @Test func officers() {
        #expect(issues { $0.requests[0].officers.removeLast() }
            .contains("requests[0].officers: officers for department 'yjgl' are missing (officers must list exactly the lead and the partners)"))
        #expect(issues { $0.requests[0].officers[1].value = 1 }
            .contains("requests[0].officers.yjgl: at least 2 officers are required per action (found 1)"))
        #expect(issues { $0.departments[1].staff = [Entry("east", 3)] }
            .contains("requests[0].officers.yjgl: department 'yjgl' has no staff pool covering region 'west' (neither it nor an ancestor is listed in its staff)"))
    }

    @Test func numbers() {
        #expect(issues { $0.requests[0].durationDays = 0 }.contains("requests[0].duration_days: must be between 1 and 5 working days (found 0)"))
        #expect(issues { $0.requests[0].durationDays = 6 }.contains("requests[0].duration_days: must be between 1 and 5 working days (found 6)"))
        #expect(issues { $0.requests[0].rounds = 0 }.contains("requests[0].rounds: must be at least 1 (found 0)"))
        #expect(issues { $0.requests[0].minGapWeeks = -1 }.contains("requests[0].min_gap_weeks: must be non-negative (found -1)"))
        #expect(issues { $0.departments[0].staff[0].value = -5 }.contains("departments[0].staff.city: must be a non-negative number (found -5)"))
        #expect(issues { $0.departments[0].share = 1.5 }.contains("departments[0].share: must be between 0 and 1 (found 1.5)"))
        #expect(issues { $0.targets[0].count[1].value = 0 }
            .contains("requests[0].targets[0]: target 'shop' has no enterprises in region 'west' (count must be > 0)"))
        #expect(issues { $0.policy.minRevisitWeeks = 0 }.contains("policy.min_revisit_weeks: must be at least 1 (found 0)"))
        #expect(issues { $0.targets[0].maxVisitsPerYear = -1 }.contains("targets[0].max_visits_per_year: must be non-negative (found -1)"))
        #expect(issues { $0.objective.visit = -1 }.contains("objective.visit: must be a non-negative number (found -1)"))
        #expect(issues { $0.objective.balanceThreshold = 1.2 }.contains("objective.balance_threshold: must be between 0 and 1 (found 1.2)"))
    }

    @Test func dates() {
        let d = { CivilDate(iso: $0)! }
        #expect(issues { $0.requests[0].window = DateRange(from: d("2024-12-01"), to: d("2025-02-01")) }
            .contains("requests[0].window.from: date 2024-12-01 is outside the plan year 2025"))
        #expect(issues { $0.requests[0].window = DateRange(from: d("2025-05-01"), to: d("2025-04-01")) }
            .contains("requests[0].window: 'from' 2025-05-01 is after 'to' 2025-04-01"))
        #expect(issues { $0.departments[0].unavailable = [Unavailability(range: DateRange(single: d("2025-03-03")), fraction: 2)] }
            .contains("departments[0].unavailable[0].fraction: must be between 0 and 1 (found 2)"))
        #expect(issues { $0.calendar.preset = "x" }.contains("calendar.preset: unknown calendar preset 'x' (known: cn-official)"))
    }

    @Test func warnings() {
        let d = { CivilDate(iso: $0)! }
        // 2025-10-01..08 is the National Day holiday: no working day at all in the window.
        let closed = ScenarioValidator.validate({
            var s = sampleScenario()
            s.requests[0].window = DateRange(from: d("2025-10-01"), to: d("2025-10-08"))
            return s
        }())
        #expect(closed.count == 2 && closed.allSatisfy { $0.severity == .warning && $0.path == "requests[0].window" })
        // A closure of the only open days in one region warns for that region only.
        let one = ScenarioValidator.validate({
            var s = sampleScenario()
            s.requests[0].window = DateRange(from: d("2025-03-03"), to: d("2025-03-04"))
            s.regions[2].closed = [Closure(range: DateRange(from: d("2025-03-03"), to: d("2025-03-03")))]
            return s
        }())
        #expect(one.map(\.description) == ["warning: requests[0].window: no week of the window 2025-03-03..2025-03-04 can hold a 2-day session in region 'west'"])
        // Training: 5 working days × 8 h × 0.5 = 20 h, below 60.
        let training = ScenarioValidator.validate({
            var s = sampleScenario()
            s.departments[0].unavailable = [Unavailability(range: DateRange(from: d("2025-03-10"), to: d("2025-03-14")), fraction: 0.5, training: true)]
            return s
        }())
        #expect(training.map(\.description) == ["warning: departments[0].unavailable: listed training is 20 hours per officer per year, below the required 60"])
        let enough = ScenarioValidator.validate({
            var s = sampleScenario()
            s.departments[0].unavailable = [Unavailability(range: DateRange(from: d("2025-03-10"), to: d("2025-03-21")), training: true)]
            return s
        }())
        #expect(enough.isEmpty)
    }
}
