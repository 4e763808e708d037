import JointPlanCore

/// The MILP of §5 for one planning instance, with the bookkeeping needed to hand GLPK a starting
/// solution and to read placements back. Each rule family adds its own columns and rows
/// (see the files beside this one); this type only orchestrates them.
struct PlanningModel {
    /// How an auxiliary column's value follows from the placement columns, so any placement can be
    /// completed into a full starting solution.
    enum Definition {
        /// 1 if any of the columns is 1 (visit and synchronisation indicators).
        case anyOf([Int])
        /// max(0, Σ coefficient × column − threshold) (overload officer-days).
        case excess([(column: Int, coefficient: Double)], threshold: Double)
    }

    var linear = LinearModel()
    /// For each session (instance order): its placement columns, one per candidate week.
    var placementColumns: [[(week: Int, column: Int)]] = []
    /// Auxiliary columns in creation order with their definitions.
    var auxiliary: [(column: Int, definition: Definition)] = []
    /// The rows whose right-hand side is a pool's weekly capacity (H3's `cap_*` and the balance rows
    /// `bal_*`, whose bound is `balance_threshold` × capacity), so duals map back to (department, pool, week).
    var capacityRows: [CapacityRow] = []
    /// Elastic models only: the extra officer-days column of each capacity row.
    var extraColumns: [(pool: PoolKey, week: Int, column: Int)] = []

    struct CapacityRow {
        enum Kind { case capacity, balance }
        var pool: PoolKey
        var week: Int
        var row: Int
        var kind: Kind
        /// The column the row subtracts from the load: the overload officer-days of a balance row, the
        /// extra officer-days of an elastic capacity row; nil for a plain capacity row.
        var slack: Int? = nil
    }
    /// Indicators that every placement of `sessions` in `week` forces to 1 (visit and synchronisation
    /// indicators): the tightening rows of `MergedLoadRules` are built on them.
    var implications: [(indicator: Int, week: Int, sessions: [Int], isVisit: Bool)] = []
    /// Rows that pinned sessions break on their own, relaxed to what the pinned sessions need (H7).
    var relaxedRows: [PinnedRules.RelaxedRow] = []

    /// What the capacity rows say about one pool-week.
    struct PoolWeekLimits {
        /// From a plain capacity row only: with an elastic slack more than the capacity may run.
        var capacity: Double?
        var threshold: Double?
        /// The overload column of the balance row.
        var over: Int?
    }

    /// `PoolWeekLimits` of every pool-week that has a capacity or balance row.
    func poolWeekLimits() -> [PoolKey: [Int: PoolWeekLimits]] {
        var limits: [PoolKey: [Int: PoolWeekLimits]] = [:]
        for row in capacityRows {
            var entry = limits[row.pool]?[row.week] ?? PoolWeekLimits()
            switch row.kind {
            case .capacity where row.slack == nil: entry.capacity = linear.rows[row.row].upper
            case .capacity: break
            case .balance: (entry.threshold, entry.over) = (linear.rows[row.row].upper, row.slack)
            }
            limits[row.pool, default: [:]][row.week] = entry
        }
        return limits
    }

    mutating func define(_ column: Int, as definition: Definition) {
        auxiliary.append((column, definition))
    }

    /// Placement columns of `session` keyed by week.
    func column(session: Int, week: Int) -> Int? {
        placementColumns[session].first { $0.week == week }?.column
    }

    /// A full column vector for a placement (session index → week, nil = unscheduled).
    func solution(for placement: [Int?]) -> [Double] {
        var values = Array(repeating: 0.0, count: linear.columns.count)
        for (session, week) in placement.enumerated() {
            if let week, let column = column(session: session, week: week) { values[column] = 1 }
        }
        for (column, definition) in auxiliary {
            switch definition {
            case .anyOf(let columns):
                values[column] = columns.contains { values[$0] > 0.5 } ? 1 : 0
            case .excess(let terms, let threshold):
                let load = terms.reduce(0.0) { $0 + $1.coefficient * values[$1.column] }
                values[column] = max(0, load - threshold)
            }
        }
        return values
    }

    /// The placement encoded by a column vector.
    func placement(from values: [Double]) -> [Int?] {
        placementColumns.map { columns in columns.first { values[$0.column] > 0.5 }?.week }
    }
}

enum ModelBuilder {
    /// Scenarios of at most this many sessions get the extended tightening rows (merge-savings rows over
    /// shared sites and with the sessions that draw on no pool of theirs, `OverloadCardinalityRules`). A
    /// city (Wuwei: LP 7,902.3 → 7,935.0; generated S 14,689.7 → 14,837.7) and a city down to townships
    /// gain; on a province (8,000 sessions) the bound comes from many small units' branch-and-cut under the
    /// clock, and their 23% more rows cost it 12% (generated L at 300 s: 397,151 → 346,931).
    static let extendedTighteningSessionLimit = 2_000

    /// Builds the whole model: every hard rule H1–H7 and every objective term of §5.
    /// With `elasticCost`, every capacity row gets a non-negative column of extra officer-days at that
    /// cost per officer-day (the shortfall analysis).
    static func build(_ instance: PlanningInstance, elasticCost: Double? = nil, tighten: Bool = true) -> PlanningModel {
        var model = PlanningModel()
        EligibilityRules.add(to: &model, instance, elastic: elasticCost != nil)  // H1, H2, H7, placement costs
        CapacityRules.add(to: &model, instance, elasticCost: elasticCost, aggregate: tighten)  // H3 and the overload term
        RoundRules.add(to: &model, instance)           // H4
        SyncRules.add(to: &model, instance)            // H5
        VisitRules.add(to: &model, instance)           // H6 and the visit term
        PinnedRules.relaxConflicts(in: &model, instance) // H7: pinned sessions in conflict stay, reported
        if tighten {  // no new rule: a tighter LP
            let extended = instance.sessions.count <= extendedTighteningSessionLimit
            MergedLoadRules.add(to: &model, instance, extended: extended)               // merges
            if extended { OverloadCardinalityRules.add(to: &model, instance) }       // overload of sessions sharing a week
        }
        return model
    }
}
