import JointPlanCore

/// The shortfall analysis and the capacity values of a plan as text, in Chinese or English, for
/// summary.md, report.html and the command line. Names come from the scenario in both languages.
public struct AnalysisText: Sendable {
    public let scenario: Scenario
    public let lang: Language

    public init(scenario: Scenario, lang: Language) {
        self.scenario = scenario
        self.lang = lang
    }

    private var zh: Bool { lang == .zh }

    func department(_ id: String) -> String { scenario.department(id)?.name ?? id }
    func region(_ id: String) -> String { scenario.region(id)?.name ?? id }

    /// `市场监督管理局 pool county` / `市场监督管理局（示例县）`.
    public func pool(department id: String, pool: String) -> String {
        zh ? "\(department(id))（\(region(pool))）" : "\(department(id)) pool \(pool)"
    }

    public func shortfallTitle(total: Double) -> String {
        zh ? "执法力量缺口：其他事项让位时，使每项必须事项都能安排的最少增加量（共\(NumberText.plain(total))人·日）"
            : "Shortfall: the least extra capacity that lets every mandatory session in, other sessions giving way (\(officerDays(total)) in all)"
    }

    public var noShortfall: String {
        zh ? "无需增加执法力量：规则允许的必须事项均可在现有力量内安排，求解未找到该安排。"
            : "No extra capacity is needed: every mandatory session the rules allow fits; the search did not find that placement."
    }

    /// `市场监督管理局 pool county: +1 officer-day a week in weeks 11–12 (2 in all)` /
    /// `市场监督管理局（示例县）：第11–12周每周增加1人·日（共2人·日）`.
    public func shortfallLine(_ record: ShortfallRecord) -> String {
        let weeks = record.weeks
        let span = weeks.count <= 1 ? "\(weeks.first ?? 0)" : "\(weeks.first!)–\(weeks.last!)"
        let perWeek = NumberText.plain(record.officerDaysPerWeek)
        if zh {
            if weeks.count <= 1 { return "\(pool(department: record.department, pool: record.pool))：第\(span)周增加\(perWeek)人·日" }
            return "\(pool(department: record.department, pool: record.pool))：第\(span)周每周增加\(perWeek)人·日（共\(NumberText.plain(record.officerDays))人·日）"
        }
        if weeks.count <= 1 {
            return "\(pool(department: record.department, pool: record.pool)): +\(officerDays(record.officerDaysPerWeek)) in week \(span)"
        }
        return "\(pool(department: record.department, pool: record.pool)): +\(officerDays(record.officerDaysPerWeek)) a week in weeks \(span) (\(NumberText.plain(record.officerDays)) in all)"
    }

    public var unsavableTitle: String {
        zh ? "增加执法力量也无法安排的必须事项" : "Mandatory sessions no extra capacity could place"
    }

    /// `M5 round 1 in 示例县` / `M5第1轮（示例县）`.
    public func session(request: String, round: Int, region regionID: String) -> String {
        let title = scenario.request(request)?.title ?? ""
        let named = title.isEmpty ? request : "\(request) \(title)"
        return zh ? "\(named)（\(region(regionID))，第\(round)轮）" : "\(named) — round \(round) in \(region(regionID))"
    }

    public var capacityTitle: String {
        zh ? "增加一名执法人员效益最大的部门和周次（线性松弛对偶值）"
            : "Where one more officer would improve the plan most (LP relaxation duals)"
    }

    /// `市场监督管理局 pool county, week 11: −166656.33 per extra officer (166656.33 per officer-day)`.
    public func capacityLine(_ record: CapacityValueRecord) -> String {
        let perOfficer = NumberText.plain(record.perOfficer)
        let perDay = NumberText.plain(record.perOfficerDay)
        return zh ? "\(pool(department: record.department, pool: record.pool))第\(record.week)周：每增加1名执法人员，目标值约降低\(perOfficer)（每人·日\(perDay)）"
            : "\(pool(department: record.department, pool: record.pool)), week \(record.week): objective −\(perOfficer) per extra officer (−\(perDay) per officer-day)"
    }

    private func officerDays(_ value: Double) -> String {
        NumberText.plain(value) + (value == 1 ? " officer-day" : " officer-days")
    }
}
