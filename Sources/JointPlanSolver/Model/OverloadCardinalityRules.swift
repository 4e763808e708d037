import JointPlanCore

/// No rule of its own: rows that stop the LP from hiding overload behind fractions of sessions.
///
/// A balance row says over ≥ Σ officer-days(s) · x[s, w] − threshold. When any two of a set C of
/// sessions that can share week w exceed the threshold by at least δ together, and each needs at least δ
/// alone, then k of them in w overload it by at least (k − 1) · δ, so
///     Σ_{s ∈ C} x[s, w] ≤ 1 + over / δ.
/// Two sessions that cannot share the week (rounds of one request in one region, a pair above capacity)
/// set no δ. Integer points are unchanged; the LP can no longer run 0.6 of each of six sessions in one
/// week at no overload (HiGHS found such cuts on Wuwei's 生态环境 county pools: 82 of its 250 root cuts).
/// `overx` (CapacityRules) is the case of one session alone above the threshold.
enum OverloadCardinalityRules {
    /// Rows per balance row at most: one per distinct δ along the sessions by load, largest first.
    static let rowsPerBalanceRow = 3

    static func add(to model: inout PlanningModel, _ instance: PlanningInstance) {
        var sessionOf: [Int: Int] = [:]
        for (session, columns) in model.placementColumns.enumerated() {
            for (_, column) in columns { sessionOf[column] = session }
        }
        let limits = model.poolWeekLimits()
        for balance in model.capacityRows where balance.kind == .balance {
            guard let over = balance.slack, let threshold = model.linear.rows[balance.row].upper else { continue }
            let capacity = limits[balance.pool]?[balance.week]?.capacity
            let terms = model.linear.rows[balance.row].terms
                .compactMap { term in sessionOf[term.column].map { (session: $0, column: term.column, load: term.coefficient) } }
                .filter { $0.load > 1e-9 }
                .sorted { ($0.load, $1.column) > ($1.load, $0.column) }
            guard terms.count > 1 else { continue }
            // δ of the first k sessions, for k = 2 … n; each row is the longest prefix with its δ.
            var delta = Double.infinity
            var pairs = false
            var rows: [(count: Int, delta: Double)] = []
            for k in 1..<terms.count {
                let newcomer = terms[k]
                for earlier in terms[..<k] where canShareWeek(earlier.session, newcomer.session, instance: instance,
                                                              load: earlier.load + newcomer.load, capacity: capacity) {
                    delta = min(delta, earlier.load + newcomer.load - threshold)
                    pairs = true
                }
                delta = min(delta, newcomer.load)
                guard delta > 1e-6 else { break }
                guard pairs else { continue }
                if let last = rows.last, abs(last.delta - delta) <= 1e-9 { rows.removeLast() }
                rows.append((k + 1, delta))
            }
            for (index, row) in rows.suffix(rowsPerBalanceRow).enumerated() {
                let name = ["xover", balance.pool.department, balance.pool.pool, "w\(balance.week)", index + 1] as [CustomStringConvertible]
                model.linear.addRow(ModelName.make(name),
                                    terms[..<row.count].map { ($0.column, 1.0) } + [(over, -1 / row.delta)], upper: 1)
            }
        }
    }

    /// Whether two sessions can both run in one week: not two rounds of one request in one region (H4
    /// with a gap of at least a week), and not together above the week's capacity.
    private static func canShareWeek(_ a: Int, _ b: Int, instance: PlanningInstance, load: Double,
                                     capacity: Double?) -> Bool {
        if let capacity, load > capacity + 1e-9 { return false }
        guard let group = instance.sessions[a].weekExclusionGroup else { return true }
        return group != instance.sessions[b].weekExclusionGroup
    }
}
