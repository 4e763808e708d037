import JointPlanCore
import Yams

/// The field-by-field merge of overlay patches (§8) into the typed scenario. Elements are read with the
/// scenario's own builder (same keys, same messages); only the keys the patch names are copied.
enum OverlayMerge {
    /// Fields that are id-keyed maps: merged key by key rather than replaced.
    static let mergedMaps: Set<String> = ["staff", "count", "officers"]

    static func ids(_ list: String, _ scenario: Scenario) -> [String] {
        switch list {
        case "regions": return scenario.regions.map(\.id)
        case "departments": return scenario.departments.map(\.id)
        case "targets": return scenario.targets.map(\.id)
        default: return scenario.requests.map(\.id)
        }
    }

    /// `request`, `region`, … for messages.
    static func noun(_ list: String) -> String { String(list.dropLast()) }

    static func remove(_ list: String, at index: Int, from scenario: inout Scenario) {
        switch list {
        case "regions": scenario.regions.remove(at: index)
        case "departments": scenario.departments.remove(at: index)
        case "targets": scenario.targets.remove(at: index)
        default: scenario.requests.remove(at: index)
        }
    }

    /// Adds a new element (every required key must be given). False when it could not be read.
    static func add(_ list: String, _ node: Node, path: String, builder: ScenarioBuilder, scenario: inout Scenario) -> Bool {
        switch list {
        case "regions": guard let value = builder.region(node, path) else { return false }; scenario.regions.append(value)
        case "departments": guard let value = builder.department(node, path) else { return false }; scenario.departments.append(value)
        case "targets": guard let value = builder.target(node, path) else { return false }; scenario.targets.append(value)
        default: guard let value = builder.request(node, path) else { return false }; scenario.requests.append(value)
        }
        return true
    }

    /// Replaces the fields named in `keys` of the element at `index` (maps merge key by key).
    static func change(_ list: String, at index: Int, with node: Node, path: String, keys: Set<String>,
                       builder: ScenarioBuilder, scenario: inout Scenario) -> Bool {
        switch list {
        case "regions":
            guard let patch = builder.region(node, path) else { return false }
            region(patch, keys, into: &scenario.regions[index])
        case "departments":
            guard let patch = builder.department(node, path) else { return false }
            department(patch, keys, into: &scenario.departments[index])
        case "targets":
            guard let patch = builder.target(node, path) else { return false }
            target(patch, keys, into: &scenario.targets[index])
        default:
            guard let patch = builder.request(node, path) else { return false }
            request(patch, keys, into: &scenario.requests[index])
        }
        return true
    }

    /// Removes the entry `key` of the merged map `field` of an element; false when there is none.
    static func removeEntry(_ list: String, at index: Int, field: String, key: String, from scenario: inout Scenario) -> Bool {
        func drop<V>(_ entries: inout [Entry<V>]) -> Bool {
            guard let position = entries.firstIndex(where: { $0.key == key }) else { return false }
            entries.remove(at: position)
            return true
        }
        switch (list, field) {
        case ("departments", "staff"): return drop(&scenario.departments[index].staff)
        case ("targets", "count"): return drop(&scenario.targets[index].count)
        case ("requests", "officers"): return drop(&scenario.requests[index].officers)
        default: return false
        }
    }

    static func merge<V>(_ patch: [Entry<V>], into entries: inout [Entry<V>]) {
        for entry in patch {
            if let index = entries.firstIndex(where: { $0.key == entry.key }) {
                entries[index].value = entry.value
            } else {
                entries.append(entry)
            }
        }
    }

    static func region(_ patch: Region, _ keys: Set<String>, into region: inout Region) {
        if keys.contains("name") { region.name = patch.name }
        if keys.contains("parent") { region.parent = patch.parent }
        if keys.contains("closed") { region.closed = patch.closed }
    }

    static func department(_ patch: Department, _ keys: Set<String>, into department: inout Department) {
        if keys.contains("name") { department.name = patch.name }
        if keys.contains("staff") { merge(patch.staff, into: &department.staff) }
        if keys.contains("share") { department.share = patch.share }
        if keys.contains("unavailable") { department.unavailable = patch.unavailable }
    }

    static func target(_ patch: Target, _ keys: Set<String>, into target: inout Target) {
        if keys.contains("name") { target.name = patch.name }
        if keys.contains("count") { merge(patch.count, into: &target.count) }
        if keys.contains("min_revisit_weeks") { target.minRevisitWeeks = patch.minRevisitWeeks }
        if keys.contains("max_visits_per_year") { target.maxVisitsPerYear = patch.maxVisitsPerYear }
        if keys.contains("max_visits_per_department") { target.maxVisitsPerDepartment = patch.maxVisitsPerDepartment }
    }

    static func request(_ patch: Request, _ keys: Set<String>, into request: inout Request) {
        if keys.contains("title") { request.title = patch.title }
        if keys.contains("lead") { request.lead = patch.lead }
        if keys.contains("partners") { request.partners = patch.partners }
        if keys.contains("targets") { request.targets = patch.targets }
        if keys.contains("regions") { request.regions = patch.regions }
        if keys.contains("rounds") { request.rounds = patch.rounds }
        if keys.contains("min_gap_weeks") { request.minGapWeeks = patch.minGapWeeks }
        if keys.contains("duration_days") { request.durationDays = patch.durationDays }
        if keys.contains("officers") { merge(patch.officers, into: &request.officers) }
        if keys.contains("window") { request.window = patch.window }
        if keys.contains("preferred") { request.preferred = patch.preferred }
        if keys.contains("priority") { request.priority = patch.priority }
        if keys.contains("sync_regions") { request.syncRegions = patch.syncRegions }
        if keys.contains("note") { request.note = patch.note }
    }

    static func objective(_ patch: ObjectiveWeights, keys: Set<String>, unscheduledKeys: Set<String>,
                          into weights: inout ObjectiveWeights) {
        if unscheduledKeys.contains("mandatory") { weights.unscheduledMandatory = patch.unscheduledMandatory }
        if unscheduledKeys.contains("high") { weights.unscheduledHigh = patch.unscheduledHigh }
        if unscheduledKeys.contains("normal") { weights.unscheduledNormal = patch.unscheduledNormal }
        if unscheduledKeys.contains("low") { weights.unscheduledLow = patch.unscheduledLow }
        if keys.contains("visit") { weights.visit = patch.visit }
        if keys.contains("outside_preferred") { weights.outsidePreferred = patch.outsidePreferred }
        if keys.contains("overload") { weights.overload = patch.overload }
        if keys.contains("move") { weights.move = patch.move }
        if keys.contains("balance_threshold") { weights.balanceThreshold = patch.balanceThreshold }
    }
}
