import JointPlanCore

/// A pinned session (H7) that breaks a rule of the changed scenario on its own, or cannot be kept at all.
/// Reported with the plan; the session is never silently unpinned.
public struct PinnedConflict: Equatable, Sendable, CustomStringConvertible {
    /// `H2`…`H7`.
    public var rule: String
    /// The pinned session concerned, when the conflict is about one session.
    public var session: SessionKey?
    public var message: String

    public init(rule: String, session: SessionKey?, message: String) {
        self.rule = rule
        self.session = session
        self.message = message
    }

    public var description: String { "\(rule): " + (session.map { "pinned session \($0): " } ?? "") + message }
}

extension PlanningInstance {
    /// The only week a pinned session may take: its published week with its published days (or, without
    /// them, the days the rules give in that week), and what of H2 those days now break.
    static func pinnedCandidate(_ pin: PinnedSession, request: Request, region: String, candidates: [CandidateWeek],
                                scenario: Scenario, calendar: PlanCalendar)
        -> (candidate: CandidateWeek, conflicts: [PinnedConflict]) {
        let ruled = candidates.first { $0.week == pin.week }
        let days = pin.days ?? ruled?.days ?? Array(calendar.workingDays(ofWeek: pin.week).prefix(request.durationDays))
        let inPreferred = request.preferred.map { preferred in days.allSatisfy(preferred.contains) } ?? true
        let candidate = CandidateWeek(week: pin.week, days: days, inPreferred: inPreferred)
        guard ruled?.days != days else { return (candidate, []) }
        var problems: [String] = []
        let closures = scenario.region(region)?.closed ?? []
        let window = request.window ?? DateRange(from: calendar.firstDay, to: calendar.lastDay)
        for day in days {
            if !calendar.isWorkingDay(day) { problems.append("\(day.iso) is not a working day") }
            if let closure = closures.first(where: { $0.range.contains(day) }) {
                problems.append("\(day.iso) falls in a closure of \(region)" + (closure.reason.map { " (\($0))" } ?? ""))
            }
            if !window.contains(day) { problems.append("\(day.iso) lies outside the window \(window)") }
        }
        if days.count != request.durationDays {
            problems.append("it has \(days.count) days, the request now needs \(request.durationDays)")
        }
        if problems.isEmpty, let ruled {
            problems.append("its days \(days.map(\.iso).joined(separator: ", ")) are no longer the first open working days of week \(pin.week) (\(ruled.days.map(\.iso).joined(separator: ", ")))")
        }
        let message = "kept in week \(pin.week) on its published days, but " + problems.joined(separator: "; ")
        return (candidate, [PinnedConflict(rule: "H2", session: pin.key, message: message)])
    }
}

extension Planner {
    /// The pinned sessions of `options` that the scenario no longer allows where they are: sessions that
    /// no longer exist, published days the rules now forbid (H2), and rows the pinned sessions break on
    /// their own (capacity H3, rounds H4, synchronisation H5, visits H6). Empty without pinned sessions.
    public static func pinnedConflicts(scenario: Scenario, options: PlanOptions) throws -> [PinnedConflict] {
        guard !options.pinned.isEmpty else { return [] }
        let instance = try makeInstance(scenario, options)
        let model = ModelBuilder.build(instance)
        return instance.pinnedConflicts + model.relaxedRows.map { row in
            PinnedConflict(rule: rule(ofRow: row.name), session: nil,
                           message: "row \(row.name): the pinned sessions alone need \(format(row.needed)), the limit is \(format(row.limit)); they stay, and nothing else may add to it")
        }
    }

    static func rule(ofRow name: String) -> String {
        let prefix = name.prefix { $0 != "_" }
        switch prefix {
        case "cap": return "H3"
        case "round": return "H4"
        case "sync", "syncx": return "H5"
        default: return "H6"
        }
    }

    static func format(_ value: Double) -> String {
        let tenths = (value * 10).rounded() / 10
        return tenths == tenths.rounded() ? String(Int(tenths)) : String(tenths)
    }
}
