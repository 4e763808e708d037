import Foundation
import JointPlanCore

/// `plan.csv`: the official table of the plan, one row per placed session.
///
/// UTF-8 with a byte-order mark (so Excel and WPS detect the encoding), CRLF line ends, RFC 4180 quoting,
/// no cell a spreadsheet would take for a formula.
/// Columns: 序号, 联合执法事项, 牵头部门, 配合部门, 执法对象, 执法区域, 轮次, 时间安排, 参与人员. Departments,
/// regions and targets appear by name; rows follow the publishing order (date, region, request, round).
enum PlanCSV {
    static func render(_ context: PublishContext) -> Data {
        let labels = context.labels
        var lines = [labels.csvHeaders.map(field).joined(separator: ",")]
        for (index, view) in context.sessions.enumerated() {
            let row = [
                "\(index + 1)",
                view.title,
                view.lead.isEmpty ? "" : context.departmentName(view.lead),
                context.list(view.partners.map(context.departmentName)),
                context.list(view.session.targets.map(context.targetName)),
                context.regionName(view.session.region),
                labels.round(view.session.round),
                context.datesText(view),
                context.officersText(view),
            ]
            lines.append(row.map(field).joined(separator: ","))
        }
        var data = Data([0xEF, 0xBB, 0xBF])
        data.append(Data(lines.map { $0 + "\r\n" }.joined().utf8))
        return data
    }

    /// One RFC 4180 field: quoted when it holds a comma, a quote, a line break or edge spaces. Text that a
    /// spreadsheet would run as a formula (a title from a department's sheet such as `=HYPERLINK(…)`, or
    /// one starting with `+`, `-`, `@`, a tab or a carriage return) gets a leading apostrophe, as OWASP
    /// advises against CSV injection: Excel and WPS then show it as text.
    static func field(_ raw: String) -> String {
        let text = raw.unicodeScalars.first.map { "=+-@\t\r".unicodeScalars.contains($0) } == true ? "'" + raw : raw
        let needsQuotes = text.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || text.hasPrefix(" ") || text.hasSuffix(" ")
        guard needsQuotes else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
