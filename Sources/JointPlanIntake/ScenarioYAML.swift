import JointPlanCore
import Yams

/// Writes a `Scenario` as `scenario.yaml` (`format: jointplan/v1`, DESIGN.md §4): the workspace's
/// reference data and an exported scenario folder. Every default is written out, so reading the file back
/// gives the same scenario (the same digest); callers check that before they keep a file.
enum ScenarioYAML {
    static func render(_ scenario: Scenario, requestFiles: [String] = [], comment: String) throws -> String {
        var top: [(Node, Node)] = [
            (key("format"), plain("jointplan/v1")), (key("name"), text(scenario.name)), (key("year"), plain(String(scenario.year))),
        ]
        var calendar: [(Node, Node)] = []
        if let preset = scenario.calendar.preset { calendar.append((key("preset"), text(preset))) }
        calendar.append((key("holidays"), .sequence(.init(scenario.calendar.holidays.map(range), .implicit, .block))))
        calendar.append((key("workdays"), .sequence(.init(scenario.calendar.workdays.map(range), .implicit, .block))))
        top.append((key("calendar"), .mapping(.init(calendar, .implicit, .block))))
        let policy = scenario.policy
        top.append((key("policy"), flow([
            ("min_revisit_weeks", plain(String(policy.minRevisitWeeks))),
            ("max_visits_per_year", optional(policy.maxVisitsPerYear)),
            ("max_visits_per_department", optional(policy.maxVisitsPerDepartment)),
        ])))
        top.append((key("regions"), block(scenario.regions.map(region))))
        top.append((key("departments"), block(scenario.departments.map(department))))
        top.append((key("targets"), block(scenario.targets.map(target))))
        top.append((key("requests"), block(scenario.requests.map(request))))
        if !requestFiles.isEmpty {
            top.append((key("request_files"), .sequence(.init(requestFiles.map(text), .implicit, .block))))
        }
        top.append((key("objective"), objective(scenario.objective)))
        let body = try Yams.serialize(node: .mapping(.init(top, .implicit, .block)), allowUnicode: true)
        let header = comment.split(separator: "\n", omittingEmptySubsequences: false).map { "# " + $0 }.joined(separator: "\n")
        return header + "\n" + body
    }

    // MARK: Sections

    static func region(_ region: Region) -> Node {
        var pairs: [(String, Node)] = [("id", text(region.id)), ("name", text(region.name))]
        if let parent = region.parent { pairs.append(("parent", text(parent))) }
        if !region.closed.isEmpty {
            pairs.append(("closed", block(region.closed.map { closure in
                flow([("from", plain(closure.range.from.iso)), ("to", plain(closure.range.to.iso))]
                     + (closure.reason.map { [("reason", text($0))] } ?? []))
            })))
        }
        return region.closed.isEmpty ? flow(pairs) : blockMapping(pairs)
    }

    static func department(_ department: Department) -> Node {
        var pairs: [(String, Node)] = [
            ("id", text(department.id)), ("name", text(department.name)),
            ("staff", flow(department.staff.map { ($0.key, number($0.value)) })), ("share", number(department.share)),
        ]
        if !department.unavailable.isEmpty {
            pairs.append(("unavailable", block(department.unavailable.map { item in
                flow([("from", plain(item.range.from.iso)), ("to", plain(item.range.to.iso)), ("fraction", number(item.fraction)),
                      ("training", plain(item.training ? "true" : "false"))]
                     + (item.reason.map { [("reason", text($0))] } ?? []))
            })))
        }
        return blockMapping(pairs)
    }

    static func target(_ target: Target) -> Node {
        var pairs: [(String, Node)] = [("id", text(target.id)), ("name", text(target.name)),
                                       ("count", flow(target.count.map { ($0.key, plain(String($0.value))) }))]
        if let weeks = target.minRevisitWeeks { pairs.append(("min_revisit_weeks", plain(String(weeks)))) }
        if let cap = target.maxVisitsPerYear { pairs.append(("max_visits_per_year", plain(String(cap)))) }
        if let cap = target.maxVisitsPerDepartment { pairs.append(("max_visits_per_department", plain(String(cap)))) }
        return blockMapping(pairs)
    }

    static func request(_ request: Request) -> Node {
        var pairs: [(String, Node)] = [
            ("id", text(request.id)), ("title", text(request.title)), ("lead", text(request.lead)),
            ("partners", list(request.partners)), ("targets", list(request.targets)), ("regions", list(request.regions)),
            ("rounds", plain(String(request.rounds))), ("min_gap_weeks", plain(String(request.minGapWeeks))),
            ("duration_days", plain(String(request.durationDays))),
            ("officers", flow(request.officers.map { ($0.key, plain(String($0.value))) })),
        ]
        if let window = request.window { pairs.append(("window", range(window))) }
        if let preferred = request.preferred { pairs.append(("preferred", range(preferred))) }
        pairs.append(("priority", plain(request.priority.rawValue)))
        pairs.append(("sync_regions", plain(request.syncRegions ? "true" : "false")))
        if let note = request.note { pairs.append(("note", text(note))) }
        return blockMapping(pairs)
    }

    static func objective(_ weights: ObjectiveWeights) -> Node {
        blockMapping([
            ("unscheduled", flow([("mandatory", number(weights.unscheduledMandatory)), ("high", number(weights.unscheduledHigh)),
                                  ("normal", number(weights.unscheduledNormal)), ("low", number(weights.unscheduledLow))])),
            ("visit", number(weights.visit)), ("outside_preferred", number(weights.outsidePreferred)),
            ("overload", number(weights.overload)), ("move", number(weights.move)),
            ("balance_threshold", number(weights.balanceThreshold)),
        ])
    }

    // MARK: Nodes

    static func key(_ name: String) -> Node { plain(name) }
    static func plain(_ string: String) -> Node { .scalar(.init(string, .implicit, .plain)) }

    /// Free text and ids: plain when that reads back as the same text, else double-quoted.
    static func text(_ string: String) -> Node {
        let reserved: Set<String> = ["null", "Null", "NULL", "~", "true", "True", "TRUE", "false", "False", "FALSE",
                                     "yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF"]
        let simple = !string.isEmpty && !reserved.contains(string) && ScenarioValidator.isValidIdentifier(string)
            && !string.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" })
        return .scalar(.init(string, .implicit, simple ? .plain : .doubleQuoted))
    }

    static func number(_ value: Double) -> Node {
        if value == value.rounded(), abs(value) < 1e15 { return plain(String(Int64(value))) }
        return plain("\(value)")
    }

    static func optional(_ value: Int?) -> Node { plain(value.map(String.init) ?? "null") }
    static func range(_ range: DateRange) -> Node { flow([("from", plain(range.from.iso)), ("to", plain(range.to.iso))]) }
    static func list(_ items: [String]) -> Node { .sequence(.init(items.map(text), .implicit, .flow)) }
    static func flow(_ pairs: [(String, Node)]) -> Node { .mapping(.init(pairs.map { (key($0.0), $0.1) }, .implicit, .flow)) }
    static func blockMapping(_ pairs: [(String, Node)]) -> Node { .mapping(.init(pairs.map { (key($0.0), $0.1) }, .implicit, .block)) }
    static func block(_ nodes: [Node]) -> Node { .sequence(.init(nodes, .implicit, .block)) }
}
