/// Two plans side by side (`whatif`, `compare`, §7): KPIs with their differences, and the sessions
/// added, dropped, moved and newly unscheduled going from the base plan to the changed one.
/// Plain values computed from the two plan documents alone; `Codable` is the comparison.json format.
public struct PlanComparison: Codable, Equatable, Sendable {
    public struct Side: Codable, Equatable, Sendable {
        public var name: String
        public var digest: String
    }

    /// One KPI in both plans.
    public struct KPI: Codable, Equatable, Sendable {
        public var name: String
        public var base: Double
        public var changed: Double
        public var difference: Double
    }

    /// A session by its key, with its week where it is placed.
    public struct SessionChange: Codable, Equatable, Sendable {
        public var request: String
        public var round: Int
        public var region: String
        /// Week in the base plan (nil: not placed there).
        public var fromWeek: Int?
        /// Week in the changed plan (nil: not placed there).
        public var toWeek: Int?
        public var priority: String?
        public var reasons: [String]?
        /// Days in the base and changed plans, for a session that keeps its week on other days.
        public var fromDays: [String]?
        public var toDays: [String]?

        enum CodingKeys: String, CodingKey {
            case request, round, region, priority, reasons
            case fromWeek = "from_week"
            case toWeek = "to_week"
            case fromDays = "from_days"
            case toDays = "to_days"
        }
    }

    public struct Utilisation: Codable, Equatable, Sendable {
        public var department: String
        public var base: Double
        public var changed: Double
        public var difference: Double
    }

    public var base: Side
    public var changed: Side
    public var kpis: [KPI]
    /// Placed in the changed plan, not in the base plan.
    public var added: [SessionChange]
    /// Placed in the base plan, not in the changed plan.
    public var dropped: [SessionChange]
    /// Placed in both, in another week.
    public var moved: [SessionChange]
    /// Placed in both in the same week, on other days (a new holiday or closure): the departments still
    /// need the new dates. Absent from comparisons written before it existed.
    public var redated: [SessionChange]
    /// Unscheduled in the changed plan but placed in the base plan or new, with the changed plan's reasons.
    public var newlyUnscheduled: [SessionChange]
    /// Departments whose peak utilisation changed, largest change first.
    public var peakUtilisation: [Utilisation]

    enum CodingKeys: String, CodingKey {
        case base, changed, kpis, added, dropped, moved, redated
        case newlyUnscheduled = "newly_unscheduled"
        case peakUtilisation = "peak_utilisation"
    }

    /// Compares `base` with `changed`; `topDepartments` bounds the peak-utilisation list.
    public init(base: PlanDocument, changed: PlanDocument, topDepartments: Int = 5) {
        self.base = Side(name: base.scenario.name, digest: base.scenario.digest)
        self.changed = Side(name: changed.scenario.name, digest: changed.scenario.digest)
        let kpiPairs: [(String, (PlanDocument) -> Double)] = [
            ("objective", { $0.solver.objective }),
            ("sessions", { Double($0.kpis.sessions) }),
            ("scheduled", { Double($0.kpis.scheduled) }),
            ("mandatory_unscheduled", { Double($0.kpis.mandatoryUnscheduled) }),
            ("visits", { Double($0.kpis.visits) }),
            ("visits_if_unmerged", { Double($0.kpis.visitsIfUnmerged) }),
            ("outside_preferred", { Double($0.kpis.outsidePreferred) }),
            ("overload_officer_days", { $0.kpis.overloadOfficerDays.values.reduce(0, +) }),
            ("moved", { Double($0.kpis.moved) }),
        ]
        kpis = kpiPairs.map { name, value in
            KPI(name: name, base: Self.round6(value(base)), changed: Self.round6(value(changed)),
                difference: Self.round6(value(changed) - value(base)))
        }

        typealias Key = String
        func key(_ request: String, _ round: Int, _ region: String) -> Key { "\(request)\u{1F}\(round)\u{1F}\(region)" }
        let basePlaced = Dictionary(base.sessions.map { (key($0.request, $0.round, $0.region), $0) }, uniquingKeysWith: { a, _ in a })
        let changedPlaced = Dictionary(changed.sessions.map { (key($0.request, $0.round, $0.region), $0) }, uniquingKeysWith: { a, _ in a })
        added = changed.sessions.filter { basePlaced[key($0.request, $0.round, $0.region)] == nil }.map {
            SessionChange(request: $0.request, round: $0.round, region: $0.region, fromWeek: nil, toWeek: $0.week)
        }
        dropped = base.sessions.filter { changedPlaced[key($0.request, $0.round, $0.region)] == nil }.map {
            SessionChange(request: $0.request, round: $0.round, region: $0.region, fromWeek: $0.week, toWeek: nil)
        }
        moved = changed.sessions.compactMap { session in
            guard let before = basePlaced[key(session.request, session.round, session.region)], before.week != session.week else { return nil }
            return SessionChange(request: session.request, round: session.round, region: session.region,
                                 fromWeek: before.week, toWeek: session.week)
        }
        redated = changed.sessions.compactMap { session in
            guard let before = basePlaced[key(session.request, session.round, session.region)], before.week == session.week,
                  before.days != session.days else { return nil }
            return SessionChange(request: session.request, round: session.round, region: session.region,
                                 fromWeek: before.week, toWeek: session.week, fromDays: before.days, toDays: session.days)
        }
        let baseUnscheduled = Set(base.unscheduled.map { key($0.request, $0.round, $0.region) })
        newlyUnscheduled = changed.unscheduled.filter { !baseUnscheduled.contains(key($0.request, $0.round, $0.region)) }.map {
            SessionChange(request: $0.request, round: $0.round, region: $0.region,
                          fromWeek: basePlaced[key($0.request, $0.round, $0.region)]?.week, toWeek: nil,
                          priority: $0.priority, reasons: $0.reasons)
        }
        let order: (SessionChange, SessionChange) -> Bool = { ($0.request, $0.round, $0.region) < ($1.request, $1.round, $1.region) }
        added.sort(by: order)
        dropped.sort(by: order)
        moved.sort(by: order)
        redated.sort(by: order)
        newlyUnscheduled.sort(by: order)

        let departments = Set(base.kpis.peakUtilisation.keys).union(changed.kpis.peakUtilisation.keys)
        peakUtilisation = departments.map { department in
            let before = base.kpis.peakUtilisation[department] ?? 0
            let after = changed.kpis.peakUtilisation[department] ?? 0
            return Utilisation(department: department, base: Self.round6(before), changed: Self.round6(after),
                               difference: Self.round6(after - before))
        }
        .filter { $0.difference != 0 }
        .sorted { (-abs($0.difference), $0.department) < (-abs($1.difference), $1.department) }
        peakUtilisation = Array(peakUtilisation.prefix(topDepartments))
    }

    /// The KPI named `name`.
    public func kpi(_ name: String) -> KPI? { kpis.first { $0.name == name } }

    static func round6(_ value: Double) -> Double {
        let scaled = (value * 1_000_000).rounded() / 1_000_000
        return scaled == 0 ? 0 : scaled
    }
}
