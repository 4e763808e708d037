import JointPlanCore

/// The language reasons are written in: Chinese (the default of published text) or English.
public enum ReasonLanguage: String, CaseIterable, Sendable {
    case zh, en
}

/// Renders `WeekReason`s and explanations as text in Chinese or English. Departments, regions and targets
/// print with their names from the scenario in both languages (an unknown id prints as itself); staff
/// pools print as their region id in English (`pool wuwei`) and region name in Chinese.
public struct ReasonText: Sendable {
    public let scenario: Scenario
    public let language: ReasonLanguage

    public init(scenario: Scenario, language: ReasonLanguage) {
        self.scenario = scenario
        self.language = language
    }

    private var zh: Bool { language == .zh }

    /// `week 14: …`, `weeks 18–22: …` / `第14周：…`, `第18–22周：…`.
    public func line(weeks: ClosedRange<Int>, reason: WeekReason) -> String {
        let span = weeks.count == 1 ? "\(weeks.lowerBound)" : "\(weeks.lowerBound)–\(weeks.upperBound)"
        if zh { return "第\(span)周：" + text(reason) }
        return (weeks.count == 1 ? "week " : "weeks ") + span + ": " + text(reason)
    }

    public func lines(_ explanation: SessionExplanation) -> [String] {
        explanation.lines.map { line(weeks: $0.weeks, reason: $0.reason) }
    }

    /// `R07 加油站联合检查 — round 2 in 古浪县 (normal): unscheduled` /
    /// `R07 加油站联合检查（古浪县，第2轮，优先级：中）：未安排`.
    public func heading(_ explanation: SessionExplanation) -> String {
        let key = explanation.key
        let title = scenario.request(key.request)?.title ?? ""
        let named = title.isEmpty ? key.request : "\(key.request) \(title)"
        if zh {
            let status: String
            switch explanation.status {
            case .unscheduled: status = "未安排"
            case .outsidePreferred(let week): status = "安排在第\(week)周，不在优先时段"
            }
            return "\(named)（\(region(key.region))，第\(key.round)轮，优先级：\(priority(explanation.priority))）：\(status)"
        }
        let status: String
        switch explanation.status {
        case .unscheduled: status = "unscheduled"
        case .outsidePreferred(let week): status = "placed in week \(week), outside its preferred dates"
        }
        return "\(named) — round \(key.round) in \(region(key.region)) (\(priority(explanation.priority))): \(status)"
    }

    public func text(_ reason: WeekReason) -> String {
        switch reason {
        case .outsideWindow:
            return zh ? "不在时间窗口内" : "outside window"
        case .tooFewWorkingDays(let open, let needed, let closedRegion):
            if zh {
                let place = closedRegion.map { region($0) } ?? ""
                return place + (open == 0 ? "本周没有可用的工作日" : "只有\(open)个工作日") + "，需要\(needed)天"
            }
            let days = open == 0 ? "no working days" : open == 1 ? "1 working day" : "\(open) working days"
            return days + (closedRegion.map { " open in \(region($0))" } ?? "") + ", needs \(needed)"
        case .pinned(let week):
            return zh ? "已固定在第\(week)周" : "pinned to week \(week)"
        case .beforeFreeze(let date):
            return zh ? "早于冻结日期\(date)（已过去）" : "before the freeze date \(date) (already past)"
        case .capacity(let department, let pool, let needed, let free):
            // "needs 4, 4 free" when 3.9996 are free: show the digits that make the difference.
            let freeText = number(free) == number(needed) && free < needed ? "\((free * 1e6).rounded(.down) / 1e6)" : number(free)
            if zh {
                return "\(self.department(department))（\(region(pool))）执法力量需要\(number(needed))人·日，仅剩\(freeText)人·日"
            }
            return "\(self.department(department)) pool \(pool) needs \(officerDays(needed)), \(freeText) free"
        case .previousRoundUnplaced(let round):
            return zh ? "第\(round)轮未安排" : "round \(round) is not placed"
        case .roundGap(let round, let week, let gap):
            return zh ? "第\(round)轮在第\(week)周（两轮至少间隔\(gap)周）"
                : "round \(round) is in week \(week) (min gap \(weeks(gap)))"
        case .synchronised(let other, let week):
            return zh ? "须与\(region(other))同周（第\(week)周）" : "synchronised with \(region(other)) in week \(week)"
        case .revisit(let target, let place, let requests, let week, let minRevisit):
            let by = requests.joined(separator: zh ? "、" : ", ")
            return zh ? "\(region(place))\(self.target(target))已于第\(week)周由\(by)检查（至少间隔\(minRevisit)周）"
                : "\(self.target(target)) in \(region(place)) visited by \(by) in week \(week) (min revisit \(weeks(minRevisit)))"
        case .yearCap(let target, let place, let cap):
            return zh ? "\(region(place))\(self.target(target))本年已有\(cap)周入企检查（每年最多\(cap)次）"
                : "\(self.target(target)) in \(region(place)) already has \(cap) visit \(cap == 1 ? "week" : "weeks") (max \(cap) per year)"
        case .departmentCap(let target, let place, let department, let cap):
            return zh ? "\(self.department(department))本年已有\(cap)周参与检查\(region(place))\(self.target(target))（每个部门最多\(cap)次）"
                : "\(self.department(department)) already inspects \(self.target(target)) in \(region(place)) in \(weeks(cap)) (max \(cap) per department)"
        case .displace(let blocker, let sessions, let cost):
            let list = sessions.map(session).joined(separator: zh ? "、" : ", ")
            return zh ? "\(text(blocker))；安排须挤出\(list)，代价\(number(cost))"
                : "\(text(blocker)); placing it would displace \(list) at a cost of \(number(cost))"
        case .costsMore(let cost, let saved, let move):
            if move > 0 {
                return zh ? "安排将增加\(number(cost))（其中改期\(number(move))，其余为入企检查、超负荷、非优先时段），超过未安排的代价\(number(saved))"
                    : "placing it would cost \(number(cost)) (\(number(move)) of it for moving it from its published week; visits, overload, preference), more than the \(number(saved)) saved"
            }
            return zh ? "安排将增加\(number(cost))（入企检查、超负荷、非优先时段），超过未安排的代价\(number(saved))"
                : "placing it would cost \(number(cost)) (visits, overload, preference), more than the \(number(saved)) saved"
        case .notTried:
            return zh ? "可安排；求解在尝试前已停止" : "free; not placed by the solver (the search stopped before trying it)"
        case .placedHere:
            return zh ? "安排在此周" : "placed here"
        case .outsidePreferred:
            return zh ? "不在优先时段" : "outside preferred dates"
        case .moveCostsMore(let delta, let move):
            if move > 0 {
                return zh ? "可安排，但调整到此周会使目标值增加\(number(delta))（其中改期\(number(move))，其余为入企检查、超负荷）"
                    : "free, but moving it here would raise the objective by \(number(delta)) (\(number(move)) of it for leaving its published week; visits, overload)"
            }
            return zh ? "可安排，但调整到此周会使目标值增加\(number(delta))（入企检查、超负荷）"
                : "free, but moving it here would raise the objective by \(number(delta)) (visits, overload)"
        case .moveWouldPay(let saving):
            return zh ? "可安排；调整到此周可使目标值降低\(number(saving))（求解未找到）"
                : "free; moving it here would lower the objective by \(number(saving)) (not found by the solver)"
        }
    }

    /// `N1 round 1 in 东区 (normal)` / `N1第1轮（东区，中）`.
    public func session(_ displaced: DisplacedSession) -> String {
        let key = displaced.key
        return zh ? "\(key.request)第\(key.round)轮（\(region(key.region))，\(priority(displaced.priority))）"
            : "\(key.request) round \(key.round) in \(region(key.region)) (\(priority(displaced.priority)))"
    }

    // MARK: Words

    func priority(_ priority: Priority) -> String {
        guard zh else { return priority.rawValue }
        switch priority {
        case .mandatory: return "必须"
        case .high: return "高"
        case .normal: return "中"
        case .low: return "低"
        }
    }

    func department(_ id: String) -> String { scenario.department(id)?.name ?? id }
    func region(_ id: String) -> String { scenario.region(id)?.name ?? id }
    func target(_ id: String) -> String { scenario.target(id)?.name ?? id }

    private func weeks(_ count: Int) -> String { count == 1 ? "1 week" : "\(count) weeks" }
    private func officerDays(_ value: Double) -> String { number(value) + (value == 1 ? " officer-day" : " officer-days") }

    /// `12`, `12.5`, `0.25`: at most two decimals, locale-independent.
    public static func number(_ value: Double) -> String {
        guard value.isFinite else { return "\(value)" }
        let hundredths = Int((value * 100).rounded())
        let sign = hundredths < 0 ? "-" : ""
        let whole = abs(hundredths) / 100
        var fraction = abs(hundredths) % 100
        if fraction == 0 { return "\(sign)\(whole)" }
        var digits = fraction < 10 ? "0\(fraction)" : "\(fraction)"
        if fraction % 10 == 0 {
            fraction /= 10
            digits = "\(fraction)"
        }
        return "\(sign)\(whole).\(digits)"
    }

    func number(_ value: Double) -> String { Self.number(value) }
}
