/// Every fixed word of the published outputs, in Chinese (the default) and English.
struct Labels: Sendable {
    var listSeparator: String
    var csvHeaders: [String]
    var round: @Sendable (Int) -> String
    /// The round in running text: `第1轮` / `round 1`.
    var roundLong: @Sendable (Int) -> String
    var officers: @Sendable (_ department: String, _ count: Int) -> String
    var week: @Sendable (Int) -> String
    var priorityNames: [String: String]
    var titleSuffixed: @Sendable (_ title: String, _ region: String) -> String

    // Calendar descriptions.
    var lead: String
    var partners: String
    var region: String
    var targets: String
    var officersHeading: String
    var roundHeading: String
    var note: String
    var calendarName: @Sendable (_ department: String, _ scenario: String) -> String

    // Report and summary.
    var reportTitle: String
    var summaryTitle: String
    var year: String
    var digest: String
    var sessionsScheduled: String
    var sessionsTotal: String
    var scheduled: String
    var mandatoryUnscheduled: String
    var visits: String
    var visitsIfUnmerged: String
    var visitsSaved: @Sendable (Int) -> String
    var peakUtilisation: String
    var outsidePreferred: String
    var moved: String
    var solver: String
    var status: String
    var objective: String
    var bound: String
    var gap: String
    var statusNames: [String: String]
    var monthlyPlan: String
    var monthHeading: @Sendable (_ year: Int, _ month: Int) -> String
    var dates: String
    var action: String
    var heatmapTitle: String
    var heatmapNote: String
    var sessionsChartTitle: String
    var sessionsChartNote: String
    var holidayWeek: String
    var overCapacity: String
    var noLoad: String
    var weekAxis: String
    var unscheduledTitle: String
    var noUnscheduled: String
    /// In place of `noUnscheduled` when the scenario asks for no session at all.
    var nothingRequested: String
    var priority: String
    var reasons: String
    var department: String
    var overloadOfficerDays: String
    var departmentsTitle: String
    var kpiTitle: String
    var indicator: String
    var value: String
    var noSessions: String
    var generatedBy: String
    var sessionCount: @Sendable (Int) -> String
    // A re-plan's changes against the published plan (summary.md).
    var replanTitle: String
    var frozenUntil: @Sendable (_ date: String, _ pinned: Int) -> String
    var movedTitle: String
    var leftOutTitle: String
    var addedTitle: String
    var conflictsTitle: String
    var wasWeek: @Sendable (Int) -> String

    static func `for`(_ lang: Language) -> Labels { lang == .zh ? .zh : .en }

    func priority(_ raw: String) -> String { priorityNames[raw] ?? raw }
    func status(_ raw: String) -> String { statusNames[raw] ?? raw }

    static let zh = Labels(
        listSeparator: "、",
        csvHeaders: ["序号", "联合执法事项", "牵头部门", "配合部门", "执法对象", "执法区域", "轮次", "时间安排", "参与人员"],
        round: { "第\($0)轮" },
        roundLong: { "第\($0)轮" },
        officers: { "\($0)\($1)人" },
        week: { "第\($0)周" },
        priorityNames: ["mandatory": "必须", "high": "高", "normal": "中", "low": "低"],
        titleSuffixed: { "\($0)（\($1)）" },
        lead: "牵头部门", partners: "配合部门", region: "执法区域", targets: "执法对象",
        officersHeading: "参与人员", roundHeading: "轮次", note: "备注",
        calendarName: { "\($1)—\($0)" },
        reportTitle: "年度联合执法计划", summaryTitle: "计划摘要", year: "年度", digest: "方案摘要",
        sessionsScheduled: "已安排行动", sessionsTotal: "行动总数", scheduled: "已安排",
        mandatoryUnscheduled: "必须事项未安排", visits: "入企检查（合并后）", visitsIfUnmerged: "若不合并",
        visitsSaved: { "合并减少\($0)次入企" },
        peakUtilisation: "峰值利用率", outsidePreferred: "未在优先时段", moved: "调整周次（相对参考计划）",
        solver: "求解", status: "求解状态", objective: "目标值", bound: "下界", gap: "相对间隙",
        statusNames: ["optimal": "最优", "feasible": "可行（未证明最优）", "heuristic": "启发式"],
        monthlyPlan: "月度计划安排", monthHeading: { "\($0)年\($1)月" },
        dates: "时间安排", action: "联合执法事项",
        heatmapTitle: "各部门每周执法力量利用率",
        heatmapNote: "每格为该部门当周负荷最高的执法力量（人·日）占可用量的比例。",
        sessionsChartTitle: "各区域每周联合执法行动数",
        sessionsChartNote: "每格数字为该区域当周安排的行动数。",
        holidayWeek: "节假日周（工作日少于5天）", overCapacity: "超出可用量", noLoad: "无安排",
        weekAxis: "周次",
        unscheduledTitle: "未安排的联合执法行动", noUnscheduled: "所有行动均已安排。",
        nothingRequested: "本计划没有需要安排的联合执法行动。",
        priority: "优先级", reasons: "原因", department: "部门", overloadOfficerDays: "超出均衡阈值（人·日）",
        departmentsTitle: "各部门负荷", kpiTitle: "主要指标", indicator: "指标", value: "数值",
        noSessions: "本计划未安排任何行动。", generatedBy: "由 jointplan 生成",
        sessionCount: { "\($0)次" },
        replanTitle: "与已发布计划相比的变动",
        frozenUntil: { "冻结日期\($0)：此前开始的\($1)项行动保持原安排" },
        movedTitle: "调整时间", leftOutTitle: "不再安排（已发布）", addedTitle: "新增安排", conflictsTitle: "固定行动的冲突",
        wasWeek: { "原第\($0)周" })

    static let en = Labels(
        listSeparator: ", ",
        csvHeaders: ["No.", "Joint action", "Lead", "Partners", "Targets", "Region", "Round", "Dates", "Officers"],
        round: { "\($0)" },
        roundLong: { "round \($0)" },
        officers: { "\($0) \($1)" },
        week: { "week \($0)" },
        priorityNames: ["mandatory": "mandatory", "high": "high", "normal": "normal", "low": "low"],
        titleSuffixed: { "\($0) (\($1))" },
        lead: "Lead", partners: "Partners", region: "Region", targets: "Targets",
        officersHeading: "Officers", roundHeading: "Round", note: "Note",
        calendarName: { "\($1) — \($0)" },
        reportTitle: "Annual joint enforcement plan", summaryTitle: "Plan summary", year: "Year",
        digest: "Scenario digest",
        sessionsScheduled: "Sessions scheduled", sessionsTotal: "Sessions", scheduled: "Scheduled",
        mandatoryUnscheduled: "Mandatory unscheduled", visits: "Enterprise visits (merged)",
        visitsIfUnmerged: "if unmerged", visitsSaved: { "\($0) visits saved by merging" },
        peakUtilisation: "Peak utilisation", outsidePreferred: "Outside preferred dates",
        moved: "Moved (vs reference plan)",
        solver: "Solver", status: "Solver status", objective: "Objective", bound: "Bound", gap: "Gap",
        statusNames: ["optimal": "optimal", "feasible": "feasible (not proven optimal)", "heuristic": "heuristic"],
        monthlyPlan: "Month by month", monthHeading: { "\(DateText.monthNames[$1 - 1]) \($0)" },
        dates: "Dates", action: "Joint action",
        heatmapTitle: "Department utilisation by week",
        heatmapNote: "Each cell: the department's most loaded staff pool that week, officer-days used / available.",
        sessionsChartTitle: "Sessions by region and week",
        sessionsChartNote: "Each cell: number of sessions in that region that week.",
        holidayWeek: "Holiday week (fewer than 5 working days)", overCapacity: "over capacity",
        noLoad: "nothing scheduled", weekAxis: "Week",
        unscheduledTitle: "Unscheduled sessions", noUnscheduled: "Every session is scheduled.",
        nothingRequested: "The scenario asks for no sessions.",
        priority: "Priority", reasons: "Reasons", department: "Department",
        overloadOfficerDays: "Above balance threshold (officer-days)",
        departmentsTitle: "Department load", kpiTitle: "Key figures", indicator: "Indicator", value: "Value",
        noSessions: "No session is scheduled in this plan.", generatedBy: "Generated by jointplan",
        sessionCount: { $0 == 1 ? "1 session" : "\($0) sessions" },
        replanTitle: "Changes against the published plan",
        frozenUntil: { "Frozen until \($0): the \($1) sessions starting before it keep their published dates" },
        movedTitle: "Moved", leftOutTitle: "Published, now left out", addedTitle: "Newly placed",
        conflictsTitle: "Pinned sessions in conflict", wasWeek: { "was week \($0)" })
}

extension DateText {
    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August",
                             "September", "October", "November", "December"]
}
