import JointPlanCore

/// The report's two inline SVG charts: departments × weeks utilisation and regions × weeks sessions.
/// Both share one grid layout: names on the left, one column per plan week, month names above,
/// holiday weeks (fewer than 5 working days) marked in a strip above the grid, a legend below.
enum ReportCharts {
    static let cellWidth = 16
    static let cellHeight = 20
    static let top = 36
    static let rowGap = 2

    struct Bucket {
        var color: String
        var label: String
        var dark: Bool = false
    }

    // MARK: Heatmap

    static let utilisationBuckets: [Bucket] = [
        Bucket(color: "#dbeafe", label: "0–20%"), Bucket(color: "#93c5fd", label: "20–40%"),
        Bucket(color: "#3b82f6", label: "40–60%", dark: true), Bucket(color: "#1d4ed8", label: "60–80%", dark: true),
        Bucket(color: "#1e3a8a", label: "80–100%", dark: true),
    ]
    static let overColor = "#dc2626"
    static let emptyColor = "#f1f5f9"

    static func heatmap(_ context: PublishContext) -> String {
        let labels = context.labels
        // The most loaded pool of each department and week.
        var utilisation: [String: [Int: Double]] = [:]
        for record in context.plan.load {
            let value = record.capacity > 0 ? record.used / record.capacity : (record.used > 0 ? .infinity : 0)
            let previous = utilisation[record.department]?[record.week] ?? -1
            utilisation[record.department, default: [:]][record.week] = Swift.max(previous, value)
        }
        var departments = Set(utilisation.keys)
        for view in context.sessions { departments.formUnion(context.departments(of: view)) }
        let rows = context.ordered(departments: departments)
        let weeks = weekRange(context)
        var legend = [Bucket(color: emptyColor, label: labels.noLoad)] + utilisationBuckets
        legend.append(Bucket(color: overColor, label: labels.overCapacity, dark: true))
        return grid(context, rows: rows.map { (id: $0, name: context.departmentName($0)) }, weeks: weeks,
                    legend: legend) { row, week in
            guard let value = utilisation[row]?[week] else { return (emptyColor, nil, false, labels.noLoad) }
            let percent = value.isFinite ? NumberText.percent(value) : "∞"
            if value > 1 + 1e-9 { return (overColor, nil, true, percent) }
            if value <= 0 { return (emptyColor, nil, false, percent) }
            let bucket = utilisationBuckets[Swift.max(0, Swift.min(4, Int((value * 5 - 1e-9).rounded(.down))))]
            return (bucket.color, nil, bucket.dark, percent)
        }
    }

    // MARK: Sessions chart

    static let countBuckets: [Bucket] = [
        Bucket(color: "#d1fae5", label: "1"), Bucket(color: "#6ee7b7", label: "2"),
        Bucket(color: "#10b981", label: "3", dark: true), Bucket(color: "#047857", label: "≥4", dark: true),
    ]

    static func sessionsChart(_ context: PublishContext) -> String {
        var counts: [String: [Int: Int]] = [:]
        for view in context.sessions { counts[view.session.region, default: [:]][view.session.week, default: 0] += 1 }
        var regionIDs = Set(counts.keys)
        for request in context.scenario.requests { regionIDs.formUnion(request.regions) }
        let known = context.scenario.regions.map(\.id).filter(regionIDs.contains)
        let rows = known + regionIDs.subtracting(known).sorted()
        let legend = [Bucket(color: emptyColor, label: "0")] + countBuckets
        return grid(context, rows: rows.map { (id: $0, name: context.regionName($0)) }, weeks: weekRange(context),
                    legend: legend) { row, week in
            let count = counts[row]?[week] ?? 0
            guard count > 0 else { return (emptyColor, nil, false, "0") }
            let bucket = countBuckets[Swift.min(count, 4) - 1]
            return (bucket.color, "\(count)", bucket.dark, context.labels.sessionCount(count))
        }
    }

    // MARK: Grid

    static func weekRange(_ context: PublishContext) -> ClosedRange<Int> {
        let planMax = (context.plan.sessions.map(\.week) + context.plan.load.map(\.week)).max() ?? 1
        return 1...Swift.max(context.calendar?.weekCount ?? 52, planMax)
    }

    /// Approximate rendered width of a label at 11px: CJK characters are square, ASCII about half.
    static func textWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + ($1.isASCII ? 6 : 11) }
    }

    /// Draws the grid; `cell` gives each (row, week) its fill, optional text, text darkness and tooltip.
    static func grid(_ context: PublishContext, rows: [(id: String, name: String)], weeks: ClosedRange<Int>,
                     legend: [Bucket],
                     cell: (String, Int) -> (color: String, text: String?, dark: Bool, tooltip: String)) -> String {
        let labels = context.labels
        let escape = ReportHTML.escape
        let left = Swift.min(260, Swift.max(60, (rows.map { textWidth($0.name) }.max() ?? 0) + 12))
        let gridHeight = rows.count * (cellHeight + rowGap)
        let legendTop = top + gridHeight + 30
        let legendWidth = legend.reduce(0) { $0 + 30 + textWidth($1.label) } + 30 + textWidth(labels.holidayWeek)
        let width = Swift.max(left + weeks.count * cellWidth + 10, left + legendWidth)
        let height = legendTop + 40
        func x(_ week: Int) -> Int { left + (week - weeks.lowerBound) * cellWidth }
        var svg = "<svg viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" role=\"img\">\n"

        // Month names above the week where each month starts; holiday-week strip below them.
        if let calendar = context.calendar {
            for month in 1...12 {
                if let first = CivilDate(year: calendar.year, month: month, day: 1), let week = calendar.week(of: first),
                   weeks.contains(week) {
                    let name = context.options.lang == .zh ? "\(month)月" : DateText.monthAbbreviations[month - 1]
                    svg += "<text x=\"\(x(week))\" y=\"14\">\(escape(name))</text>\n"
                }
            }
            for week in weeks where week <= calendar.weekCount && calendar.workingDays(ofWeek: week).count < 5 {
                let days = calendar.workingDays(ofWeek: week).count
                let monday = DateText.short(calendar.monday(ofWeek: week), lang: context.options.lang)
                svg += "<rect class=\"holiday\" x=\"\(x(week) + 1)\" y=\"22\" width=\"\(cellWidth - 2)\" height=\"8\">"
                svg += "<title>\(escape(labels.week(week))) (\(escape(monday))): \(days)/5</title></rect>\n"
            }
        }
        for (index, row) in rows.enumerated() {
            let y = top + index * (cellHeight + rowGap)
            svg += "<text x=\"\(left - 8)\" y=\"\(y + 14)\" text-anchor=\"end\">\(escape(row.name))</text>\n"
            for week in weeks {
                let value = cell(row.id, week)
                svg += "<rect x=\"\(x(week))\" y=\"\(y)\" width=\"\(cellWidth - 1)\" height=\"\(cellHeight)\" "
                    + "fill=\"\(value.color)\"><title>\(escape(row.name)) · \(escape(labels.week(week))): "
                    + "\(escape(value.tooltip))</title></rect>\n"
                if let text = value.text {
                    svg += "<text class=\"cell\(value.dark ? " dark" : "")\" x=\"\(x(week) + cellWidth / 2)\" "
                        + "y=\"\(y + 14)\">\(escape(text))</text>\n"
                }
            }
        }
        // Week numbers below the grid: 1, 5, 9, …
        let axisY = top + gridHeight + 12
        svg += "<text x=\"\(left - 8)\" y=\"\(axisY)\" text-anchor=\"end\">\(escape(labels.weekAxis))</text>\n"
        for week in weeks where (week - 1) % 4 == 0 {
            svg += "<text x=\"\(x(week) + cellWidth / 2)\" y=\"\(axisY)\" text-anchor=\"middle\">\(week)</text>\n"
        }
        // Legend: the colour buckets, then the holiday marker.
        var legendX = left
        for bucket in legend {
            svg += "<rect x=\"\(legendX)\" y=\"\(legendTop)\" width=\"14\" height=\"14\" fill=\"\(bucket.color)\" "
                + "stroke=\"#cbd2d9\" stroke-width=\"0.5\" />\n"
            svg += "<text x=\"\(legendX + 18)\" y=\"\(legendTop + 11)\">\(escape(bucket.label))</text>\n"
            legendX += 30 + textWidth(bucket.label)
        }
        svg += "<rect class=\"holiday\" x=\"\(legendX)\" y=\"\(legendTop + 3)\" width=\"14\" height=\"8\" />\n"
        svg += "<text x=\"\(legendX + 18)\" y=\"\(legendTop + 11)\">\(escape(labels.holidayWeek))</text>\n"
        return svg + "</svg>\n"
    }
}
