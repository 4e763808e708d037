import Foundation
import JointPlanCore

/// The language of published text: Chinese by default, English with `--lang en`.
public enum Language: String, CaseIterable, Sendable {
    case zh, en
}

/// How to publish a plan.
public struct PublishOptions: Sendable {
    public var lang: Language
    /// The moment of publication, used only for the calendars' DTSTAMP (pass a fixed date in tests).
    public var generatedAt: Date

    public init(lang: Language = .zh, generatedAt: Date = Date()) {
        self.lang = lang
        self.generatedAt = generatedAt
    }
}

/// Turns a plan into the published outputs written beside plan.json (DESIGN.md §6).
public enum Publisher {
    /// The published files, paths relative to the output folder: `plan.csv`, `calendar/<department>.ics`
    /// (one per department of the scenario, empty without sessions), `report.html`, `summary.md`. The same
    /// plan gives the same bytes, except the calendars' DTSTAMP, which comes from `options.generatedAt`.
    public static func files(plan: PlanDocument, scenario: Scenario, options: PublishOptions)
        -> [(relativePath: String, data: Data)] {
        let context = PublishContext(plan: plan, scenario: scenario, options: options)
        var files: [(relativePath: String, data: Data)] = []
        files.append(("plan.csv", PlanCSV.render(context)))
        for calendar in ICalendar.render(context) {
            files.append(("calendar/\(calendar.fileStem).ics", calendar.data))
        }
        files.append(("report.html", ReportHTML.render(context)))
        files.append(("summary.md", SummaryMarkdown.render(context)))
        return files
    }
}

/// One placed session with everything the outputs print about it, resolved once.
struct SessionView {
    var session: PlannedSession
    /// The valid dates of `session.days`, sorted, without duplicates.
    var dates: [CivilDate]
    /// `dates` grouped into runs of consecutive calendar days.
    var ranges: [DateRange]
    var title: String
    var lead: String
    var partners: [String]
    /// Departments with officers, lead first, then partners, then any others by id.
    var officerDepartments: [String]
}

/// The plan and scenario with the lookups every output needs: names by id, sessions in publishing order.
struct PublishContext {
    let plan: PlanDocument
    let scenario: Scenario
    let options: PublishOptions
    let labels: Labels
    /// The plan year's calendar (from the scenario; without the preset when the preset is unknown).
    let calendar: PlanCalendar?
    /// Placed sessions ordered by first day, then region, request and round.
    let sessions: [SessionView]

    init(plan: PlanDocument, scenario: Scenario, options: PublishOptions) {
        self.plan = plan
        self.scenario = scenario
        self.options = options
        labels = Labels.for(options.lang)
        let year = scenario.year
        calendar = (try? PlanCalendar(year: year, spec: scenario.calendar))
            ?? (try? PlanCalendar(year: year, spec: CalendarSpec(holidays: scenario.calendar.holidays,
                                                                    workdays: scenario.calendar.workdays)))
        var views: [SessionView] = []
        for session in plan.sessions {
            let dates = Array(Set(session.days.compactMap(CivilDate.init(iso:)))).sorted()
            let request = scenario.request(session.request)
            let lead = request?.lead ?? ""
            let partners = request?.partners ?? []
            var order = ([lead] + partners).filter { !$0.isEmpty && session.officers[$0] != nil }
            order += session.officers.keys.filter { !order.contains($0) }.sorted()
            views.append(SessionView(session: session, dates: dates, ranges: DateText.ranges(dates),
                                     title: request?.title ?? session.request, lead: lead, partners: partners,
                                     officerDepartments: order))
        }
        let regionIndex = Dictionary(scenario.regions.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let requestIndex = Dictionary(scenario.requests.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let calendar = self.calendar
        func firstDay(_ view: SessionView) -> Int {
            view.dates.first?.ordinal ?? calendar?.monday(ofWeek: view.session.week).ordinal ?? view.session.week * 7
        }
        views.sort { a, b in
            let keyA = (firstDay(a), regionIndex[a.session.region] ?? Int.max, requestIndex[a.session.request] ?? Int.max)
            let keyB = (firstDay(b), regionIndex[b.session.region] ?? Int.max, requestIndex[b.session.request] ?? Int.max)
            if keyA != keyB { return keyA < keyB }
            if a.session.region != b.session.region { return a.session.region < b.session.region }
            if a.session.request != b.session.request { return a.session.request < b.session.request }
            if a.session.round != b.session.round { return a.session.round < b.session.round }
            return a.session.week < b.session.week
        }
        sessions = views
    }

    // MARK: Names (an id the scenario does not know prints as itself)

    func departmentName(_ id: String) -> String { scenario.department(id)?.name ?? id }
    func regionName(_ id: String) -> String { scenario.region(id)?.name ?? id }
    func targetName(_ id: String) -> String { scenario.target(id)?.name ?? id }
    func requestTitle(_ id: String) -> String { scenario.request(id)?.title ?? id }

    /// Names joined the way the publishing language lists them (`、` or `, `).
    func list(_ names: [String]) -> String { names.joined(separator: labels.listSeparator) }

    /// `市场监督管理局4人、应急管理局2人` / `市场监督管理局 4, 应急管理局 2`.
    func officersText(_ view: SessionView) -> String {
        list(view.officerDepartments.map { labels.officers(departmentName($0), view.session.officers[$0] ?? 0) })
    }

    /// The session's days as official documents write them; the week when it has no valid day.
    func datesText(_ view: SessionView) -> String {
        view.ranges.isEmpty ? labels.week(view.session.week) : DateText.format(view.ranges, lang: options.lang)
    }

    /// Departments taking part in a session: the lead, the partners and anyone with officers.
    func departments(of view: SessionView) -> [String] {
        var ids = ([view.lead] + view.partners).filter { !$0.isEmpty }
        ids += view.officerDepartments.filter { !ids.contains($0) }
        return ids
    }

    /// Department ids in scenario order, followed by unknown ids sorted.
    func ordered(departments ids: Set<String>) -> [String] {
        let known = scenario.departments.map(\.id).filter(ids.contains)
        return known + ids.subtracting(known).sorted()
    }

    func priorityLabel(_ text: String) -> String { labels.priority(text) }
}

/// Deterministic number text, independent of the machine's locale.
enum NumberText {
    /// `12`, `12.5`, `0.25`: at most `decimals` decimals, trailing zeros dropped.
    static func plain(_ value: Double, decimals: Int = 2) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "∞" : "-∞") }
        var text = String(format: "%.\(decimals)f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }

    /// `62%`, `0.01%`.
    static func percent(_ fraction: Double, decimals: Int = 0) -> String {
        plain(fraction * 100, decimals: decimals) + "%"
    }
}
