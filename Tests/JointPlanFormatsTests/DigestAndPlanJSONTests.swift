import Foundation
import JointPlanCore
import JointPlanFormats
import Testing

@Suite("Canonical JSON and digest")
struct DigestTests {
    @Test func canonicalFormIsCompactSortedAndResolved() throws {
        var s = Scenario(name: "名\"称\n", year: 2025, regions: [Region(id: "a", name: "A")])
        s.departments = [Department(id: "d", name: "D", staff: [Entry("a", 40)])]
        s.requests = [Request(id: "R1", title: "t", lead: "d", regions: ["a"], officers: [Entry("d", 2)])]
        let json = ScenarioDigest.canonicalJSON(s)
        #expect(json.hasPrefix("{\"calendar\":{\"holidays\":[],\"preset\":null,\"workdays\":[]},\"departments\":[{\"id\":\"d\",\"name\":\"D\",\"share\":0.3,\"staff\":{\"a\":40},\"unavailable\":[]}]"))
        #expect(json.contains("\"name\":\"名\\\"称\\n\""))
        #expect(json.contains("\"window\":{\"from\":\"2025-01-01\",\"to\":\"2025-12-31\"}"))  // default filled in
        #expect(json.contains("\"balance_threshold\":0.6"))
        #expect(!json.contains(" "))
        // A window equal to the default gives the same digest as no window.
        var explicit = s
        explicit.requests[0].window = DateRange(from: CivilDate(iso: "2025-01-01")!, to: CivilDate(iso: "2025-12-31")!)
        #expect(ScenarioDigest.sha256Hex(explicit) == ScenarioDigest.sha256Hex(s))
        var changed = s
        changed.departments[0].share = 0.31
        #expect(ScenarioDigest.sha256Hex(changed) != ScenarioDigest.sha256Hex(s))
        #expect(ScenarioDigest.sha256Hex(s).count == 64)
    }

    @Test func digestOfFixtureIsStable() throws {
        let a = try ScenarioLoader.load(path: basicFixture).scenario
        let b = try ScenarioLoader.load(path: basicFixture + "/scenario.yaml").scenario
        #expect(ScenarioDigest.sha256Hex(a) == ScenarioDigest.sha256Hex(b))
    }
}

@Suite("Plan JSON")
struct PlanJSONTests {
    func plan() -> PlanDocument {
        PlanDocument(
            scenario: ScenarioReference(name: "x", year: 2025, digest: "abc"),
            solver: SolverSummary(engine: "glpk 5.0", status: "optimal", objective: 1050.0000000001, bound: 1050, gap: -0.0,
                                  seconds: 1.23456789, rows: 1, columns: 2, nonzeros: 3),
            sessions: [PlannedSession(request: "R01", round: 1, region: "east", week: 15, days: ["2025-04-07"],
                                      officers: ["scjg": 4, "yjgl": 2], pools: ["scjg": "east", "yjgl": "city"],
                                      targets: ["shop"], inPreferred: true, pinned: false)],
            unscheduled: [], visits: [VisitRecord(target: "shop", region: "east", week: 15, requests: ["R01"])],
            load: [LoadRecord(department: "scjg", pool: "east", week: 15, used: 8, capacity: 0.1 + 0.2)],
            kpis: PlanKPIs(sessions: 1, scheduled: 1, mandatoryUnscheduled: 0, visits: 1, visitsIfUnmerged: 1, outsidePreferred: 0,
                           overloadOfficerDays: ["scjg": 0], peakUtilisation: ["scjg": 2.0 / 3.0], moved: 0))
    }

    @Test func encodeIsDeterministicAndRounded() throws {
        let data = PlanJSON.encode(plan())
        let text = try #require(String(data: data, encoding: .utf8))
        #expect(text.hasSuffix("}\n"))
        #expect(text.contains("\"objective\" : 1050,") || text.contains("\"objective\": 1050,"))
        #expect(text.contains("0.3,") || text.contains("0.3\n"))
        #expect(!text.contains("0.30000000000000004"))
        #expect(text.contains("0.666667"))
        #expect(data == PlanJSON.encode(plan()))
        let decoded = try PlanJSON.decode(data, file: "plan.json")
        #expect(decoded.sessions == plan().sessions && decoded.kpis.peakUtilisation["scjg"] == 0.666667)
    }

    @Test func decodeErrorsNameTheField() throws {
        #expect(throws: Diagnostic(file: "p.json", field: "format", message: "unsupported format 'x' (expected 'jointplan-plan/v1')")) {
            try PlanJSON.decode(Data("{\"format\":\"x\"}".utf8), file: "p.json")
        }
        #expect(throws: Diagnostic(file: "p.json", field: "format", message: "missing field 'format'")) {
            try PlanJSON.decode(Data("{}".utf8), file: "p.json")
        }
        do {
            _ = try PlanJSON.decode(Data("{\"format\": ".utf8), file: "p.json")
            Issue.record("accepted")
        } catch {
            #expect(error.message.hasPrefix("invalid JSON"))
        }
        var object = try #require(JSONSerialization.jsonObject(with: PlanJSON.encode(plan())) as? [String: Any])
        var sessions = try #require(object["sessions"] as? [[String: Any]])
        sessions[0].removeValue(forKey: "week")
        object["sessions"] = sessions
        let broken = try JSONSerialization.data(withJSONObject: object)
        #expect(throws: Diagnostic(file: "p.json", line: 1, field: "sessions[0].week", message: "missing field 'sessions[0].week'")) {
            try PlanJSON.decode(broken, file: "p.json")
        }
        // In a pretty-printed plan the message names the line of the mistyped value.
        let pretty = String(decoding: PlanJSON.encode(plan()), as: UTF8.self)
        let range = try #require(pretty.range(of: #""week" : [0-9]+"#, options: .regularExpression))
        let mistyped = pretty.replacingCharacters(in: range, with: #""week" : "eleven""#)
        let line = pretty[..<range.lowerBound].filter { $0 == "\n" }.count + 1
        #expect(line > 1)
        // (Keys are sorted: the first "week" is in `load`.)
        #expect(throws: Diagnostic(file: "p.json", line: line, field: "load[0].week",
                                   message: "expected an integer for field 'load[0].week'")) {
            try PlanJSON.decode(Data(mistyped.utf8), file: "p.json")
        }
    }
}
