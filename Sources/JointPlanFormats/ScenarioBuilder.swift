import JointPlanCore
import Yams

/// A `request_files` pattern as written, with where it was written.
struct RequestFilePattern {
    var pattern: String
    var path: String
    var line: Int?
}

/// Builds a `Scenario` from the YAML node tree of `scenario.yaml` (DESIGN.md §4), applying the defaults.
/// Elements whose `id` cannot be read are skipped (their errors are reported); other broken fields keep
/// their defaults so that reading goes on.
struct ScenarioBuilder {
    static let formatName = "jointplan/v1"

    let reader: NodeReader
    private(set) var yearKnown = false
    /// Overlay patches (§8) name only the fields they change: only `id` is required then.
    var partial = false

    init(reader: NodeReader) { self.reader = reader }

    mutating func build(_ root: Node) -> (Scenario, [RequestFilePattern]) {
        let r = reader
        var scenario = Scenario(name: "", year: 0)
        guard let top = r.mapping(root, "", allowed: ["format", "name", "year", "calendar", "policy", "regions",
                                                       "departments", "targets", "requests", "request_files", "objective"],
                                  required: ["format", "name", "year"]) else { return (scenario, []) }
        if let format = r.read(top, "format", r.string), format != Self.formatName {
            r.error("format", top.values["format"], "unsupported format '\(format)' (expected '\(Self.formatName)')")
        }
        scenario.name = r.read(top, "name", r.string) ?? ""
        if let year = r.read(top, "year", r.int) {
            scenario.year = year
            yearKnown = true
        }
        if let node = top.values["calendar"] { scenario.calendar = calendar(node) }
        if let node = top.values["policy"] { scenario.policy = policy(node) }
        scenario.regions = list(top, "regions", region)
        scenario.departments = list(top, "departments", department)
        scenario.targets = list(top, "targets", target)
        scenario.requests = list(top, "requests", request)
        if let node = top.values["objective"] { scenario.objective = objective(node) }
        var patterns: [RequestFilePattern] = []
        if let node = top.values["request_files"], let items = r.sequence(node, "request_files") {
            for (index, item) in items.enumerated() {
                let path = "request_files[\(index)]"
                if let text = r.string(item, path) {
                    patterns.append(RequestFilePattern(pattern: text, path: path, line: item.mark?.line))
                }
            }
        }
        return (scenario, patterns)
    }

    private func list<T>(_ top: Fields, _ key: String, _ element: (Node, String) -> T?) -> [T] {
        guard let node = top.values[key], let items = reader.sequence(node, key) else { return [] }
        return items.enumerated().compactMap { element($1, "\(key)[\($0)]") }
    }

    /// The required keys of a list element: all of them, or only `id` in an overlay patch.
    private func required(_ keys: [String]) -> [String] { partial ? ["id"] : keys }

    // MARK: Sections

    func calendar(_ node: Node) -> CalendarSpec {
        let r = reader
        var spec = CalendarSpec()
        guard let fields = r.mapping(node, "calendar", allowed: ["preset", "holidays", "workdays"]) else { return spec }
        spec.preset = r.read(fields, "preset", r.string)
        spec.holidays = dateList(fields, "holidays")
        spec.workdays = dateList(fields, "workdays")
        return spec
    }

    private func dateList(_ fields: Fields, _ key: String) -> [DateRange] {
        guard let node = fields.values[key], let items = reader.sequence(node, fields.path(key)) else { return [] }
        return items.enumerated().compactMap { index, item in
            reader.range(item, "\(fields.path(key))[\(index)]", allowSingle: true, extraKeys: ["reason"])?.0
        }
    }

    func policy(_ node: Node) -> Policy {
        let r = reader
        var policy = Policy()
        guard let fields = r.mapping(node, "policy", allowed: ["min_revisit_weeks", "max_visits_per_year",
                                                               "max_visits_per_department"]) else { return policy }
        if let weeks = r.read(fields, "min_revisit_weeks", r.int) { policy.minRevisitWeeks = weeks }
        policy.maxVisitsPerYear = r.read(fields, "max_visits_per_year", r.int)
        policy.maxVisitsPerDepartment = r.read(fields, "max_visits_per_department", r.int)
        return policy
    }

    func region(_ node: Node, _ path: String) -> Region? {
        let r = reader
        guard let fields = r.mapping(node, path, allowed: ["id", "name", "parent", "closed"], required: required(["id", "name"])),
              let id = r.read(fields, "id", r.string) else { return nil }
        var region = Region(id: id, name: r.read(fields, "name", r.string) ?? id)
        region.parent = r.read(fields, "parent", r.string)
        if let closed = fields.values["closed"], let items = r.sequence(closed, fields.path("closed")) {
            for (index, item) in items.enumerated() {
                let itemPath = "\(fields.path("closed"))[\(index)]"
                guard let (range, itemFields) = r.range(item, itemPath, extraKeys: ["reason"]) else { continue }
                region.closed.append(Closure(range: range, reason: itemFields.flatMap { r.read($0, "reason", r.string) }))
            }
        }
        return region
    }

    func department(_ node: Node, _ path: String) -> Department? {
        let r = reader
        guard let fields = r.mapping(node, path, allowed: ["id", "name", "staff", "share", "unavailable"],
                                     required: required(["id", "name", "staff"])),
              let id = r.read(fields, "id", r.string) else { return nil }
        var department = Department(id: id, name: r.read(fields, "name", r.string) ?? id)
        department.staff = r.read(fields, "staff") { r.entries($0, $1, r.double) } ?? []
        if let share = r.read(fields, "share", r.double) { department.share = share }
        if let node = fields.values["unavailable"], let items = r.sequence(node, fields.path("unavailable")) {
            for (index, item) in items.enumerated() {
                let itemPath = "\(fields.path("unavailable"))[\(index)]"
                guard let (range, itemFields) = r.range(item, itemPath, extraKeys: ["fraction", "reason", "training"]),
                      let itemFields else { continue }
                department.unavailable.append(Unavailability(
                    range: range,
                    fraction: r.read(itemFields, "fraction", r.double) ?? 1,
                    reason: r.read(itemFields, "reason", r.string),
                    training: r.read(itemFields, "training", r.bool) ?? false))
            }
        }
        return department
    }

    func target(_ node: Node, _ path: String) -> Target? {
        let r = reader
        guard let fields = r.mapping(node, path, allowed: ["id", "name", "count", "min_revisit_weeks", "max_visits_per_year",
                                                           "max_visits_per_department"], required: required(["id", "name", "count"])),
              let id = r.read(fields, "id", r.string) else { return nil }
        var target = Target(id: id, name: r.read(fields, "name", r.string) ?? id)
        target.count = r.read(fields, "count") { r.entries($0, $1, r.int) } ?? []
        target.minRevisitWeeks = r.read(fields, "min_revisit_weeks", r.int)
        target.maxVisitsPerYear = r.read(fields, "max_visits_per_year", r.int)
        target.maxVisitsPerDepartment = r.read(fields, "max_visits_per_department", r.int)
        return target
    }

    static let requestKeys = ["id", "title", "lead", "partners", "targets", "regions", "rounds", "min_gap_weeks",
                              "duration_days", "officers", "window", "preferred", "priority", "sync_regions", "note"]

    func request(_ node: Node, _ path: String) -> Request? {
        let r = reader
        guard let fields = r.mapping(node, path, allowed: Self.requestKeys,
                                     required: required(["id", "title", "lead", "regions", "duration_days", "officers"])),
              let id = r.read(fields, "id", r.string) else { return nil }
        var request = Request(id: id, title: r.read(fields, "title", r.string) ?? id, lead: r.read(fields, "lead", r.string) ?? "")
        request.partners = r.read(fields, "partners", r.stringList) ?? []
        request.targets = r.read(fields, "targets", r.stringList) ?? []
        request.regions = r.read(fields, "regions", r.stringList) ?? []
        if let rounds = r.read(fields, "rounds", r.int) { request.rounds = rounds }
        if let gap = r.read(fields, "min_gap_weeks", r.int) { request.minGapWeeks = gap }
        if let days = r.read(fields, "duration_days", r.int) { request.durationDays = days }
        request.officers = r.read(fields, "officers") { r.entries($0, $1, r.int) } ?? []
        request.window = r.read(fields, "window") { r.range($0, $1)?.0 }
        request.preferred = r.read(fields, "preferred") { r.range($0, $1)?.0 }
        if let text = r.read(fields, "priority", r.string) {
            if let priority = Priority(rawValue: text) {
                request.priority = priority
            } else {
                r.error(fields.path("priority"), fields.values["priority"],
                        "unknown priority '\(text)' (expected mandatory, high, normal or low)")
            }
        }
        if let sync = r.read(fields, "sync_regions", r.bool) { request.syncRegions = sync }
        request.note = r.read(fields, "note", r.string)
        return request
    }

    func objective(_ node: Node) -> ObjectiveWeights {
        let r = reader
        var weights = ObjectiveWeights()
        guard let fields = r.mapping(node, "objective", allowed: ["unscheduled", "visit", "outside_preferred", "overload",
                                                                  "move", "balance_threshold"]) else { return weights }
        if let node = fields.values["unscheduled"],
           let unscheduled = r.mapping(node, "objective.unscheduled", allowed: ["mandatory", "high", "normal", "low"]) {
            if let value = r.read(unscheduled, "mandatory", r.double) { weights.unscheduledMandatory = value }
            if let value = r.read(unscheduled, "high", r.double) { weights.unscheduledHigh = value }
            if let value = r.read(unscheduled, "normal", r.double) { weights.unscheduledNormal = value }
            if let value = r.read(unscheduled, "low", r.double) { weights.unscheduledLow = value }
        }
        if let value = r.read(fields, "visit", r.double) { weights.visit = value }
        if let value = r.read(fields, "outside_preferred", r.double) { weights.outsidePreferred = value }
        if let value = r.read(fields, "overload", r.double) { weights.overload = value }
        if let value = r.read(fields, "move", r.double) { weights.move = value }
        if let value = r.read(fields, "balance_threshold", r.double) { weights.balanceThreshold = value }
        return weights
    }
}
