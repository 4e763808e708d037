import JointPlanCore

/// A deliberately naive second implementation of the §5 rules for tiny scenarios: it enumerates
/// every placement of every session (each week of the year or unscheduled) and returns the least
/// §5 objective over those that keep every hard rule. It shares no code with the model builder.
struct BruteForceOracle {
    let scenario: Scenario
    let calendar: PlanCalendar

    struct Session {
        var request: Request
        var round: Int
        var region: String
        /// week → days, for weeks where the session fits (H2).
        var options: [Int: [CivilDate]]
    }

    init(_ scenario: Scenario) {
        self.scenario = scenario
        self.calendar = try! PlanCalendar(year: scenario.year, spec: scenario.calendar)
    }

    var sessions: [Session] {
        scenario.requests.flatMap { request in
            (1...request.rounds).flatMap { round in
                request.regions.map { region in
                    Session(request: request, round: round, region: region, options: options(request, region))
                }
            }
        }
    }

    private func options(_ request: Request, _ region: String) -> [Int: [CivilDate]] {
        let closed = scenario.regions.first { $0.id == region }!.closed
        var result: [Int: [CivilDate]] = [:]
        for week in 1...calendar.weekCount {
            let days = (0..<7).map { calendar.monday(ofWeek: week).adding(days: $0) }
                .filter { calendar.isWorkingDay($0) }
                .filter { day in !closed.contains { $0.range.from <= day && day <= $0.range.to } }
            guard days.count >= request.durationDays else { continue }
            let used = Array(days.prefix(request.durationDays))
            if let window = request.window, !used.allSatisfy({ window.from <= $0 && $0 <= window.to }) { continue }
            result[week] = used
        }
        return result
    }

    private func pool(_ department: String, _ region: String) -> String {
        var current: String? = region
        while let id = current {
            if scenario.departments.first(where: { $0.id == department })!.staff.contains(where: { $0.key == id }) {
                return id
            }
            current = scenario.regions.first { $0.id == id }?.parent
        }
        fatalError("no pool")
    }

    private func capacity(_ department: String, _ pool: String, _ week: Int) -> Double {
        let dept = scenario.departments.first { $0.id == department }!
        let staff = dept.staff.first { $0.key == pool }!.value
        var total = 0.0
        for offset in 0..<7 {
            let day = calendar.monday(ofWeek: week).adding(days: offset)
            guard calendar.isWorkingDay(day) else { continue }
            let away = dept.unavailable.filter { $0.range.from <= day && day <= $0.range.to }.map(\.fraction).reduce(0, +)
            total += staff * dept.share * (1 - min(1, away))
        }
        return total
    }

    /// The objective of one placement (week per session, nil unscheduled), or nil if a hard rule breaks.
    func evaluate(_ sessions: [Session], _ weeks: [Int?]) -> Double? {
        let weights = scenario.objective
        var total = 0.0
        var load: [String: Double] = [:]
        var visits: [String: Set<Int>] = [:]
        var departmentVisits: [String: Set<Int>] = [:]
        for (index, session) in sessions.enumerated() {
            guard let week = weeks[index] else {
                total += weights.unscheduled(session.request.priority)
                continue
            }
            let days = session.options[week]!
            if let preferred = session.request.preferred,
               !days.allSatisfy({ preferred.from <= $0 && $0 <= preferred.to }) {
                total += weights.outsidePreferred
            }
            for entry in session.request.officers {
                let key = "\(entry.key)|\(pool(entry.key, session.region))|\(week)"
                load[key, default: 0] += Double(entry.value * session.request.durationDays)
            }
            for target in session.request.targets {
                visits["\(target)|\(session.region)", default: []].insert(week)
                for entry in session.request.officers {
                    departmentVisits["\(target)|\(session.region)|\(entry.key)", default: []].insert(week)
                }
            }
            // H4 against the previous round in this region; H5 against every other region of the round.
            for (otherIndex, other) in sessions.enumerated() where other.request.id == session.request.id {
                if other.region == session.region && other.round == session.round - 1 {
                    guard let previous = weeks[otherIndex], week - previous >= session.request.minGapWeeks else { return nil }
                }
                if session.request.syncRegions && other.round == session.round,
                   let otherWeek = weeks[otherIndex], otherWeek != week { return nil }
            }
        }
        for (key, used) in load {
            let parts = key.split(separator: "|").map(String.init)
            let capacity = capacity(parts[0], parts[1], Int(parts[2])!)
            if used > capacity + 1e-9 { return nil }
            total += weights.overload * max(0, used - weights.balanceThreshold * capacity)
        }
        for (key, weekSet) in visits {
            let target = scenario.targets.first { $0.id == String(key.split(separator: "|")[0]) }!
            let minRevisit = target.minRevisitWeeks ?? scenario.policy.minRevisitWeeks
            let sorted = weekSet.sorted()
            for (a, b) in zip(sorted, sorted.dropFirst()) where b - a < minRevisit { return nil }
            if let cap = target.maxVisitsPerYear ?? scenario.policy.maxVisitsPerYear, weekSet.count > cap { return nil }
            total += weights.visit * Double(weekSet.count)
        }
        for (key, weekSet) in departmentVisits {
            let target = scenario.targets.first { $0.id == String(key.split(separator: "|")[0]) }!
            if let cap = target.maxVisitsPerDepartment ?? scenario.policy.maxVisitsPerDepartment, weekSet.count > cap {
                return nil
            }
        }
        return total
    }

    /// The least objective over every placement.
    func optimum() -> Double {
        let sessions = self.sessions
        var best = Double.infinity
        var weeks = [Int?](repeating: nil, count: sessions.count)
        func recurse(_ index: Int) {
            if index == sessions.count {
                if let value = evaluate(sessions, weeks), value < best { best = value }
                return
            }
            weeks[index] = nil
            recurse(index + 1)
            for week in sessions[index].options.keys.sorted() {
                weeks[index] = week
                recurse(index + 1)
            }
            weeks[index] = nil
        }
        recurse(0)
        return best
    }
}
