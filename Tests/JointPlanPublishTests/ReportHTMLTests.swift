import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import JointPlanCore
import Testing
@testable import JointPlanPublish

@Suite struct ReportHTMLTests {
    func report(_ plan: PlanDocument = Fixture.plan, lang: Language = .zh) throws -> String {
        String(decoding: try #require(Fixture.files(plan, lang: lang)["report.html"]), as: UTF8.self)
    }

    @Test func selfContainedWithoutNetworkReferences() throws {
        for lang in Language.allCases {
            let html = try report(lang: lang)
            #expect(!html.contains("http://"))
            #expect(!html.contains("https://"))
            #expect(!html.contains("<script"))
            #expect(!html.contains("<link"))
            #expect(!html.contains("<img"))
            #expect(html.contains("<meta charset=\"utf-8\" />"))
            #expect(html.contains("@media print"))
        }
    }

    @Test func isWellFormedXML() throws {
        for lang in Language.allCases {
            let html = try report(lang: lang)
            let document = try XMLDocument(data: Data(html.utf8), options: [])
            #expect(document.rootElement()?.name == "html")
            let svgs = try document.nodes(forXPath: "//svg")
            #expect(svgs.count == 2)
        }
    }

    @Test func containsTheSections() throws {
        let html = try report()
        #expect(html.contains("武威市2025年度联合执法计划（测试）"))
        #expect(html.contains("3f9a1c0de4b5"))
        #expect(html.contains("5 / 6"))                     // sessions scheduled / total
        #expect(html.contains("2025年3月"))                  // month heading
        #expect(html.contains("2025年8月"))
        #expect(html.contains("120%"))                       // peak utilisation (scjg)
        #expect(html.contains("各部门每周执法力量利用率"))
        #expect(html.contains("各区域每周联合执法行动数"))
        #expect(html.contains("节假日周（工作日少于5天）"))
        #expect(html.contains("week 33: 应急管理局 pool minqin short by 6 officer-days"))
        // Holiday weeks are marked: week 14 (Qingming, 4 April) has 4 working days, week 15 has 5.
        #expect(html.contains("<title>第14周"))
        #expect(!html.contains("<title>第15周 ("))
        let english = try report(lang: .en)
        #expect(english.contains("Department utilisation by week"))
        #expect(english.contains("March 2025"))
    }

    @Test func scenarioTextIsEscaped() throws {
        var plan = Fixture.plan
        plan.scenario.name = "<script>alert('x')</script> & \"计划\""
        plan.unscheduled[0].reasons.append("short < 6 & > 2")
        let html = try report(plan)
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;计划&quot;"))
        _ = try XMLDocument(data: Data(html.utf8), options: [])
    }
}

@Suite struct PublisherTests {
    @Test func producesTheFourKindsOfOutput() {
        let paths = Publisher.files(plan: Fixture.plan, scenario: Fixture.scenario,
                                    options: PublishOptions(generatedAt: Fixture.stamp)).map(\.relativePath)
        #expect(paths == ["plan.csv", "calendar/scjg.ics", "calendar/yjgl.ics", "calendar/sthj.ics",
                          "report.html", "summary.md"])
    }

    @Test func deterministicForTheSamePlan() {
        let first = Publisher.files(plan: Fixture.plan, scenario: Fixture.scenario,
                                    options: PublishOptions(generatedAt: Fixture.stamp))
        let second = Publisher.files(plan: Fixture.plan, scenario: Fixture.scenario,
                                     options: PublishOptions(generatedAt: Fixture.stamp))
        #expect(first.map(\.relativePath) == second.map(\.relativePath))
        #expect(first.map(\.data) == second.map(\.data))
    }

    @Test func toleratesIdsTheScenarioDoesNotKnow() throws {
        var plan = Fixture.plan
        plan.sessions.append(Fixture.session("R99", 1, "gulang", week: 40, days: ["not-a-date"],
                                             officers: ["../etc": 2]))
        let files = Fixture.files(plan)
        let csv = String(decoding: try #require(files["plan.csv"]), as: UTF8.self)
        #expect(csv.contains("R99,,,加油站,gulang,第1轮,第40周,../etc2人"))
        // An odd department id cannot climb out of calendar/.
        #expect(files.keys.allSatisfy { path in
            path.split(separator: "/").count <= 2 && path.split(separator: "/").allSatisfy { $0 != ".." && $0 != "." }
        })
        #expect(files["calendar/_.._etc.ics"] != nil)
        _ = try XMLDocument(data: try #require(files["report.html"]), options: [])
    }

    @Test func emptyPlanStillPublishes() throws {
        var plan = Fixture.plan
        plan.sessions = []
        plan.unscheduled = []
        plan.load = []
        plan.kpis.sessions = 0
        plan.kpis.scheduled = 0
        let files = Fixture.files(plan)
        // Not "every session is scheduled": there was nothing to schedule.
        #expect(String(decoding: try #require(files["summary.md"]), as: UTF8.self).contains("本计划没有需要安排的联合执法行动。"))
        #expect(String(decoding: try #require(files["report.html"]), as: UTF8.self).contains("本计划没有需要安排的联合执法行动。"))
        // Every department still gets its calendar, empty: re-published, it clears the earlier plan's events.
        #expect(files.keys.sorted() == ["calendar/scjg.ics", "calendar/sthj.ics", "calendar/yjgl.ics", "plan.csv",
                                        "report.html", "summary.md"])
        #expect(!String(decoding: try #require(files["calendar/scjg.ics"]), as: UTF8.self).contains("BEGIN:VEVENT"))
        _ = try XMLDocument(data: try #require(files["report.html"]), options: [])
    }
}
