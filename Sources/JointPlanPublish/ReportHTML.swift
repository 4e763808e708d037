import Foundation
import JointPlanCore

/// `report.html`: one self-contained page (no network: inline CSS and SVG, system fonts) with the key
/// figures, the month-by-month plan, the utilisation heatmap, the sessions chart and the unscheduled
/// sessions. Well-formed XML (every tag closed, attributes quoted, only XML's own entities) so it can be
/// checked with an XML parser; prints on A4 landscape.
enum ReportHTML {
    static func render(_ context: PublishContext) -> Data {
        let labels = context.labels
        let plan = context.plan
        let title = plan.scenario.name.isEmpty ? labels.reportTitle : plan.scenario.name
        var html = """
        <!DOCTYPE html>
        <html lang="\(context.options.lang == .zh ? "zh-CN" : "en")">
        <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>\(escape(title)) — \(escape(labels.reportTitle))</title>
        <style>\(stylesheet)</style>
        </head>
        <body>
        <header>
        <p class="eyebrow">\(escape(labels.reportTitle))</p>
        <h1>\(escape(title))</h1>
        <p class="meta">\(escape(labels.year)) \(plan.scenario.year) · \(escape(labels.digest)) <code>\
        \(escape(String(plan.scenario.digest.prefix(12))))</code> · \(escape(plan.solver.engine))</p>
        </header>
        <main>

        """
        html += kpiCards(context)
        html += monthlyPlan(context)
        html += "<section class=\"chart\">\n<h2>\(escape(labels.heatmapTitle))</h2>\n"
        html += "<p class=\"note\">\(escape(labels.heatmapNote))</p>\n"
        html += "<figure>\n" + ReportCharts.heatmap(context) + "</figure>\n</section>\n"
        html += "<section class=\"chart\">\n<h2>\(escape(labels.sessionsChartTitle))</h2>\n"
        html += "<p class=\"note\">\(escape(labels.sessionsChartNote))</p>\n"
        html += "<figure>\n" + ReportCharts.sessionsChart(context) + "</figure>\n</section>\n"
        html += unscheduled(context)
        html += analysis(context)
        html += "</main>\n<footer>\(escape(labels.generatedBy)) · \(escape(PlanDocument.formatName))</footer>\n"
        html += "</body>\n</html>\n"
        return Data(html.utf8)
    }

    // MARK: Sections

    static func kpiCards(_ context: PublishContext) -> String {
        let labels = context.labels
        let kpis = context.plan.kpis
        let solver = context.plan.solver
        var cards: [(label: String, value: String, detail: String, tone: String)] = []
        let share = kpis.sessions > 0 ? Double(kpis.scheduled) / Double(kpis.sessions) : 0
        cards.append((labels.sessionsScheduled, "\(kpis.scheduled) / \(kpis.sessions)", NumberText.percent(share),
                      kpis.scheduled == kpis.sessions ? "ok" : ""))
        cards.append((labels.mandatoryUnscheduled, "\(kpis.mandatoryUnscheduled)", "",
                      kpis.mandatoryUnscheduled > 0 ? "alert" : "ok"))
        let saved = kpis.visitsIfUnmerged - kpis.visits
        cards.append((labels.visits, "\(kpis.visits)",
                      "\(labels.visitsIfUnmerged) \(kpis.visitsIfUnmerged)" + (saved > 0 ? " · " + labels.visitsSaved(saved) : ""),
                      ""))
        let peak = kpis.peakUtilisation.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.first
        cards.append((labels.peakUtilisation, peak.map { NumberText.percent($0.value) } ?? "—",
                      peak.map { context.departmentName($0.key) } ?? "", (peak?.value ?? 0) > 1 ? "alert" : ""))
        cards.append((labels.outsidePreferred, "\(kpis.outsidePreferred)",
                      kpis.moved > 0 ? "\(labels.moved) \(kpis.moved)" : "", ""))
        cards.append((labels.status, labels.status(solver.status),
                      "\(labels.objective) \(NumberText.plain(solver.objective)) · \(labels.bound) "
                        + "\(NumberText.plain(solver.bound)) · \(labels.gap) \(NumberText.percent(solver.gap, decimals: 4))",
                      solver.status == "optimal" ? "ok" : ""))
        var html = "<section class=\"kpis\">\n"
        for card in cards {
            html += "<div class=\"card\(card.tone.isEmpty ? "" : " " + card.tone)\">"
            html += "<div class=\"label\">\(escape(card.label))</div>"
            html += "<div class=\"value\">\(escape(card.value))</div>"
            html += "<div class=\"detail\">\(escape(card.detail))</div></div>\n"
        }
        return html + "</section>\n"
    }

    static func monthlyPlan(_ context: PublishContext) -> String {
        let labels = context.labels
        var html = "<section class=\"plan\">\n<h2>\(escape(labels.monthlyPlan))</h2>\n"
        guard !context.sessions.isEmpty else {
            return html + "<p>\(escape(labels.noSessions))</p>\n</section>\n"
        }
        var months: [(key: Int, year: Int, month: Int, rows: [(Int, SessionView)])] = []
        for (index, view) in context.sessions.enumerated() {
            let first = view.dates.first ?? context.calendar?.monday(ofWeek: view.session.week)
            let (year, month) = first.map { ($0.year, $0.month) } ?? (context.plan.scenario.year, 0)
            let key = year * 100 + month
            if months.last?.key == key {
                months[months.count - 1].rows.append((index + 1, view))
            } else {
                months.append((key, year, month, [(index + 1, view)]))
            }
        }
        let headers = ["#", labels.dates, labels.action, labels.region, labels.lead, labels.partners,
                       labels.officersHeading]
        for month in months {
            let heading = month.month == 0 ? "—" : labels.monthHeading(month.year, month.month)
            html += "<h3>\(escape(heading)) <span class=\"count\">\(escape(labels.sessionCount(month.rows.count)))</span></h3>\n"
            html += "<table>\n<thead><tr>" + headers.map { "<th>\(escape($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
            for (number, view) in month.rows {
                let cells = [
                    "\(number)", context.datesText(view),
                    view.title + " · " + labels.roundLong(view.session.round),
                    context.regionName(view.session.region),
                    view.lead.isEmpty ? "" : context.departmentName(view.lead),
                    context.list(view.partners.map(context.departmentName)),
                    context.officersText(view),
                ]
                html += "<tr>" + cells.enumerated().map { column, text in
                    column == 0 ? "<td class=\"num\">\(escape(text))</td>" : "<td>\(escape(text))</td>"
                }.joined() + "</tr>\n"
            }
            html += "</tbody>\n</table>\n"
        }
        return html + "</section>\n"
    }

    static func unscheduled(_ context: PublishContext) -> String {
        let labels = context.labels
        let items = SummaryMarkdown.unscheduledInOrder(context)
        var html = "<section class=\"unscheduled\">\n<h2>\(escape(labels.unscheduledTitle))</h2>\n"
        guard !items.isEmpty else {
            let none = context.plan.kpis.sessions == 0 ? labels.nothingRequested : labels.noUnscheduled
            return html + "<p>\(escape(none))</p>\n</section>\n"
        }
        let headers = [labels.action, labels.region, labels.roundHeading, labels.priority, labels.reasons]
        html += "<table>\n<thead><tr>" + headers.map { "<th>\(escape($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for item in items {
            let mandatory = item.priority == Priority.mandatory.rawValue
            html += mandatory ? "<tr class=\"mandatory\">" : "<tr>"
            html += "<td><code>\(escape(item.request))</code> \(escape(context.requestTitle(item.request)))</td>"
            html += "<td>\(escape(context.regionName(item.region)))</td>"
            html += "<td>\(escape(labels.round(item.round)))</td>"
            html += "<td>\(escape(labels.priority(item.priority)))</td>"
            html += "<td><ul>" + item.reasons.map { "<li>\(escape($0))</li>" }.joined() + "</ul></td></tr>\n"
        }
        return html + "</tbody>\n</table>\n</section>\n"
    }

    /// The shortfall of an over-committed year and the capacity values, when the plan has them.
    static func analysis(_ context: PublishContext) -> String {
        let plan = context.plan
        let text = AnalysisText(scenario: context.scenario, lang: context.options.lang)
        var html = ""
        if let shortfall = plan.shortfall {
            html += "<section class=\"shortfall\">\n<h2>\(escape(text.shortfallTitle(total: shortfall.reduce(0) { $0 + $1.officerDays })))</h2>\n"
            html += shortfall.isEmpty ? "<p>\(escape(text.noShortfall))</p>\n"
                : "<ul>\n" + shortfall.map { "<li>\(escape(text.shortfallLine($0)))</li>\n" }.joined() + "</ul>\n"
            if let unsavable = plan.unsavable, !unsavable.isEmpty {
                html += "<h3>\(escape(text.unsavableTitle))</h3>\n<ul>\n"
                for item in unsavable {
                    html += "<li>\(escape(text.session(request: item.request, round: item.round, region: item.region)))<ul>"
                    html += item.reasons.map { "<li>\(escape($0))</li>" }.joined() + "</ul></li>\n"
                }
                html += "</ul>\n"
            }
            html += "</section>\n"
        }
        if let values = plan.capacityValue, !values.isEmpty {
            html += "<section class=\"capacity-value\">\n<h2>\(escape(text.capacityTitle))</h2>\n<ul>\n"
            html += values.map { "<li>\(escape(text.capacityLine($0)))</li>\n" }.joined()
            html += "</ul>\n</section>\n"
        }
        return html
    }

    // MARK: Text

    /// Escapes text for HTML and XML alike; drops characters XML 1.0 forbids.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default:
                let value = scalar.value
                let allowed = value == 0x9 || value == 0xA || value == 0xD || (value >= 0x20 && value != 0x7F
                    && !(0xFFFE...0xFFFF).contains(value))
                if allowed { result.unicodeScalars.append(scalar) }
            }
        }
        return result
    }

    static let stylesheet = """

    :root { --ink: #1f2933; --muted: #616e7c; --line: #d9e2ec; --accent: #1d4ed8; --bg: #f5f7fa; }
    * { box-sizing: border-box; }
    body { margin: 0; background: var(--bg); color: var(--ink); line-height: 1.5;
      font-family: "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC",
        "WenQuanYi Micro Hei", system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; font-size: 15px; }
    header { background: #102a43; color: #fff; padding: 28px 40px 22px; }
    header h1 { margin: 4px 0 6px; font-size: 26px; font-weight: 600; }
    header .eyebrow { margin: 0; letter-spacing: 0.08em; color: #9fb3c8; font-size: 13px; }
    header .meta { margin: 0; color: #bcccdc; font-size: 13px; }
    header code { color: #fff; }
    main { max-width: 1320px; margin: 0 auto; padding: 24px 40px 40px; }
    h2 { font-size: 19px; margin: 32px 0 10px; padding-bottom: 6px; border-bottom: 2px solid var(--line); }
    h3 { font-size: 16px; margin: 22px 0 8px; color: #243b53; }
    h3 .count { font-weight: normal; color: var(--muted); font-size: 13px; margin-left: 6px; }
    .note { color: var(--muted); font-size: 13px; margin: 0 0 8px; }
    .kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(190px, 1fr)); gap: 14px; }
    .card { background: #fff; border: 1px solid var(--line); border-left: 5px solid var(--accent);
      border-radius: 8px; padding: 14px 16px; box-shadow: 0 1px 3px rgba(16, 42, 67, 0.08); }
    .card.ok { border-left-color: #15803d; }
    .card.alert { border-left-color: #b91c1c; }
    .card.alert .value { color: #b91c1c; }
    .card .label { color: var(--muted); font-size: 13px; }
    .card .value { font-size: 26px; font-weight: 600; margin: 2px 0; }
    .card .detail { color: var(--muted); font-size: 12px; min-height: 1em; }
    table { width: 100%; border-collapse: collapse; background: #fff; font-size: 14px; }
    th, td { border: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
    th { background: #eef2f7; font-weight: 600; white-space: nowrap; }
    td.num { text-align: right; color: var(--muted); width: 3em; }
    tr.mandatory td { background: #fef2f2; }
    td ul { margin: 0; padding-left: 18px; }
    figure { margin: 0; background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px;
      overflow-x: auto; }
    svg { width: 100%; max-width: 1400px; height: auto; display: block; }
    svg text { font-family: inherit; font-size: 11px; fill: #334e68; }
    svg text.cell { font-size: 10px; fill: #102a43; text-anchor: middle; }
    svg text.cell.dark { fill: #fff; }
    svg .holiday { fill: #f59e0b; }
    footer { text-align: center; color: var(--muted); font-size: 12px; padding: 0 0 24px; }
    @page { size: A4 landscape; margin: 12mm; }
    @media print {
      * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
      body { background: #fff; font-size: 10pt; }
      header { background: #fff; color: var(--ink); padding: 0 0 8px; border-bottom: 2px solid var(--ink); }
      header .eyebrow, header .meta, header code { color: var(--ink); }
      main { max-width: none; padding: 0; }
      .card { box-shadow: none; }
      h2, h3 { break-after: avoid; }
      tr, figure, .card { break-inside: avoid; }
      section.chart { break-before: page; }
      figure { border: none; padding: 0; overflow: visible; }
    }

    """
}
