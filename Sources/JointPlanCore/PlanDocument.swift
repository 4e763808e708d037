/// The published plan, `format: jointplan-plan/v1` (DESIGN.md §6). A contract: field names and
/// meanings are fixed; new optional fields may be added, never renamed.
public struct PlanDocument: Codable, Equatable, Sendable {
    public static let formatName = "jointplan-plan/v1"

    public var format: String
    public var scenario: ScenarioReference
    public var solver: SolverSummary
    public var sessions: [PlannedSession]
    public var unscheduled: [UnscheduledSession]
    public var visits: [VisitRecord]
    public var load: [LoadRecord]
    public var kpis: PlanKPIs
    /// The intake submission versions the scenario was built from (planning a workspace); absent otherwise.
    public var inputs: [InputVersion]?
    /// Optional (absent in plans written before it existed): when mandatory sessions are unscheduled, the
    /// smallest extra capacity that would let every savable one in, by department, pool and weeks.
    public var shortfall: [ShortfallRecord]?
    /// Optional: mandatory sessions no extra capacity could place, with the rule that blocks them.
    public var unsavable: [UnscheduledSession]?
    /// Optional: where one more officer would improve the plan most (LP relaxation duals), best first.
    public var capacityValue: [CapacityValueRecord]?

    /// Re-planning only: what was kept, moved and could not be kept (optional field).
    public var replan: ReplanRecord?

    enum CodingKeys: String, CodingKey {
        case format, scenario, solver, sessions, unscheduled, visits, load, kpis, inputs, shortfall, unsavable
        case capacityValue = "capacity_value"
        case replan
    }

    public init(format: String = PlanDocument.formatName, scenario: ScenarioReference, solver: SolverSummary,
                sessions: [PlannedSession], unscheduled: [UnscheduledSession], visits: [VisitRecord],
                load: [LoadRecord], kpis: PlanKPIs, inputs: [InputVersion]? = nil, shortfall: [ShortfallRecord]? = nil,
                unsavable: [UnscheduledSession]? = nil, capacityValue: [CapacityValueRecord]? = nil) {
        self.format = format
        self.scenario = scenario
        self.solver = solver
        self.sessions = sessions
        self.unscheduled = unscheduled
        self.visits = visits
        self.load = load
        self.kpis = kpis
        self.inputs = inputs
        self.shortfall = shortfall
        self.unsavable = unsavable
        self.capacityValue = capacityValue
    }
}

/// Extra officer-days a department's pool needs in a run of consecutive weeks (the same amount each week)
/// for every savable mandatory session to fit: `市生态环境局 pool minqin: +4 officer-days a week in weeks 20–21`.
public struct ShortfallRecord: Codable, Equatable, Sendable {
    public var department: String
    public var pool: String
    /// Consecutive plan weeks, ascending.
    public var weeks: [Int]
    /// Extra officer-days needed in each of `weeks`.
    public var officerDaysPerWeek: Double
    /// Extra officer-days over all of `weeks`.
    public var officerDays: Double

    enum CodingKeys: String, CodingKey {
        case department, pool, weeks
        case officerDaysPerWeek = "officer_days_per_week"
        case officerDays = "officer_days"
    }

    public init(department: String, pool: String, weeks: [Int], officerDaysPerWeek: Double, officerDays: Double) {
        self.department = department
        self.pool = pool
        self.weeks = weeks
        self.officerDaysPerWeek = officerDaysPerWeek
        self.officerDays = officerDays
    }
}

/// The marginal value of capacity in one department, pool and week, from the LP relaxation's duals:
/// how much the objective would fall per extra officer-day, and for one more certified officer that week.
public struct CapacityValueRecord: Codable, Equatable, Sendable {
    public var department: String
    public var pool: String
    public var week: Int
    /// Objective decrease per extra officer-day (−dual of the capacity and balance rows).
    public var perOfficerDay: Double
    /// Objective decrease for one more officer in the pool that week (share × working days officer-days).
    public var perOfficer: Double

    enum CodingKeys: String, CodingKey {
        case department, pool, week
        case perOfficerDay = "per_officer_day"
        case perOfficer = "per_officer"
    }

    public init(department: String, pool: String, week: Int, perOfficerDay: Double, perOfficer: Double) {
        self.department = department
        self.pool = pool
        self.week = week
        self.perOfficerDay = perOfficerDay
        self.perOfficer = perOfficer
    }
}

/// One department's submission version a workspace plan was made from (sorted by department).
public struct InputVersion: Codable, Equatable, Sendable {
    public var department: String
    public var version: Int
    /// sha256 (hex) of the version's canonical request sheet.
    public var digest: String

    public init(department: String, version: Int, digest: String) {
        self.department = department
        self.version = version
        self.digest = digest
    }
}

public struct ScenarioReference: Codable, Equatable, Sendable {
    public var name: String
    public var year: Int
    /// sha256 (hex) of the scenario's canonical JSON.
    public var digest: String

    public init(name: String, year: Int, digest: String) {
        self.name = name
        self.year = year
        self.digest = digest
    }
}

public struct SolverSummary: Codable, Equatable, Sendable {
    public var engine: String
    /// `optimal`, `feasible` or `heuristic`.
    public var status: String
    public var objective: Double
    public var bound: Double
    public var gap: Double
    public var seconds: Double
    public var rows: Int
    public var columns: Int
    public var nonzeros: Int

    public init(engine: String, status: String, objective: Double, bound: Double, gap: Double, seconds: Double,
                rows: Int, columns: Int, nonzeros: Int) {
        self.engine = engine
        self.status = status
        self.objective = objective
        self.bound = bound
        self.gap = gap
        self.seconds = seconds
        self.rows = rows
        self.columns = columns
        self.nonzeros = nonzeros
    }
}

/// One placed session: one round of one request in one region.
public struct PlannedSession: Codable, Equatable, Sendable {
    public var request: String
    public var round: Int
    public var region: String
    public var week: Int
    /// ISO dates (YYYY-MM-DD) of the session's working days.
    public var days: [String]
    public var officers: [String: Int]
    /// Department → the staff pool (region id) it draws on.
    public var pools: [String: String]
    public var targets: [String]
    public var inPreferred: Bool
    public var pinned: Bool

    enum CodingKeys: String, CodingKey {
        case request, round, region, week, days, officers, pools, targets
        case inPreferred = "in_preferred"
        case pinned
    }

    public init(request: String, round: Int, region: String, week: Int, days: [String], officers: [String: Int],
                pools: [String: String], targets: [String], inPreferred: Bool, pinned: Bool) {
        self.request = request
        self.round = round
        self.region = region
        self.week = week
        self.days = days
        self.officers = officers
        self.pools = pools
        self.targets = targets
        self.inPreferred = inPreferred
        self.pinned = pinned
    }
}

public struct UnscheduledSession: Codable, Equatable, Sendable {
    public var request: String
    public var round: Int
    public var region: String
    public var priority: String
    public var reasons: [String]

    public init(request: String, round: Int, region: String, priority: String, reasons: [String]) {
        self.request = request
        self.round = round
        self.region = region
        self.priority = priority
        self.reasons = reasons
    }
}

/// A merged enterprise visit: target category × region × week, with the requests inspecting it.
public struct VisitRecord: Codable, Equatable, Sendable {
    public var target: String
    public var region: String
    public var week: Int
    public var requests: [String]

    public init(target: String, region: String, week: Int, requests: [String]) {
        self.target = target
        self.region = region
        self.week = week
        self.requests = requests
    }
}

/// Officer-days used and available for one department, pool and week (H3).
public struct LoadRecord: Codable, Equatable, Sendable {
    public var department: String
    public var pool: String
    public var week: Int
    public var used: Double
    public var capacity: Double

    public init(department: String, pool: String, week: Int, used: Double, capacity: Double) {
        self.department = department
        self.pool = pool
        self.week = week
        self.used = used
        self.capacity = capacity
    }
}

public struct PlanKPIs: Codable, Equatable, Sendable {
    public var sessions: Int
    public var scheduled: Int
    public var mandatoryUnscheduled: Int
    public var visits: Int
    public var visitsIfUnmerged: Int
    public var outsidePreferred: Int
    public var overloadOfficerDays: [String: Double]
    public var peakUtilisation: [String: Double]
    public var moved: Int

    enum CodingKeys: String, CodingKey {
        case sessions, scheduled
        case mandatoryUnscheduled = "mandatory_unscheduled"
        case visits
        case visitsIfUnmerged = "visits_if_unmerged"
        case outsidePreferred = "outside_preferred"
        case overloadOfficerDays = "overload_officer_days"
        case peakUtilisation = "peak_utilisation"
        case moved
    }

    public init(sessions: Int, scheduled: Int, mandatoryUnscheduled: Int, visits: Int, visitsIfUnmerged: Int,
                outsidePreferred: Int, overloadOfficerDays: [String: Double], peakUtilisation: [String: Double],
                moved: Int) {
        self.sessions = sessions
        self.scheduled = scheduled
        self.mandatoryUnscheduled = mandatoryUnscheduled
        self.visits = visits
        self.visitsIfUnmerged = visitsIfUnmerged
        self.outsidePreferred = outsidePreferred
        self.overloadOfficerDays = overloadOfficerDays
        self.peakUtilisation = peakUtilisation
        self.moved = moved
    }
}

/// What a re-planned plan (`plan --reference --freeze-until`, §7) kept, moved and could not keep.
/// Optional in `jointplan-plan/v1` (`replan`): plans made without a reference do not carry it.
public struct ReplanRecord: Codable, Equatable, Sendable {
    public struct Moved: Codable, Equatable, Sendable {
        public var request: String
        public var round: Int
        public var region: String
        public var fromWeek: Int
        public var toWeek: Int

        enum CodingKeys: String, CodingKey {
            case request, round, region
            case fromWeek = "from_week"
            case toWeek = "to_week"
        }

        public init(request: String, round: Int, region: String, fromWeek: Int, toWeek: Int) {
            self.request = request
            self.round = round
            self.region = region
            self.fromWeek = fromWeek
            self.toWeek = toWeek
        }
    }

    /// A pinned session (or the pinned sessions of a row) that breaks a rule of the scenario on its own.
    public struct Conflict: Codable, Equatable, Sendable {
        public var rule: String
        public var request: String?
        public var round: Int?
        public var region: String?
        public var message: String

        public init(rule: String, request: String?, round: Int?, region: String?, message: String) {
            self.rule = rule
            self.request = request
            self.round = round
            self.region = region
            self.message = message
        }
    }

    /// A session of the reference plan that the new plan leaves unscheduled, with its published week.
    public struct Dropped: Codable, Equatable, Sendable {
        public var request: String
        public var round: Int
        public var region: String
        public var week: Int

        public init(request: String, round: Int, region: String, week: Int) {
            self.request = request
            self.round = round
            self.region = region
            self.week = week
        }
    }

    public var freezeUntil: String?
    /// Sessions pinned from the reference plan.
    public var pinned: Int
    /// Sessions placed in another week than in the reference plan, by key.
    public var moved: [Moved]
    /// Reference sessions not pinned that the plan no longer holds (left out, or gone from the scenario):
    /// published actions the departments must be told are off. Absent in plans written before it existed.
    public var dropped: [Dropped]
    /// Sessions the plan places that the reference plan did not (new requests, rounds, or ones unscheduled
    /// there), by key: every other placed session kept or moved from a published week. Nil in plans written
    /// before it existed.
    public var added: [SessionKey]?
    public var conflicts: [Conflict]

    enum CodingKeys: String, CodingKey {
        case pinned, moved, dropped, added, conflicts
        case freezeUntil = "freeze_until"
    }

    public init(freezeUntil: String?, pinned: Int, moved: [Moved], dropped: [Dropped] = [],
                added: [SessionKey]? = nil, conflicts: [Conflict]) {
        self.freezeUntil = freezeUntil
        self.pinned = pinned
        self.moved = moved
        self.dropped = dropped
        self.added = added
        self.conflicts = conflicts
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        freezeUntil = try container.decodeIfPresent(String.self, forKey: .freezeUntil)
        pinned = try container.decode(Int.self, forKey: .pinned)
        moved = try container.decode([Moved].self, forKey: .moved)
        dropped = try container.decodeIfPresent([Dropped].self, forKey: .dropped) ?? []
        added = try container.decodeIfPresent([SessionKey].self, forKey: .added)
        conflicts = try container.decode([Conflict].self, forKey: .conflicts)
    }
}

/// A session: one round of one request in one region (§5). In plan.json (`replan.added`) it is
/// `{"request", "round", "region"}`.
public struct SessionKey: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public var request: String
    public var round: Int
    public var region: String

    public init(request: String, round: Int, region: String) {
        self.request = request
        self.round = round
        self.region = region
    }

    public static func < (a: SessionKey, b: SessionKey) -> Bool {
        (a.request, a.round, a.region) < (b.request, b.round, b.region)
    }

    public var description: String { "\(request) round \(round) in \(region)" }
}
