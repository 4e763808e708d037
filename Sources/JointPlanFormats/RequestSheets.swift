import Foundation
import JointPlanCore

/// A request sheet held in memory (a department's submission), with the name its diagnostics carry.
public struct RequestSheetSource: Equatable, Sendable {
    /// How diagnostics name the sheet: the file the user gave, or `ws/intake.sqlite (scjg v3)`.
    public var display: String
    public var text: String

    public init(display: String, text: String) {
        self.display = display
        self.text = text
    }
}

/// One row of a sheet after `RequestSheets.merge`: the request and where it was written.
public struct RequestSheetRow: Equatable, Sendable {
    public var request: Request
    /// The line the row starts on.
    public var line: Int
    /// Canonical column name (`lead`) → the header as written (`牵头部门`).
    public var headers: [String: String]

    /// `column 牵头部门`: the field of a diagnostic about `column` (a canonical name).
    public func field(_ column: String) -> String { "column \(headers[column] ?? column)" }
}

/// The outcome of merging sheets into a scenario: the scenario, the sheets' rows, and every diagnostic
/// located in a sheet (reading errors, and validator issues mapped to file, row and column).
public struct MergedRequestSheets: Sendable {
    public var scenario: Scenario
    /// One list per sheet, in the order given.
    public var rows: [[RequestSheetRow]]
    public var diagnostics: [Diagnostic]
    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
}

/// Request sheets outside a scenario folder (DESIGN.md §4 CSV format): the intake's entry to the same
/// reader (`RequestCSV`) and validator the scenario loader uses.
public enum RequestSheets {
    /// Canonical column names in template order.
    public static var columnNames: [String] { RequestCSV.columns.map(\.name) }
    /// Chinese headers in template order.
    public static var chineseHeaders: [String] { RequestCSV.columns.map(\.chinese) }

    /// Decodes a sheet's bytes: UTF-8 with or without BOM, else GB18030; NUL bytes are refused.
    public static func decode(_ bytes: [UInt8], display: String) throws(Diagnostic) -> String {
        if bytes.isEmpty { throw Diagnostic(file: display, message: "the file is empty (a header row is required)") }
        return try TextFile.decode(bytes, display: display, encoding: .utf8OrGB18030)
    }

    /// Appends the rows of every sheet (in order) to `base`, validates the whole scenario, and locates
    /// each issue of a sheet row by file, line and column. Issues outside the sheets' requests (the base
    /// scenario's own) are not repeated: the caller validated `base` when it loaded it.
    public static func merge(_ sheets: [RequestSheetSource], into base: Scenario) -> MergedRequestSheets {
        var scenario = base
        var diagnostics: [Diagnostic] = []
        var rows: [[RequestSheetRow]] = []
        var origins: [Int: (display: String, row: RequestCSV.Row)] = [:]
        for sheet in sheets {
            let (parsed, problems) = RequestCSV.parse(sheet.text, file: sheet.display, year: base.year)
            diagnostics += problems
            rows.append(parsed.map { RequestSheetRow(request: $0.request, line: $0.line, headers: $0.headers) })
            for row in parsed {
                origins[scenario.requests.count] = (sheet.display, row)
                scenario.requests.append(row.request)
            }
        }
        for issue in ScenarioValidator.validate(scenario) {
            guard let (index, rest) = requestIndex(issue.path), let origin = origins[index] else { continue }
            let columns = columns(forField: rest)
            let header = columns.lazy.compactMap { origin.row.headers[$0] }.first
            if issue.severity == .error, columns.contains(where: origin.row.failedColumns.contains) { continue }
            diagnostics.append(Diagnostic(issue.severity, file: origin.display, line: origin.row.line,
                                          field: header.map { "column \($0)" }, message: issue.message))
        }
        return MergedRequestSheets(scenario: scenario, rows: rows, diagnostics: diagnostics)
    }

    /// `requests[12].officers.yjgl` → (12, `officers.yjgl`).
    static func requestIndex(_ path: String) -> (Int, String)? {
        guard path.hasPrefix("requests["), let close = path.firstIndex(of: "]") else { return nil }
        guard let index = Int(path[path.index(path.startIndex, offsetBy: 9)..<close]) else { return nil }
        var rest = path[path.index(after: close)...]
        if rest.hasPrefix(".") { rest = rest.dropFirst() }
        return (index, String(rest))
    }

    /// The sheet columns holding a request field (`window.from` → `window_from`; `partners[1]` → `partners`).
    static func columns(forField field: String) -> [String] {
        let base = field.prefix { $0 != "[" }
        switch base {
        case "window.from": return ["window_from"]
        case "window.to": return ["window_to"]
        case "preferred.from": return ["preferred_from"]
        case "preferred.to": return ["preferred_to"]
        default: break
        }
        let first = String(base.prefix { $0 != "." })
        switch first {
        case "": return []
        case "window": return ["window_from", "window_to"]
        case "preferred": return ["preferred_from", "preferred_to"]
        default: return [first]
        }
    }

    // MARK: Writing sheets

    /// The canonical sheet of `requests`: English headers, one row per request, LF line ends, no BOM.
    /// Reading it back with `merge` gives the same requests (every default written out).
    public static func render(_ requests: [Request]) -> String {
        var lines = [columnNames.joined(separator: ",")]
        for request in requests {
            let cells: [String] = [
                request.id, request.title, request.lead, request.partners.joined(separator: ";"),
                request.targets.joined(separator: ";"), request.regions.joined(separator: ";"), String(request.rounds),
                String(request.minGapWeeks), String(request.durationDays),
                request.officers.map { "\($0.key):\($0.value)" }.joined(separator: ";"),
                request.window?.from.iso ?? "", request.window?.to.iso ?? "",
                request.preferred?.from.iso ?? "", request.preferred?.to.iso ?? "",
                request.priority.rawValue, request.syncRegions ? "true" : "false", request.note ?? "",
            ]
            lines.append(cells.map(csvCell).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// An empty sheet for departments: the header row and one example row commented out with `#`.
    /// CRLF line ends; the caller adds a BOM so Excel and WPS read it as UTF-8.
    public static func template(chinese: Bool, year: Int) -> String {
        let header = chinese ? chineseHeaders : columnNames
        let example: [String] = [
            "#R01", chinese ? "加油站安全与质量联合检查（示例行：以#开头的行不会读入，请删除或照此填写）"
                : "Joint inspection of gas stations (example: rows starting with # are not read)",
            "scjg", "yjgl;sthj", "gas-station", "liangzhou;minqin", "2", "16", "3", "scjg:4;yjgl:2;sthj:2",
            "\(year)-03-01", "\(year)-11-30", "\(year)-04-01", "\(year)-06-30", chinese ? "高" : "high",
            chinese ? "否" : "false", chinese ? "依据《安全生产法》" : "legal basis",
        ]
        return [header.map(csvCell).joined(separator: ","), example.map(csvCell).joined(separator: ",")]
            .joined(separator: "\r\n") + "\r\n"
    }

    /// RFC 4180 quoting where needed.
    static func csvCell(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
