import Foundation
import JointPlanCore
import Yams

/// A scenario read from disk, with its warnings and the files it was read from.
public struct LoadedScenario: Sendable {
    public var scenario: Scenario
    /// Validator warnings, located (`scenario.yaml:40: warning: requests[2].window: …`).
    public var warnings: [Diagnostic]
    /// The YAML file and the request sheets, as displayed in diagnostics.
    public var files: [String]

    public init(scenario: Scenario, warnings: [Diagnostic], files: [String]) {
        self.scenario = scenario
        self.warnings = warnings
        self.files = files
    }
}

/// Reads a scenario folder (holding `scenario.yaml`) or a scenario YAML file, with its request sheets,
/// and validates it. Every error found is reported, each naming its file, line and field.
public enum ScenarioLoader {
    /// The file a scenario folder must hold.
    public static let scenarioFileName = "scenario.yaml"

    /// Loads and validates the scenario at `path`, changed by the `overlays` (§8) in the order given.
    /// Throws every error (and the warnings) when any error is found; otherwise returns the scenario with
    /// its warnings. Validation runs once, on the changed scenario, and each issue names the file that
    /// set the field: the scenario, a request sheet or an overlay.
    public static func load(path: String, overlays: [String] = []) throws(DiagnosticList) -> LoadedScenario {
        var session = LoadSession()
        let result = session.run(path: path, overlays: overlays)
        let errors = session.diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty, let scenario = result else { throw DiagnosticList(session.diagnostics) }
        return LoadedScenario(scenario: scenario, warnings: session.diagnostics, files: session.files)
    }

    /// Loads the scenario at `path` with the request held in `requestFile` (a YAML mapping with the keys of
    /// a scenario request, and a new id) added, for `recommend`. Returns the scenario and the request id.
    public static func load(path: String, addingRequestFile requestFile: String) throws(DiagnosticList) -> (LoadedScenario, String) {
        var session = LoadSession()
        let result = session.run(path: path, requestFile: requestFile)
        let errors = session.diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty, let scenario = result, let id = session.addedRequest else { throw DiagnosticList(session.diagnostics) }
        return (LoadedScenario(scenario: scenario, warnings: session.diagnostics, files: session.files), id)
    }

    /// The YAML file to read for `path`: the path itself or `path/scenario.yaml`.
    static func scenarioFile(for path: String) throws(Diagnostic) -> String {
        var isDirectory: ObjCBool = false
        guard !path.isEmpty, FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw Diagnostic(file: path.isEmpty ? "(empty path)" : path, message: "no such file or directory")
        }
        guard isDirectory.boolValue else { return path }
        let file = Glob.join(path, scenarioFileName)
        guard FileManager.default.fileExists(atPath: file) else {
            throw Diagnostic(file: path, message: "the folder holds no \(scenarioFileName)")
        }
        return file
    }
}

/// The state of one load: diagnostics, where each field came from, and which paths already failed.
struct LoadSession {
    var diagnostics: [Diagnostic] = []
    var files: [String] = []
    /// Source locations by source path (YAML: `requests[3].lead`; CSV rows: `csv#5.lead`).
    var locations: [String: SourceLocation] = [:]
    /// Scenario list element (`requests[4]`) → its source path prefix (`requests[5]` or `csv#0`).
    var prefixes: [String: String] = [:]
    /// Source paths at which reading already reported an error.
    var failedPaths: Set<String> = []
    /// Overlay files applied so far (fields they set are printed with the overlay's own path).
    var overlayFiles: Set<String> = []
    /// The id of the request added from a request file.
    var addedRequest: String?

    mutating func run(path: String, overlays: [String] = [], requestFile: String? = nil) -> Scenario? {
        let yamlFile: String
        let text: String
        do throws(Diagnostic) {
            yamlFile = try ScenarioLoader.scenarioFile(for: path)
            files.append(yamlFile)
            text = try TextFile.read(yamlFile, display: yamlFile, encoding: .utf8)
        } catch {
            diagnostics.append(error)
            return nil
        }
        let root: Node
        do throws(Diagnostic) {
            root = try YAMLSource.compose(text, file: yamlFile)
        } catch {
            diagnostics.append(error)
            return nil
        }
        let reader = NodeReader(file: yamlFile)
        var builder = ScenarioBuilder(reader: reader)
        var (scenario, patterns) = builder.build(root)
        diagnostics += reader.diagnostics
        locations = reader.locations
        failedPaths = Set(reader.diagnostics.compactMap(\.field))
        registerYAMLPrefixes(scenario, root: root)
        guard !reader.exhausted else { return nil }

        let base = PathText.parent(yamlFile)
        readRequestFiles(patterns, base: base, yamlFile: yamlFile, scenario: &scenario, yearKnown: builder.yearKnown)
        guard builder.yearKnown else { return nil }
        if !overlays.isEmpty {
            // Overlays change a scenario that reads cleanly; their own reading errors stop the load.
            guard !diagnostics.contains(where: { $0.severity == .error }) else { return nil }
            guard applyOverlays(overlays, to: &scenario) else { return nil }
        }
        if let requestFile {
            guard !diagnostics.contains(where: { $0.severity == .error }) else { return nil }
            addedRequest = addRequestFile(requestFile, to: &scenario)
            guard addedRequest != nil else { return nil }
        }
        for issue in ScenarioValidator.validate(scenario) { report(issue) }
        return scenario
    }

    /// YAML list elements whose id could not be read were skipped, so scenario indices and source indices
    /// differ; map each kept element back to its source index by id order.
    mutating func registerYAMLPrefixes(_ scenario: Scenario, root: Node) {
        let lists: [(String, [String])] = [("regions", scenario.regions.map(\.id)), ("departments", scenario.departments.map(\.id)),
                                           ("targets", scenario.targets.map(\.id)), ("requests", scenario.requests.map(\.id))]
        for (list, ids) in lists {
            var sourceIndex = 0
            for (index, id) in ids.enumerated() {
                // Advance to the next source element whose id was read and equals `id`.
                while locations["\(list)[\(sourceIndex)].id"] == nil || sourceID(root, list, sourceIndex) != id {
                    sourceIndex += 1
                    if sourceIndex > 1_000_000 { return }
                }
                prefixes["\(list)[\(index)]"] = "\(list)[\(sourceIndex)]"
                sourceIndex += 1
            }
        }
    }

    func sourceID(_ root: Node, _ list: String, _ index: Int) -> String? {
        guard case .sequence(let items)? = root.mapping?[list], index < items.count,
              case .scalar(let id)? = items[index].mapping?["id"] else { return nil }
        return id.string
    }

    mutating func readRequestFiles(_ patterns: [RequestFilePattern], base: String, yamlFile: String,
                                   scenario: inout Scenario, yearKnown: Bool) {
        var seenFiles = Set<String>()
        for pattern in patterns {
            let matches = Glob.expand(pattern.pattern, base: base)
            if matches.isEmpty {
                diagnostics.append(Diagnostic(file: yamlFile, line: pattern.line, field: pattern.path,
                                              message: "pattern '\(pattern.pattern)' matches no file"))
                continue
            }
            for match in matches where seenFiles.insert(match).inserted {
                let display = Glob.join(base, match)
                files.append(display)
                let text: String
                do throws(Diagnostic) {
                    text = try TextFile.read(display, display: display, encoding: .utf8OrGB18030)
                } catch {
                    diagnostics.append(error)
                    continue
                }
                let (rows, problems) = RequestCSV.parse(text, file: display, year: yearKnown ? scenario.year : 2000)
                diagnostics += problems
                for row in rows { append(row, file: display, to: &scenario) }
            }
        }
    }

    mutating func append(_ row: RequestCSV.Row, file: String, to scenario: inout Scenario) {
        let source = "csv#\(locations.count)"
        prefixes["requests[\(scenario.requests.count)]"] = source
        scenario.requests.append(row.request)
        locations[source] = SourceLocation(file: file, line: row.line, field: nil)
        let fieldColumns: [(String, [String])] = [
            ("id", ["id"]), ("title", ["title"]), ("lead", ["lead"]), ("partners", ["partners"]), ("targets", ["targets"]),
            ("regions", ["regions"]), ("rounds", ["rounds"]), ("min_gap_weeks", ["min_gap_weeks"]),
            ("duration_days", ["duration_days"]), ("officers", ["officers"]), ("window", ["window_from", "window_to"]),
            ("window.from", ["window_from"]), ("window.to", ["window_to"]), ("preferred", ["preferred_from", "preferred_to"]),
            ("preferred.from", ["preferred_from"]), ("preferred.to", ["preferred_to"]), ("priority", ["priority"]),
            ("sync_regions", ["sync_regions"]), ("note", ["note"]),
        ]
        for (field, columns) in fieldColumns {
            guard let column = columns.first(where: { row.headers[$0] != nil }), let header = row.headers[column] else { continue }
            locations["\(source).\(field)"] = SourceLocation(file: file, line: row.line, field: "column \(header)")
            if row.failedColumns.contains(column) { failedPaths.insert("\(source).\(field)") }
        }
    }

    /// Locates a validator issue and records it, unless reading already reported an error there.
    mutating func report(_ issue: ScenarioIssue) {
        var path = issue.path
        if let end = path.firstIndex(of: "]"), let source = prefixes[String(path[...end])] {
            path = source + path[path.index(after: end)...]
        }
        let covered = failedPaths.contains { failed in
            path == failed || path.hasPrefix(failed + ".") || path.hasPrefix(failed + "[")
                || failed.hasPrefix(path + ".") || failed.hasPrefix(path + "[")
        }
        if covered && issue.severity == .error { return }
        var probe = path
        var location: SourceLocation? = locations[probe]
        while location == nil, let parent = Self.parent(of: probe) {
            probe = parent
            location = locations[probe]
        }
        let isCSV = path.hasPrefix("csv#")
        let file = location?.file ?? files.first ?? ""
        var field = isCSV ? location?.field : path
        if let location, overlayFiles.contains(location.file), let written = location.field {
            // Set by an overlay: the overlay's own path (`patch.requests[1].officers`) plus what lies below.
            field = written + path.dropFirst(probe.count)
        }
        diagnostics.append(Diagnostic(issue.severity, file: file, line: location?.line, field: field, message: issue.message))
    }

    /// `a.b[2].c` → `a.b[2]` → `a.b` → `a` → nil.
    static func parent(of path: String) -> String? {
        guard let index = path.lastIndex(where: { $0 == "." || $0 == "[" }) else { return path.isEmpty ? nil : "" }
        return String(path[..<index])
    }
}
