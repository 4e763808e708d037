import JointPlanCore

/// A small deterministic random generator (SplitMix64), so every seeded case can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random tiny scenarios for the oracle and property tests: at most `maxSessions` sessions, windows of
/// a few weeks in 2025 (cn-official holidays included), tight staff so capacity, visits, rounds and
/// synchronisation all bind now and then.
enum RandomScenarios {
    static func make(seed: UInt64, maxSessions: Int = 6, maxWindowWeeks: Int = 4) -> Scenario {
        var rng = SeededGenerator(seed: seed)
        func date(_ ordinal: Int) -> CivilDate { CivilDate(ordinal: ordinal) }
        let calendar = CalendarSpec(preset: "cn-official")
        let regions = [Region(id: "city", name: "市"), Region(id: "a", name: "甲县", parent: "city"),
                       Region(id: "b", name: "乙县", parent: "city",
                              closed: Bool.random(using: &rng) ? [] : [Closure(range: DateRange(from: CivilDate(year: 2025, month: 4, day: 14)!, to: CivilDate(year: 2025, month: 4, day: 16)!), reason: "closed")])]
        let departments = (1...2).map { index in
            Department(
                id: "d\(index)", name: "部门\(index)",
                staff: [Entry("city", Double(Int.random(in: 1...4, using: &rng)))]
                    + (Bool.random(using: &rng) ? [Entry("a", Double(Int.random(in: 1...3, using: &rng)))] : []),
                share: [0.5, 0.8, 1.0].randomElement(using: &rng)!,
                unavailable: Int.random(in: 0..<4, using: &rng) == 0
                    ? [Unavailability(range: DateRange(from: CivilDate(year: 2025, month: 4, day: 7)!, to: CivilDate(year: 2025, month: 4, day: 9)!), fraction: 0.5)]
                    : [])
        }
        let targets = (1...2).map { index in
            Target(id: "t\(index)", name: "对象\(index)", count: [Entry("a", 10), Entry("b", 5)],
                   minRevisitWeeks: [nil, 1, 2, 3].randomElement(using: &rng)!,
                   maxVisitsPerYear: [nil, 1, 2].randomElement(using: &rng)!,
                   maxVisitsPerDepartment: [nil, 1, 2].randomElement(using: &rng)!)
        }
        var requests: [Request] = []
        var sessions = 0
        let base = CivilDate(year: 2025, month: 3, day: 31)!.ordinal  // a Monday, week 14
        for index in 1...3 {
            let rounds = Int.random(in: 1...2, using: &rng)
            let regionIDs = Bool.random(using: &rng) ? ["a"] : ["a", "b"]
            guard sessions + rounds * regionIDs.count <= maxSessions else { continue }
            sessions += rounds * regionIDs.count
            let lead = "d\(Int.random(in: 1...2, using: &rng))"
            let partners = Bool.random(using: &rng) ? [lead == "d1" ? "d2" : "d1"] : []
            let startWeek = Int.random(in: 0...2, using: &rng)
            let weeks = Int.random(in: 1...maxWindowWeeks, using: &rng)
            let from = date(base + startWeek * 7 + Int.random(in: 0...2, using: &rng))
            let to = date(base + (startWeek + weeks) * 7 - 1)
            let preferred = Bool.random(using: &rng) ? DateRange(from: from, to: date(from.ordinal + 7)) : nil
            requests.append(Request(
                id: "R\(index)", title: "事项\(index)", lead: lead, partners: partners,
                targets: Bool.random(using: &rng) ? ["t1"] : ["t1", "t2"], regions: regionIDs, rounds: rounds,
                minGapWeeks: Int.random(in: 0...2, using: &rng), durationDays: Int.random(in: 1...3, using: &rng),
                officers: ([lead] + partners).map { Entry($0, Int.random(in: 2...3, using: &rng)) },
                window: DateRange(from: from, to: to), preferred: preferred,
                priority: Priority.allCases.randomElement(using: &rng)!,
                syncRegions: regionIDs.count > 1 && Int.random(in: 0..<3, using: &rng) == 0))
        }
        var objective = ObjectiveWeights()
        objective.balanceThreshold = [0.6, 0.3, 1.0].randomElement(using: &rng)!
        return Scenario(name: "random \(seed)", year: 2025, calendar: calendar,
                        policy: Policy(minRevisitWeeks: 2), regions: regions, departments: departments,
                        targets: targets, requests: requests, objective: objective)
    }
}
