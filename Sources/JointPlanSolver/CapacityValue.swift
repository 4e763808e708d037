import GLPK
import JointPlanCore

/// The marginal value of capacity: from the duals of the LP relaxation, how much the objective would
/// fall with one more officer-day, and one more certified officer, in a department's pool in a week.
/// Capacity enters two kinds of row: H3's `cap_*` (bound: capacity) and the balance rows `bal_*`
/// (bound: `balance_threshold` × capacity), so the value per officer-day is −(dual(cap) + threshold ×
/// dual(bal)). One more officer adds share × Σ working days (1 − unavailable fraction) officer-days.
/// Duals of an LP relaxation are local, linear estimates: they rank where capacity is tight, they do not
/// promise that the integer plan improves by exactly that much.
enum CapacityValue {
    /// The `limit` most valuable (department, pool, week)s, best first (ties by department, pool, week).
    static func records(instance: PlanningInstance, model: PlanningModel, relaxation: LPResult?,
                        limit: Int = 10) -> [CapacityValueRecord] {
        guard !model.capacityRows.isEmpty, let result = relaxation else { return [] }
        guard result.status == .optimal, result.rowDuals.count == model.linear.rows.count else { return [] }
        let threshold = instance.weights.balanceThreshold
        var perDay: [PoolKey: [Int: Double]] = [:]
        for row in model.capacityRows {
            let factor = row.kind == .capacity ? 1 : threshold
            perDay[row.pool, default: [:]][row.week, default: 0] += -result.rowDuals[row.row] * factor
        }
        var records: [CapacityValueRecord] = []
        for pool in perDay.keys.sorted() {
            for (week, value) in perDay[pool]!.sorted(by: { $0.key < $1.key }) where value > 1e-6 {
                // A week in which the department's officers are all away gains nothing from one more.
                let perOfficer = value * officerDaysPerOfficer(pool, week: week, instance: instance)
                guard perOfficer > 1e-6 else { continue }
                records.append(CapacityValueRecord(department: pool.department, pool: pool.pool, week: week,
                                                   perOfficerDay: value, perOfficer: perOfficer))
            }
        }
        records.sort { a, b in
            if abs(a.perOfficer - b.perOfficer) > 1e-6 { return a.perOfficer > b.perOfficer }
            return (a.department, a.pool, a.week) < (b.department, b.pool, b.week)
        }
        return Array(records.prefix(limit))
    }

    /// Officer-days one certified officer of the department gives in a week: share × Σ over working days
    /// of (1 − unavailable fraction, capped at 1).
    static func officerDaysPerOfficer(_ pool: PoolKey, week: Int, instance: PlanningInstance) -> Double {
        guard let department = instance.scenario.department(pool.department) else { return 0 }
        return instance.calendar.workingDays(ofWeek: week).reduce(0.0) { total, day in
            let away = department.unavailable.filter { $0.range.contains(day) }.reduce(0.0) { $0 + $1.fraction }
            return total + department.share * (1 - min(1, away))
        }
    }
}

extension GLPKBackend {
    /// The LP relaxation with its duals: its optimum is a proven lower bound of the MILP, its capacity
    /// duals the marginal value of capacity. `timeLimit` nil: no limit.
    static func relaxation(_ model: LinearModel, timeLimit: Double? = nil) throws -> LPResult {
        let problem = try load(model)
        defer { problem.close() }
        var options = LPOptions(presolve: false, method: .primal)
        options.timeLimit = timeLimit.map { max(0.1, $0) }
        return try problem.simplex(options: options)
    }
}

/// What `plan` adds to a plan after solving: the capacity values always, and the shortfall analysis when
/// mandatory sessions are unscheduled.
enum PlanAnalysis {
    /// Seconds the shortfall analysis may take when the search has used `elapsed` of `limit`: what is left,
    /// and at least 5 (the whole limit when it is shorter). So `plan` ends within its time limit plus 5 s
    /// on an over-committed year too, instead of spending the limit a second time.
    static func shortfallTimeLimit(_ limit: Double, elapsed: Double) -> Double {
        max(min(limit, 5), limit - elapsed)
    }

    static func complete(_ document: inout PlanDocument, instance: PlanningInstance, model: PlanningModel,
                         placement: [Int?], relaxation: LPResult?, options: PlanOptions, elapsed: Double) throws {
        document.capacityValue = CapacityValue.records(instance: instance, model: model, relaxation: relaxation)
        guard document.kpis.mandatoryUnscheduled > 0 else { return }
        let analysis = ShortfallAnalysis(instance: instance)
        let timeLimit = shortfallTimeLimit(options.timeLimit, elapsed: elapsed)
        if let result = try analysis.run(placement: placement, timeLimit: timeLimit, language: options.language) {
            document.shortfall = result.records
            document.unsavable = result.unsavable
        }
    }
}

extension Explanations {
    /// The capacity values of a scenario (with the plan's pinned sessions pinned), best first.
    public static func capacityValue(scenario: Scenario, plan: PlanDocument, limit: Int = 10) throws
        -> [CapacityValueRecord] {
        let (instance, _) = try instanceAndPlacement(scenario: scenario, plan: plan)
        let model = ModelBuilder.build(instance)
        return CapacityValue.records(instance: instance, model: model, relaxation: try GLPKBackend.relaxation(model.linear),
                                     limit: limit)
    }
}
