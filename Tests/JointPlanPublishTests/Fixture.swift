import Foundation
import JointPlanCore
@testable import JointPlanPublish

/// A small hand-checkable scenario and plan: 2 regions, 3 departments, 2 targets, 3 requests; sessions
/// include one across a month boundary (R02) and one with a holiday in the middle (R03); one unscheduled.
enum Fixture {
    static func date(_ text: String) -> CivilDate { CivilDate(iso: text)! }

    static let scenario = Scenario(
        name: "武威市2025年度联合执法计划（测试）",
        year: 2025,
        calendar: CalendarSpec(preset: "cn-official", holidays: [DateRange(single: date("2025-07-01"))]),
        regions: [
            Region(id: "liangzhou", name: "凉州区"),
            Region(id: "minqin", name: "民勤县"),
        ],
        departments: [
            Department(id: "scjg", name: "市场监督管理局", staff: [Entry("liangzhou", 25), Entry("minqin", 12)]),
            Department(id: "yjgl", name: "应急管理局", staff: [Entry("liangzhou", 20), Entry("minqin", 10)]),
            Department(id: "sthj", name: "生态环境局", staff: [Entry("liangzhou", 15), Entry("minqin", 8)]),
        ],
        targets: [
            Target(id: "gas-station", name: "加油站", count: [Entry("liangzhou", 85), Entry("minqin", 30)]),
            Target(id: "chemical", name: "危险化学品经营企业", count: [Entry("liangzhou", 40), Entry("minqin", 12)]),
        ],
        requests: [
            Request(id: "R01", title: "加油站安全与质量联合检查", lead: "scjg", partners: ["yjgl", "sthj"],
                    targets: ["gas-station"], regions: ["liangzhou", "minqin"], rounds: 2, minGapWeeks: 16,
                    durationDays: 3, officers: [Entry("scjg", 4), Entry("yjgl", 2), Entry("sthj", 2)],
                    priority: .high, note: "依据《成品油市场管理办法》; 第二轮, 复查整改情况"),
            Request(id: "R02", title: "危险化学品经营企业专项检查", lead: "yjgl", partners: ["scjg"],
                    targets: ["chemical", "gas-station"], regions: ["liangzhou"], durationDays: 4,
                    officers: [Entry("yjgl", 3), Entry("scjg", 2)], priority: .mandatory),
            Request(id: "R03", title: "加油站油气回收\"双随机\"检查, 含储油库", lead: "sthj", partners: ["yjgl"],
                    targets: ["gas-station"], regions: ["minqin"], durationDays: 3,
                    officers: [Entry("sthj", 2), Entry("yjgl", 2)]),
        ])

    static func session(_ request: String, _ round: Int, _ region: String, week: Int, days: [String],
                        officers: [String: Int], targets: [String] = ["gas-station"]) -> PlannedSession {
        PlannedSession(request: request, round: round, region: region, week: week, days: days, officers: officers,
                       pools: Dictionary(uniqueKeysWithValues: officers.keys.map { ($0, region) }), targets: targets,
                       inPreferred: true, pinned: false)
    }

    static let r01 = ["scjg": 4, "yjgl": 2, "sthj": 2]

    static let plan = PlanDocument(
        scenario: ScenarioReference(name: scenario.name, year: 2025,
                                    digest: "3f9a1c0de4b5a6978812aa0b1c2d3e4f5a6b7c8d9e0f11223344556677889900"),
        solver: SolverSummary(engine: "glpk 5.0", status: "optimal", objective: 10_420, bound: 10_419.5,
                              gap: 0.000048, seconds: 0.42, rows: 120, columns: 300, nonzeros: 900),
        sessions: [
            session("R02", 1, "liangzhou", week: 14, days: ["2025-03-31", "2025-04-01", "2025-04-02", "2025-04-03"],
                    officers: ["yjgl": 3, "scjg": 2], targets: ["chemical", "gas-station"]),
            session("R01", 1, "liangzhou", week: 15, days: ["2025-04-07", "2025-04-08", "2025-04-09"], officers: r01),
            session("R01", 1, "minqin", week: 15, days: ["2025-04-08", "2025-04-09", "2025-04-10"], officers: r01),
            session("R03", 1, "minqin", week: 27, days: ["2025-06-30", "2025-07-02", "2025-07-03"],
                    officers: ["sthj": 2, "yjgl": 2]),
            session("R01", 2, "liangzhou", week: 33, days: ["2025-08-11", "2025-08-12", "2025-08-13"], officers: r01),
        ],
        unscheduled: [
            UnscheduledSession(request: "R01", round: 2, region: "minqin", priority: "high",
                               reasons: ["week 33: 应急管理局 pool minqin short by 6 officer-days",
                                         "weeks 34-48: visit to 加油站 in minqin too soon after week 27 (min_revisit_weeks 8)"]),
        ],
        visits: [
            VisitRecord(target: "chemical", region: "liangzhou", week: 14, requests: ["R02"]),
            VisitRecord(target: "gas-station", region: "liangzhou", week: 14, requests: ["R02"]),
            VisitRecord(target: "gas-station", region: "liangzhou", week: 15, requests: ["R01"]),
            VisitRecord(target: "gas-station", region: "minqin", week: 15, requests: ["R01"]),
        ],
        load: [
            LoadRecord(department: "scjg", pool: "liangzhou", week: 14, used: 8, capacity: 30),
            LoadRecord(department: "scjg", pool: "liangzhou", week: 15, used: 12, capacity: 37.5),
            LoadRecord(department: "scjg", pool: "minqin", week: 15, used: 12, capacity: 10),
            LoadRecord(department: "scjg", pool: "liangzhou", week: 33, used: 12, capacity: 37.5),
            LoadRecord(department: "yjgl", pool: "liangzhou", week: 14, used: 12, capacity: 24),
            LoadRecord(department: "yjgl", pool: "liangzhou", week: 15, used: 6, capacity: 30),
            LoadRecord(department: "yjgl", pool: "minqin", week: 15, used: 6, capacity: 15),
            LoadRecord(department: "yjgl", pool: "minqin", week: 27, used: 6, capacity: 9),
            LoadRecord(department: "yjgl", pool: "liangzhou", week: 33, used: 6, capacity: 30),
            LoadRecord(department: "sthj", pool: "liangzhou", week: 15, used: 6, capacity: 22.5),
            LoadRecord(department: "sthj", pool: "minqin", week: 15, used: 6, capacity: 12),
            LoadRecord(department: "sthj", pool: "minqin", week: 27, used: 6, capacity: 7.2),
            LoadRecord(department: "sthj", pool: "liangzhou", week: 33, used: 6, capacity: 22.5),
        ],
        kpis: PlanKPIs(sessions: 6, scheduled: 5, mandatoryUnscheduled: 0, visits: 6, visitsIfUnmerged: 7,
                       outsidePreferred: 1, overloadOfficerDays: ["scjg": 6, "yjgl": 0.6, "sthj": 1.68],
                       peakUtilisation: ["scjg": 1.2, "yjgl": 2.0 / 3.0, "sthj": 6 / 7.2], moved: 0))

    /// 2025-04-01T08:30:00Z.
    static let stamp = Date(timeIntervalSince1970: 1_743_496_200)

    static func files(_ plan: PlanDocument = plan, lang: Language = .zh) -> [String: Data] {
        let list = Publisher.files(plan: plan, scenario: scenario, options: PublishOptions(lang: lang, generatedAt: stamp))
        return Dictionary(uniqueKeysWithValues: list.map { ($0.relativePath, $0.data) })
    }
}
