/// Everything the planner needs for one year (DESIGN.md §4). Plain values: no I/O, no solver.
///
/// Dictionaries keyed by ids (`staff`, `count`, `officers`) are kept as ordered pairs so that the
/// order of the source file survives into messages and canonical output is independent of hashing.
public struct Scenario: Equatable, Sendable {
    public var name: String
    public var year: Int
    public var calendar: CalendarSpec
    public var policy: Policy
    public var regions: [Region]
    public var departments: [Department]
    public var targets: [Target]
    public var requests: [Request]
    public var objective: ObjectiveWeights

    public init(name: String, year: Int, calendar: CalendarSpec = CalendarSpec(), policy: Policy = Policy(),
                regions: [Region] = [], departments: [Department] = [], targets: [Target] = [],
                requests: [Request] = [], objective: ObjectiveWeights = ObjectiveWeights()) {
        self.name = name
        self.year = year
        self.calendar = calendar
        self.policy = policy
        self.regions = regions
        self.departments = departments
        self.targets = targets
        self.requests = requests
        self.objective = objective
    }

    public func region(_ id: String) -> Region? { regions.first { $0.id == id } }
    public func department(_ id: String) -> Department? { departments.first { $0.id == id } }
    public func target(_ id: String) -> Target? { targets.first { $0.id == id } }
    public func request(_ id: String) -> Request? { requests.first { $0.id == id } }
}

/// `calendar:`: the official preset plus local additions.
public struct CalendarSpec: Equatable, Sendable {
    /// `cn-official` or nil.
    public var preset: String?
    public var holidays: [DateRange]
    public var workdays: [DateRange]

    public init(preset: String? = nil, holidays: [DateRange] = [], workdays: [DateRange] = []) {
        self.preset = preset
        self.holidays = holidays
        self.workdays = workdays
    }
}

/// `policy:`: defaults of the visit rules for every target.
public struct Policy: Equatable, Sendable {
    public var minRevisitWeeks: Int
    public var maxVisitsPerYear: Int?
    public var maxVisitsPerDepartment: Int?

    public init(minRevisitWeeks: Int = 4, maxVisitsPerYear: Int? = nil, maxVisitsPerDepartment: Int? = nil) {
        self.minRevisitWeeks = minRevisitWeeks
        self.maxVisitsPerYear = maxVisitsPerYear
        self.maxVisitsPerDepartment = maxVisitsPerDepartment
    }
}

/// A closure of a region (sandstorm warning, …): its dates are not open for sessions there.
public struct Closure: Equatable, Sendable {
    public var range: DateRange
    public var reason: String?

    public init(range: DateRange, reason: String? = nil) {
        self.range = range
        self.reason = reason
    }
}

public struct Region: Equatable, Sendable {
    public var id: String
    public var name: String
    public var parent: String?
    public var closed: [Closure]

    public init(id: String, name: String, parent: String? = nil, closed: [Closure] = []) {
        self.id = id
        self.name = name
        self.parent = parent
        self.closed = closed
    }
}

/// A period in which part of a department's officers are away (training, other duties).
public struct Unavailability: Equatable, Sendable {
    public var range: DateRange
    /// Fraction of the department's officers away, 0...1 (default 1).
    public var fraction: Double
    public var reason: String?
    public var training: Bool

    public init(range: DateRange, fraction: Double = 1, reason: String? = nil, training: Bool = false) {
        self.range = range
        self.fraction = fraction
        self.reason = reason
        self.training = training
    }
}

/// A key → value pair of an id-keyed map, kept in source order.
public struct Entry<Value: Equatable & Sendable>: Equatable, Sendable {
    public var key: String
    public var value: Value

    public init(_ key: String, _ value: Value) {
        self.key = key
        self.value = value
    }
}

extension Array {
    /// The value stored under `key` in an id-keyed list of entries.
    public func value<V>(for key: String) -> V? where Element == Entry<V> {
        first { $0.key == key }?.value
    }
}

public struct Department: Equatable, Sendable {
    public var id: String
    public var name: String
    /// Certified officers per region pool.
    public var staff: [Entry<Double>]
    /// Fraction of officer time available for joint actions (default 0.3).
    public var share: Double
    public var unavailable: [Unavailability]

    public init(id: String, name: String, staff: [Entry<Double>] = [], share: Double = 0.3,
                unavailable: [Unavailability] = []) {
        self.id = id
        self.name = name
        self.staff = staff
        self.share = share
        self.unavailable = unavailable
    }
}

/// A category of inspected enterprises, with the visit rules that protect it.
public struct Target: Equatable, Sendable {
    public var id: String
    public var name: String
    /// Enterprises per region.
    public var count: [Entry<Int>]
    public var minRevisitWeeks: Int?
    public var maxVisitsPerYear: Int?
    public var maxVisitsPerDepartment: Int?

    public init(id: String, name: String, count: [Entry<Int>] = [], minRevisitWeeks: Int? = nil,
                maxVisitsPerYear: Int? = nil, maxVisitsPerDepartment: Int? = nil) {
        self.id = id
        self.name = name
        self.count = count
        self.minRevisitWeeks = minRevisitWeeks
        self.maxVisitsPerYear = maxVisitsPerYear
        self.maxVisitsPerDepartment = maxVisitsPerDepartment
    }
}

public enum Priority: String, CaseIterable, Comparable, Sendable {
    case mandatory, high, normal, low

    /// Higher is more important.
    public var rank: Int {
        switch self {
        case .mandatory: return 3
        case .high: return 2
        case .normal: return 1
        case .low: return 0
        }
    }

    public static func < (a: Priority, b: Priority) -> Bool { a.rank < b.rank }
}

/// One department's joint-enforcement need.
public struct Request: Equatable, Sendable {
    public var id: String
    public var title: String
    public var lead: String
    public var partners: [String]
    public var targets: [String]
    public var regions: [String]
    public var rounds: Int
    public var minGapWeeks: Int
    public var durationDays: Int
    /// Officers per day from each department (exactly the lead and the partners).
    public var officers: [Entry<Int>]
    public var window: DateRange?
    public var preferred: DateRange?
    public var priority: Priority
    public var syncRegions: Bool
    public var note: String?

    public init(id: String, title: String, lead: String, partners: [String] = [], targets: [String] = [],
                regions: [String] = [], rounds: Int = 1, minGapWeeks: Int = 0, durationDays: Int = 1,
                officers: [Entry<Int>] = [], window: DateRange? = nil, preferred: DateRange? = nil,
                priority: Priority = .normal, syncRegions: Bool = false, note: String? = nil) {
        self.id = id
        self.title = title
        self.lead = lead
        self.partners = partners
        self.targets = targets
        self.regions = regions
        self.rounds = rounds
        self.minGapWeeks = minGapWeeks
        self.durationDays = durationDays
        self.officers = officers
        self.window = window
        self.preferred = preferred
        self.priority = priority
        self.syncRegions = syncRegions
        self.note = note
    }

    /// The lead followed by the partners: every department taking part.
    public var departments: [String] { [lead] + partners.filter { $0 != lead } }
}

/// `objective:`: weights of the §5 objective, every one overridable.
public struct ObjectiveWeights: Equatable, Sendable {
    public var unscheduledMandatory: Double = 1_000_000
    public var unscheduledHigh: Double = 10_000
    public var unscheduledNormal: Double = 1_000
    public var unscheduledLow: Double = 100
    public var visit: Double = 50
    public var outsidePreferred: Double = 20
    public var overload: Double = 5
    public var move: Double = 500
    public var balanceThreshold: Double = 0.6

    public init() {}

    public func unscheduled(_ priority: Priority) -> Double {
        switch priority {
        case .mandatory: return unscheduledMandatory
        case .high: return unscheduledHigh
        case .normal: return unscheduledNormal
        case .low: return unscheduledLow
        }
    }
}
