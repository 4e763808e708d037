import JointPlanCore

/// Request sheets (DESIGN.md §4): one request per row, English or Chinese headers.
enum RequestCSV {
    /// Canonical column names with their Chinese headers, in template order.
    static let columns: [(name: String, chinese: String)] = [
        ("id", "编号"), ("title", "事项名称"), ("lead", "牵头部门"), ("partners", "配合部门"), ("targets", "执法对象"),
        ("regions", "执法区域"), ("rounds", "轮次"), ("min_gap_weeks", "间隔周数"), ("duration_days", "天数"),
        ("officers", "人员"), ("window_from", "开始日期"), ("window_to", "截止日期"), ("preferred_from", "优先开始"),
        ("preferred_to", "优先截止"), ("priority", "优先级"), ("sync_regions", "区域同步"), ("note", "备注"),
    ]
    static let required = ["id", "title", "lead", "regions", "duration_days", "officers"]

    /// One parsed row: the request, the line it starts on, and the header as written for each column.
    struct Row {
        var request: Request
        var line: Int
        var headers: [String: String]
        /// Columns whose cell could not be read (their validator issues are not repeated).
        var failedColumns: Set<String>
    }

    static func chinese(_ name: String) -> String { columns.first { $0.name == name }?.chinese ?? name }

    static func canonicalName(_ header: String) -> String? {
        let text = header.trimmedCell
        return columns.first { $0.name == text.lowercased() || $0.chinese == text }?.name
    }

    static func parse(_ text: String, file: String, year: Int) -> (rows: [Row], diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let (allRecords, problems) = CSVReader.parse(text)
        // Rows whose first cell starts with '#' are comments (the template's example row); no id starts so.
        let records = allRecords.filter { !($0.fields.first?.trimmedCell.hasPrefix("#") ?? false) }
        diagnostics += problems.map { Diagnostic(file: file, line: $0.line, message: "CSV: \($0.message)") }
        guard let header = records.first else {
            diagnostics.append(Diagnostic(file: file, message: "the file is empty (a header row is required)"))
            return ([], diagnostics)
        }
        var positions: [String: Int] = [:]
        var headers: [String: String] = [:]
        for (index, cell) in header.fields.enumerated() {
            let written = cell.trimmedCell
            guard let name = canonicalName(written) else {
                if !written.isEmpty {
                    diagnostics.append(Diagnostic(file: file, line: header.line, field: "column \(written)",
                                                  message: "unknown column '\(written)'"))
                }
                continue
            }
            if positions[name] != nil {
                diagnostics.append(Diagnostic(file: file, line: header.line, field: "column \(written)",
                                              message: "column '\(written)' appears twice"))
                continue
            }
            positions[name] = index
            headers[name] = written
        }
        let missing = required.filter { positions[$0] == nil }
        for name in missing {
            diagnostics.append(Diagnostic(file: file, line: header.line,
                                          message: "missing required column '\(name)' (\(chinese(name)))"))
        }
        guard missing.isEmpty else { return ([], diagnostics) }
        var rows: [Row] = []
        for record in records.dropFirst() {
            if record.fields.count > header.fields.count {
                diagnostics.append(Diagnostic(file: file, line: record.line,
                                              message: "the row has \(record.fields.count) cells but the header has \(header.fields.count)"))
                continue
            }
            var cells = RowCells(file: file, line: record.line, year: year, headers: headers)
            for (name, index) in positions where index < record.fields.count {
                let value = record.fields[index].trimmedCell
                if !value.isEmpty { cells.values[name] = value }
            }
            if let row = cells.build() { rows.append(row) }
            diagnostics += cells.diagnostics
        }
        return (rows, diagnostics)
    }
}

/// The cells of one row, read into a `Request` with a diagnostic per bad cell.
private struct RowCells {
    let file: String
    let line: Int
    let year: Int
    let headers: [String: String]
    var values: [String: String] = [:]
    var diagnostics: [Diagnostic] = []
    var failed: Set<String> = []

    init(file: String, line: Int, year: Int, headers: [String: String]) {
        self.file = file
        self.line = line
        self.year = year
        self.headers = headers
    }

    mutating func fail(_ column: String, _ message: String) {
        failed.insert(column)
        diagnostics.append(Diagnostic(file: file, line: line, field: "column \(headers[column] ?? column)", message: message))
    }

    mutating func required(_ column: String) -> String? {
        guard let value = values[column] else {
            fail(column, "a value is required")
            return nil
        }
        return value
    }

    static func list(_ text: String) -> [String] {
        text.split(whereSeparator: { ";；、,，".contains($0) }).map { String($0).trimmedCell }.filter { !$0.isEmpty }
    }

    mutating func int(_ column: String) -> Int? {
        guard let text = values[column] else { return nil }
        guard text.allSatisfy({ $0.isASCII && $0.isNumber }) || (text.hasPrefix("-") && text.count > 1 && text.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber })),
              let value = Int(text) else {
            fail(column, "expected an integer, found '\(text)'")
            return nil
        }
        return value
    }

    /// `2025-03-01`, also `2025/3/1`, `2025.3.1` and `2025年3月1日` as spreadsheets reformat dates.
    static func date(_ text: String) -> CivilDate? {
        if let date = CivilDate(iso: text) { return date }
        let parts = text.split(whereSeparator: { "-/.年月日".contains($0) })
        guard parts.count == 3, parts[0].count == 4, parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } && $0.count <= 4 }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        return CivilDate(year: y, month: m, day: d)
    }

    mutating func date(_ column: String) -> CivilDate? {
        guard let text = values[column] else { return nil }
        guard let date = Self.date(text) else {
            fail(column, "'\(text)' is not a valid date (expected YYYY-MM-DD)")
            return nil
        }
        return date
    }

    mutating func range(_ fromColumn: String, _ toColumn: String) -> DateRange? {
        let from = date(fromColumn), to = date(toColumn)
        guard values[fromColumn] != nil || values[toColumn] != nil else { return nil }
        guard !failed.contains(fromColumn), !failed.contains(toColumn),
              let first = CivilDate(year: year, month: 1, day: 1), let last = CivilDate(year: year, month: 12, day: 31) else { return nil }
        return DateRange(from: from ?? first, to: to ?? last)
    }

    mutating func officers() -> [Entry<Int>] {
        guard let text = required("officers") else { return [] }
        var result: [Entry<Int>] = []
        for item in Self.list(text) {
            let parts = item.split(whereSeparator: { ":：".contains($0) }).map { String($0).trimmedCell }
            guard parts.count == 2, !parts[0].isEmpty, let count = Int(parts[1]) else {
                fail("officers", "'\(item)' is not department:count (e.g. scjg:4;yjgl:2)")
                continue
            }
            result.append(Entry(parts[0], count))
        }
        return result
    }

    mutating func priority() -> Priority {
        guard let text = values["priority"] else { return .normal }
        switch text.lowercased() {
        case "必须", "mandatory": return .mandatory
        case "高", "high": return .high
        case "中", "normal": return .normal
        case "低", "low": return .low
        default:
            fail("priority", "unknown priority '\(text)' (expected 必须/高/中/低 or mandatory/high/normal/low)")
            return .normal
        }
    }

    mutating func sync() -> Bool {
        guard let text = values["sync_regions"] else { return false }
        switch text.lowercased() {
        case "是", "true", "yes", "1": return true
        case "否", "false", "no", "0": return false
        default:
            fail("sync_regions", "expected 是/否 or true/false, found '\(text)'")
            return false
        }
    }

    mutating func build() -> RequestCSV.Row? {
        guard let id = required("id") else { return nil }
        var request = Request(id: id, title: required("title") ?? id, lead: required("lead") ?? "")
        request.partners = values["partners"].map(Self.list) ?? []
        request.targets = values["targets"].map(Self.list) ?? []
        request.regions = required("regions").map(Self.list) ?? []
        if let rounds = int("rounds") { request.rounds = rounds }
        if let gap = int("min_gap_weeks") { request.minGapWeeks = gap }
        if required("duration_days") != nil, let days = int("duration_days") { request.durationDays = days }
        request.officers = officers()
        request.window = range("window_from", "window_to")
        request.preferred = range("preferred_from", "preferred_to")
        request.priority = priority()
        request.syncRegions = sync()
        request.note = values["note"]
        return RequestCSV.Row(request: request, line: line, headers: headers, failedColumns: failed)
    }
}
