import JointPlanCore
import Yams

/// What-if overlays (DESIGN.md §8, `format: jointplan-overlay/v1`), applied to a loaded scenario in the
/// order given. Per overlay: `scale` first (staff pools of the named departments, or `all`, multiplied),
/// then `patch`: lists of objects with `id` merge by id (a new id is added, `remove: true` removes, a
/// known id has the given fields replaced); maps (`staff`, `count`, `officers`, `policy`, `objective`,
/// `calendar`) merge key by key; anything else (names, numbers, date ranges, plain lists) is replaced.
///
/// Every field an overlay sets records the overlay's file, line and path, so that the validator's
/// issues on the changed scenario point into the overlay that caused them.
public enum Overlay {
    public static let formatName = "jointplan-overlay/v1"
    /// Top-level keys of an overlay.
    static let keys = ["format", "name", "scale", "patch"]
    /// Scenario keys a patch may name; the others exist in a scenario but cannot be changed by an overlay.
    static let patchKeys = ["name", "calendar", "policy", "regions", "departments", "targets", "requests", "objective"]
    static let fixedKeys = ["format", "year", "request_files"]
    /// Keyed lists of a scenario, in the order a patch applies them.
    static let lists = ["regions", "departments", "targets", "requests"]
}

extension LoadSession {
    /// Applies `paths` in order. Returns false (with the errors recorded) at the first overlay that
    /// cannot be read or names an unknown field or id.
    mutating func applyOverlays(_ paths: [String], to scenario: inout Scenario) -> Bool {
        // Scenario element index → source prefix, kept in step with removals and additions.
        var sources: [String: [String]] = [:]
        let counts = ["regions": scenario.regions.count, "departments": scenario.departments.count,
                      "targets": scenario.targets.count, "requests": scenario.requests.count]
        for list in Overlay.lists {
            sources[list] = (0..<counts[list]!).map { prefixes["\(list)[\($0)]"] ?? "\(list)[\($0)]" }
        }
        defer {
            prefixes = [:]
            for (list, items) in sources {
                for (index, source) in items.enumerated() { prefixes["\(list)[\(index)]"] = source }
            }
        }
        for (number, path) in paths.enumerated() {
            files.append(path)
            overlayFiles.insert(path)
            let root: Node
            do throws(Diagnostic) {
                let text = try TextFile.read(path, display: path, encoding: .utf8)
                root = try YAMLSource.compose(text, file: path)
            } catch {
                diagnostics.append(error)
                return false
            }
            let application = OverlayApplication(reader: NodeReader(file: path), tag: "overlay\(number + 1):")
            application.apply(root, to: &scenario, sources: &sources, locations: &locations)
            diagnostics += application.reader.diagnostics
            if application.reader.exhausted || application.reader.diagnostics.contains(where: { $0.severity == .error }) {
                return false
            }
        }
        return true
    }
}

extension LoadSession {
    /// Adds the request held in the YAML file `path` (one mapping with the keys of a scenario request) as
    /// a new request; its id must be new. Returns the id, or nil with the errors recorded.
    mutating func addRequestFile(_ path: String, to scenario: inout Scenario) -> String? {
        files.append(path)
        overlayFiles.insert(path)
        let root: Node
        do throws(Diagnostic) {
            root = try YAMLSource.compose(try TextFile.read(path, display: path, encoding: .utf8), file: path)
        } catch {
            diagnostics.append(error)
            return nil
        }
        let reader = NodeReader(file: path)
        let id = root.mapping?["id"].flatMap { node -> String? in
            if case .scalar(let scalar) = node { return scalar.string }
            return nil
        }
        if let id, scenario.request(id) != nil {
            reader.error("request.id", root.mapping?["id"], "request '\(id)' is already in the scenario (give its id instead of a file)")
        } else {
            var sources = ["requests": (0..<scenario.requests.count).map { prefixes["requests[\($0)]"] ?? "requests[\($0)]" }]
            var builder = ScenarioBuilder(reader: reader)
            OverlayApplication(reader: reader, tag: "file:").element(root, path: "request", list: "requests", builder: &builder,
                                                                    scenario: &scenario, sources: &sources, locations: &locations)
            if let source = sources["requests"]?.last { prefixes["requests[\(scenario.requests.count - 1)]"] = source }
        }
        diagnostics += reader.diagnostics
        guard !reader.exhausted, !reader.diagnostics.contains(where: { $0.severity == .error }) else { return nil }
        return id
    }
}

/// One overlay file being applied.
struct OverlayApplication {
    let reader: NodeReader
    /// Prefix of the source paths of elements this overlay adds (`overlay2:patch.requests[0]`).
    let tag: String

    func apply(_ root: Node, to scenario: inout Scenario, sources: inout [String: [String]],
               locations: inout [String: SourceLocation]) {
        let r = reader
        guard let top = r.mapping(root, "", allowed: Overlay.keys, required: ["format"]) else { return }
        if let format = r.read(top, "format", r.string), format != Overlay.formatName {
            r.error("format", top.values["format"], "unsupported format '\(format)' (expected '\(Overlay.formatName)')")
            return
        }
        _ = r.read(top, "name", r.string)
        if let node = top.values["scale"] { scale(node, &scenario) }
        guard let node = top.values["patch"],
              let patch = r.mapping(node, "patch", allowed: Overlay.patchKeys + Overlay.fixedKeys) else { return }
        for key in Overlay.fixedKeys where patch.values[key] != nil {
            r.error(patch.path(key), patch.values[key], "'\(key)' cannot be changed by an overlay")
        }
        var builder = ScenarioBuilder(reader: r)
        if let name = r.read(patch, "name", r.string) { scenario.name = name }
        if let node = patch.values["calendar"] {
            let spec = builder.calendar(node)
            let keys = Self.patchedKeys(node)
            if keys.contains("preset") { scenario.calendar.preset = spec.preset }
            if keys.contains("holidays") { scenario.calendar.holidays = spec.holidays }
            if keys.contains("workdays") { scenario.calendar.workdays = spec.workdays }
            forget(["holidays", "workdays"].filter(keys.contains).map { "calendar." + $0 }, in: &locations)
        }
        if let node = patch.values["policy"] {
            let policy = builder.policy(node)
            let keys = Self.patchedKeys(node)
            if keys.contains("min_revisit_weeks") { scenario.policy.minRevisitWeeks = policy.minRevisitWeeks }
            if keys.contains("max_visits_per_year") { scenario.policy.maxVisitsPerYear = policy.maxVisitsPerYear }
            if keys.contains("max_visits_per_department") { scenario.policy.maxVisitsPerDepartment = policy.maxVisitsPerDepartment }
        }
        if let node = patch.values["objective"] {
            OverlayMerge.objective(builder.objective(node), keys: Self.patchedKeys(node),
                                   unscheduledKeys: Self.patchedKeys(node.mapping?["unscheduled"]), into: &scenario.objective)
        }
        for list in Overlay.lists {
            guard let node = patch.values[list], let items = r.sequence(node, "patch.\(list)") else { continue }
            for (index, item) in items.enumerated() {
                element(item, path: "patch.\(list)[\(index)]", list: list, builder: &builder, scenario: &scenario,
                        sources: &sources, locations: &locations)
            }
        }
        // Sections outside the keyed lists are read under their scenario paths (`policy.x`); what the
        // overlay set is now located in the overlay.
        for (key, location) in r.locations {
            if ["calendar", "policy", "objective"].contains(where: { key == $0 || key.hasPrefix($0 + ".") }) {
                locations[key] = location
            } else if key == "patch.name" {
                locations["name"] = location
            }
        }
    }

    /// `scale: {staff: {scjg: 0.8}}` or `{staff: {all: 0.8}}`.
    private func scale(_ node: Node, _ scenario: inout Scenario) {
        let r = reader
        guard let fields = r.mapping(node, "scale", allowed: ["staff"]),
              let factors = r.read(fields, "staff", { r.entries($0, $1, r.double) }) else { return }
        for factor in factors {
            let path = "scale.staff.\(factor.key)"
            let valueNode = fields.values["staff"]?.mapping?[factor.key]
            guard factor.value >= 0 else {
                r.error(path, valueNode, "a scale factor must be 0 or more, found \(factor.value)")
                continue
            }
            let targets = scenario.departments.indices.filter { factor.key == "all" || scenario.departments[$0].id == factor.key }
            guard !targets.isEmpty else {
                r.error(path, valueNode, "department '\(factor.key)' is not defined (use a department id or 'all')")
                continue
            }
            for index in targets {
                for pool in scenario.departments[index].staff.indices { scenario.departments[index].staff[pool].value *= factor.value }
            }
        }
    }

    /// One element of a keyed list in the patch: removed, changed, or added.
    func element(_ item: Node, path: String, list: String, builder: inout ScenarioBuilder,
                         scenario: inout Scenario, sources: inout [String: [String]],
                         locations: inout [String: SourceLocation]) {
        let r = reader
        guard case .mapping(let mapping) = item else {
            r.error(path, item, "expected a mapping with an 'id', found \(NodeReader.describe(item))")
            return
        }
        guard let idNode = mapping["id"], let id = r.string(idNode, path + ".id") else {
            if mapping["id"] == nil { r.error(path, item, "missing required key 'id'") }
            return
        }
        let ids = OverlayMerge.ids(list, scenario)
        let existing = ids.firstIndex(of: id)
        if mapping["remove"] != nil {
            guard let fields = r.mapping(item, path, allowed: ["id", "remove"], required: ["id"]) else { return }
            guard let remove = r.read(fields, "remove", r.bool) else { return }
            guard remove else {
                r.error(fields.path("remove"), fields.values["remove"], "'remove' can only be true (leave it out to change the element)")
                return
            }
            guard let existing else {
                r.error(path + ".id", idNode, "cannot remove \(OverlayMerge.noun(list)) '\(id)': no such id in the scenario")
                return
            }
            OverlayMerge.remove(list, at: existing, from: &scenario)
            sources[list]!.remove(at: existing)
            return
        }
        // A map merges key by key (§8); null is no map to merge, and emptying one is never meant.
        for key in OverlayMerge.mergedMaps.sorted() where mapping[key].map(NodeReader.isNull) == true {
            r.error(path + "." + key, mapping[key], "'\(key)' cannot be null in an overlay: it merges key by key (give the entries to change)")
            return
        }
        builder.partial = existing != nil
        defer { builder.partial = false }
        // In a merged map of an existing element, an entry set to null removes that entry
        // (`officers: {sthj: null}` with the partner dropped); the rest of the map merges as usual.
        var item = item
        var removals: [String: [(key: String, node: Node)]] = [:]
        if existing != nil {
            (item, removals) = Self.withoutNullEntries(item, in: OverlayMerge.mergedMaps)
        }
        let keys = Self.patchedKeys(item).subtracting(["id"])
        let before = r.diagnostics.count
        if let existing {
            guard OverlayMerge.change(list, at: existing, with: item, path: path, keys: keys, builder: builder,
                                      scenario: &scenario), r.diagnostics.count == before else { return }
            let prefix = sources[list]![existing]
            for (field, entries) in removals.sorted(by: { $0.key < $1.key }) {
                for entry in entries where !OverlayMerge.removeEntry(list, at: existing, field: field, key: entry.key,
                                                                     from: &scenario) {
                    r.error("\(path).\(field).\(entry.key)", entry.node,
                            "cannot remove '\(entry.key)' from \(field): \(OverlayMerge.noun(list)) '\(id)' has no such entry")
                }
                forget(entries.map { "\(prefix).\(field).\($0.key)" }, in: &locations)
                for entry in entries { locations["\(prefix).\(field).\(entry.key)"] = nil }
            }
            guard r.diagnostics.count == before else { return }
            forget(keys.filter { !OverlayMerge.mergedMaps.contains($0) }.map { "\(prefix).\($0)" }, in: &locations)
            relocate(path, to: prefix, including: false, in: &locations)
        } else {
            guard OverlayMerge.add(list, item, path: path, builder: builder, scenario: &scenario),
                  r.diagnostics.count == before else { return }
            sources[list]!.append(tag + path)
            relocate(path, to: tag + path, including: true, in: &locations)
        }
    }

    /// Copies the overlay's locations below `path` to the scenario element's source prefix.
    private func relocate(_ path: String, to prefix: String, including element: Bool,
                          in locations: inout [String: SourceLocation]) {
        for (key, location) in reader.locations where key.hasPrefix(path + ".") || key.hasPrefix(path + "[") || (element && key == path) {
            locations[prefix + key.dropFirst(path.count)] = location
        }
    }

    /// Drops the locations below replaced values (a replaced list's old items no longer exist).
    private func forget(_ paths: [String], in locations: inout [String: SourceLocation]) {
        guard !paths.isEmpty else { return }
        for key in Array(locations.keys) where paths.contains(where: { key.hasPrefix($0 + ".") || key.hasPrefix($0 + "[") }) {
            locations[key] = nil
        }
    }

    /// `node` without the null entries of its `maps` fields, and those entries by field (with the value
    /// node, for messages). A field left with no entry is dropped from the patch: only removals remain.
    static func withoutNullEntries(_ node: Node, in maps: Set<String>) -> (Node, [String: [(key: String, node: Node)]]) {
        guard case .mapping(var mapping) = node else { return (node, [:]) }
        var removals: [String: [(key: String, node: Node)]] = [:]
        for field in maps.sorted() {
            guard case .mapping(let map)? = mapping[field] else { continue }
            let nulls = map.filter { NodeReader.isNull($0.value) }
            guard !nulls.isEmpty else { continue }
            removals[field] = nulls.compactMap { pair in pair.key.scalar.map { (key: $0.string, node: pair.value) } }
            let kept = map.filter { !NodeReader.isNull($0.value) }.map { ($0.key, $0.value) }
            mapping[field] = kept.isEmpty ? nil : .mapping(Node.Mapping(kept, map.tag, map.style, map.mark))
        }
        return (.mapping(mapping), removals)
    }

    /// The keys of a mapping node: what a patch sets. A null value is set too: it replaces the field with
    /// what leaving it out of a scenario means (`max_visits_per_year: null` lifts the cap, as in a scenario).
    static func patchedKeys(_ node: Node?) -> Set<String> {
        guard case .mapping(let mapping)? = node else { return [] }
        var keys = Set<String>()
        for key in mapping.keys {
            if case .scalar(let scalar) = key { keys.insert(scalar.string) }
        }
        return keys
    }
}
