import JointPlanCore
import PlanChecker
import Testing

@Suite("PLAN: the plan file agrees with itself and the scenario")
struct PlanRecordTests {
    /// Checks a broken copy of the plain plan and expects exactly one PLAN violation.
    func expectPlanError(_ message: String, _ change: (inout PlanDocument) -> Void) {
        var plan = Fixtures.plainPlan
        change(&plan)
        let report = PlanChecker.check(scenario: Fixtures.plain, plan: plan)
        #expect(report.ruleSet == [.plan], "\(report.lines)")
        #expect(report.lines == ["PLAN: " + message])
    }

    @Test func headerErrors() {
        expectPlanError("plan is for year 2024, the scenario for 2025") { $0.scenario.year = 2024 }
        expectPlanError("scenario.name is 'other', the scenario's name is '\(Fixtures.plain.name)'") { $0.scenario.name = "other" }
        expectPlanError("format is 'jointplan-plan/v0', expected 'jointplan-plan/v1'") { $0.format = "jointplan-plan/v0" }
    }

    /// §6: arrays other than sessions are sorted by their keys, and `load` lists the pool-weeks with work.
    @Test func recordOrderAndEmptyLoadRecords() {
        expectPlanError("load is not sorted by department, pool, week (entry 1)") { $0.load.reverse() }
        expectPlanError("visits are not sorted by target, region, week (entry 1)") { $0.visits.reverse() }
        expectPlanError("load record b pool city week 20 has no work in it (no placed session uses that pool that week)") {
            $0.load.append(LoadRecord(department: "b", pool: "city", week: 20, used: 0, capacity: 40))
            $0.load.sort { ($0.department, $0.pool, $0.week) < ($1.department, $1.pool, $1.week) }
        }
    }

    @Test func sessionListErrors() {
        expectPlanError("session R9 round 1 in east (week 30) is not a session of the scenario") {
            $0.sessions.append(Fixtures.session("R9", 1, "east", 30, ["2025-07-21"], ["b": 2], ["b": "city"], []))
        }
        expectPlanError("unscheduled session R2 round 2 in east is not a session of the scenario") {
            $0.unscheduled.append(UnscheduledSession(request: "R2", round: 2, region: "east", priority: "mandatory",
                                                     reasons: []))
            $0.unscheduled.sort { ($0.request, $0.round, $0.region) < ($1.request, $1.round, $1.region) }
        }
        expectPlanError("session R4 round 1 in west is neither placed nor listed as unscheduled") { $0.unscheduled = [] }
        expectPlanError("session R3 round 1 in east is both placed (week 20) and listed as unscheduled") {
            $0.unscheduled.insert(UnscheduledSession(request: "R3", round: 1, region: "east", priority: "normal",
                                                     reasons: []), at: 0)
        }
        expectPlanError("unscheduled session R4 round 1 in west has priority 'high', the request 'low'") {
            $0.unscheduled[0].priority = "high"
        }
        expectPlanError("sessions are not sorted by week, region, request, round: R1 round 1 in east (week 10) follows R2 round 1 in east (week 10)") {
            $0.sessions.swapAt(0, 1)
        }
    }

    @Test func sessionFieldErrors() {
        expectPlanError("session R2 round 1 in east: officers b:3 differ from the request's b:2") {
            $0.sessions[$0.index("R2", 1, "east")].officers = ["b": 3]
        }
        expectPlanError("session R1 round 1 in east: pools a:city, b:city differ from the staff pools a:east, b:city") {
            $0.sessions[$0.index("R1", 1, "east")].pools["a"] = "city"
        }
        expectPlanError("session R2 round 1 in east: targets none differ from the request's shop") {
            $0.sessions[$0.index("R2", 1, "east")].targets = []
        }
        expectPlanError("session R3 round 1 in east: in_preferred is true, the days say false (preferred 2025-06-01..2025-06-30)") {
            $0.sessions[$0.index("R3", 1, "east")].inPreferred = true
        }
    }

    @Test func visitListErrors() {
        expectPlanError("visit shop in east week 10 lists requests R1, the sessions are R1, R2") {
            $0.visits[$0.visitIndex("shop", "east", 10)].requests = ["R1"]
        }
        expectPlanError("visit shop in west week 15 (R1) is missing from visits") {
            $0.visits.remove(at: $0.visitIndex("shop", "west", 15))
        }
        expectPlanError("visit shop in west week 16 (R1) is made by no placed session") {
            $0.visits.append(VisitRecord(target: "shop", region: "west", week: 16, requests: ["R1"]))
        }
    }

    @Test func kpiErrors() {
        expectPlanError("kpis.visits_if_unmerged is 6, recomputed 7") { $0.kpis.visitsIfUnmerged = 6 }
        expectPlanError("kpis.sessions is 7, recomputed 8") { $0.kpis.sessions = 7 }
        expectPlanError("kpis.outside_preferred is 0, recomputed 2") { $0.kpis.outsidePreferred = 0 }
        expectPlanError("kpis.peak_utilisation.b is 0.25, recomputed 0.24") { $0.kpis.peakUtilisation["b"] = 0.25 }
        expectPlanError("kpis.overload_officer_days names unknown department 'zz'") {
            $0.kpis.overloadOfficerDays["zz"] = 0
        }
    }
}

@Suite("OBJ: solver.objective is the §5 objective of the plan")
struct ObjectiveTests {
    @Test func wrongObjectiveIsReported() {
        var plan = Fixtures.plainPlan
        plan.state(objective: 645)
        let report = PlanChecker.check(scenario: Fixtures.plain, plan: plan)
        #expect(report.ruleSet == [.objective], "\(report.lines)")
        #expect(report.lines == ["OBJ: solver.objective is 645, recomputed 645.6 (unscheduled 300, visits 300, outside_preferred 40, overload 5.6, moves 0)"])
    }

    @Test func roundingWithinToleranceIsAccepted() {
        var plan = Fixtures.plainPlan
        plan.state(objective: 645.6 + 1e-7)
        #expect(PlanChecker.check(scenario: Fixtures.plain, plan: plan).violations == [])
    }

    /// The tolerance is the plan's 6-decimal rounding, not a share of the objective: with an over-committed
    /// year's mandatory weight in it (1,000,645.6 here), being 0.01 off is still reported.
    @Test func largeObjectivesGetNoLargerTolerance() {
        var scenario = Fixtures.plain
        scenario.objective.unscheduledLow = 1_000_300
        var plan = Fixtures.plainPlan
        plan.state(objective: 1_000_645.6 + 0.01)
        #expect(PlanChecker.check(scenario: scenario, plan: plan).ruleSet == [.objective])
        plan.state(objective: 1_000_645.6)
        #expect(PlanChecker.check(scenario: scenario, plan: plan).violations == [])
    }

    /// The bound must be a lower bound and the gap must follow from objective and bound (§5).
    @Test func boundAboveTheObjectiveOrAWrongGapIsReported() {
        var plan = Fixtures.plainPlan
        plan.solver.bound = 700
        plan.solver.gap = (645.6 - 700) / 645.6
        #expect(PlanChecker.check(scenario: Fixtures.plain, plan: plan).lines
                == ["PLAN: solver.bound 700 is above the objective 645.6: not a lower bound"])
        plan.solver.bound = 600
        plan.solver.gap = 0
        #expect(PlanChecker.check(scenario: Fixtures.plain, plan: plan).lines
                == ["PLAN: solver.gap is 0, (objective − bound) / max(1, |objective|) is 0.0706"])
        plan.solver.gap = (645.6 - 600) / 645.6
        #expect(PlanChecker.check(scenario: Fixtures.plain, plan: plan).violations == [])
    }

    @Test func defaultWeightsApplyWithoutOverrides() {
        // Without the override, the unscheduled low-priority session costs 100 instead of 300.
        var scenario = Fixtures.plain
        scenario.objective = ObjectiveWeights()
        let report = PlanChecker.check(scenario: scenario, plan: Fixtures.plainPlan)
        #expect(report.ruleSet == [.objective])
        #expect(abs(report.recomputedObjective - 445.6) < 1e-9)
    }
}
