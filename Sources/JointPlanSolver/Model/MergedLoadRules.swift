import JointPlanCore

/// No rule of its own: rows that cut off fractional merges the LP relaxation would otherwise use.
///
/// When every session of a set S forces an indicator z to 1 in week w (the sessions of one visit site,
/// the regions of one synchronised round), S's load on a pool in w can only exist when z = 1, so the
/// capacity and balance rows restricted to S may be multiplied through by z (a perspective cut):
///     Σ_{s ∈ S} officer-days(s) · x[s, w] − slack ≤ bound · z.
/// Integer points are unchanged (z = 0 forces every x of S to 0; z = 1 gives a subset of the row), but a
/// fractional "half of both sessions in one week" can no longer merge two sessions that cannot share a
/// week (capacity), nor hide the overload that merging them really costs (balance). On Wuwei these rows
/// and the merge-savings rows below lift the LP bound from 7,500.8 to 7,935.0 (with `OverloadCardinalityRules`;
/// 7,938.4 with the summed `overx` rows of CapacityRules; the optimum is 7,985.03).
enum MergedLoadRules {
    private struct PoolWeek: Hashable {
        var pool: PoolKey
        var week: Int
    }

    /// `extended`: also the merge-savings rows over shared sites only and with the sessions of a component
    /// that draw on no pool of theirs (see `ModelBuilder.extendedTighteningSessionLimit`).
    static func add(to model: inout PlanningModel, _ instance: PlanningInstance, extended: Bool = true) {
        var rowsAt: [PoolWeek: [PlanningModel.CapacityRow]] = [:]
        for row in model.capacityRows { rowsAt[PoolWeek(pool: row.pool, week: row.week), default: []].append(row) }

        let limits = model.poolWeekLimits()
        addMergeSavings(to: &model, instance, extended: extended) { pool, week in
            limits[pool]?[week] ?? PlanningModel.PoolWeekLimits()
        }
        for implication in model.implications where implication.sessions.count > 1 {
            var load: [PoolKey: [(column: Int, coefficient: Double)]] = [:]
            for session in implication.sessions {
                guard let column = model.column(session: session, week: implication.week) else { continue }
                for pool in Set(instance.sessions[session].draws.map(\.pool)) {
                    load[pool, default: []].append((column, instance.sessions[session].officerDays(pool)))
                }
            }
            for pool in load.keys.sorted() {
                let terms = load[pool]!
                guard terms.count > 1 else { continue }
                let total = terms.reduce(0.0) { $0 + $1.coefficient }
                for capacityRow in rowsAt[PoolWeek(pool: pool, week: implication.week)] ?? [] {
                    guard let bound = model.linear.rows[capacityRow.row].upper, total > bound + 1e-9 else { continue }
                    var row = terms.map { ($0.column, $0.coefficient) }
                    if let slack = capacityRow.slack { row.append((slack, -1)) }
                    row.append((implication.indicator, -bound))
                    let kind = capacityRow.kind == .capacity ? "capz" : "balz"
                    let name = [pool.department, pool.pool, "w\(implication.week)", "c\(implication.indicator)"]
                    model.linear.addRow(ModelName.make([kind] + name), row, upper: 0)
                    // Without a slack, capacity is a knapsack: any minimal cover C (sessions that together
                    // exceed it) gives Σ_{s ∈ C} x[s, w] ≤ (|C| − 1) · z.
                    if capacityRow.kind == .capacity, capacityRow.slack == nil {
                        for (index, cover) in minimalCovers(terms.map(\.coefficient), bound: bound).enumerated() {
                            model.linear.addRow(ModelName.make(["cover"] + name + [index + 1]),
                                                cover.map { (terms[$0].column, 1.0) }
                                                    + [(implication.indicator, -Double(cover.count - 1))],
                                                upper: 0)
                        }
                    }
                }
            }
        }
    }

    /// What merging saves, per week. For a set C of sessions on one pool in week w, T the visit
    /// indicators they light and `over` the pool's overload column:
    ///     Σ_{v ∈ T} v[w] + λ · over ≥ Σ_{s ∈ C} x[s, w]
    /// holds for every subset P of C that can run in w (load(P) ≤ capacity) if P lights at least |P|
    /// indicators, or its load exceeds the balance threshold by enough: λ ≥ (|P| − lit(P)) / (load(P) −
    /// threshold). Subsets above capacity need nothing: they cannot happen. So a session that saves a
    /// visit by joining others must pay for it with capacity it does not have or overload it does pay.
    /// Example: Q lists two targets, P and R one of them each, and only two of the three fit: one visit
    /// can be saved in w, not two (Wuwei's 药店/医疗机构 sessions on the 医保 city pool).
    private static func addMergeSavings(to model: inout PlanningModel, _ instance: PlanningInstance, extended: Bool,
                                        limits: (PoolKey, Int) -> PlanningModel.PoolWeekLimits) {
        var lit: [Int: [Int: [Int]]] = [:]   // week → session → visit indicators it lights
        for implication in model.implications where implication.isVisit {
            for session in implication.sessions {
                lit[implication.week, default: [:]][session, default: []].append(implication.indicator)
            }
        }
        for week in lit.keys.sorted() {
            let lights = lit[week]!
            for component in components(lights) where component.count > 1 {
                let pools = Set(component.flatMap { instance.sessions[$0].draws.map(\.pool) }).sorted()
                for pool in pools {
                    // Sessions of the component that do not draw on the pool still count: they light sites
                    // (Wuwei's Y04 lights 宾馆 and 娱乐场所 beside Y01 and Y05, which load the 公安 pool).
                    let loaders = component.filter { instance.sessions[$0].officerDays(pool) > 0 }
                    let members = extended && component.count <= 8 ? component : loaders
                    guard members.count > 1, members.count <= 8, !loaders.isEmpty else { continue }
                    let limit = limits(pool, week)
                    let (capacity, threshold, over) = (limit.capacity, limit.threshold, limit.over)
                    let load = members.map { instance.sessions[$0].officerDays(pool) }
                    var added = 0
                    for mask in 3..<(1 << members.count) where mask.nonzeroBitCount > 1 {
                        let chosen = members.indices.filter { mask & (1 << $0) != 0 }
                        for indicators in indicatorSets(chosen.map { lights[members[$0]]! }, shared: extended) {
                            guard indicators.count < chosen.count,
                                  let lambda = overloadPrice(chosen, counting: indicators, members: members, load: load,
                                                             lights: lights, capacity: capacity, threshold: threshold,
                                                             hasOver: over != nil)
                            else { continue }
                            var row = indicators.sorted().map { ($0, 1.0) }
                                + chosen.map { (model.column(session: members[$0], week: week)!, -1.0) }
                            if lambda > 0, let over { row.append((over, lambda)) }
                            added += 1
                            model.linear.addRow(ModelName.make(["xmerge", pool.department, pool.pool, "w\(week)",
                                                                "s\(members[chosen[0]])", added]), row, lower: 0)
                        }
                    }
                }
            }
        }
    }

    /// The indicator sets T a merge-savings row of sessions lighting `lit` may count: every indicator they
    /// light, and those that two or more of them light. The second is the stronger row where a session also
    /// lights a site of its own: Wuwei's Y09 (医疗机构 and 药店) and C04 (药店) on the 医保 city pool need 10
    /// officer-days against a threshold of 9, so v[药店] + over ≥ x[Y09] + x[C04], where counting v[医疗机构]
    /// too makes the row say nothing (HiGHS found these as cuts: 160 of its 250 root cuts on Wuwei).
    private static func indicatorSets(_ lit: [[Int]], shared withShared: Bool) -> [Set<Int>] {
        let all = Set(lit.flatMap { $0 })
        guard withShared else { return [all] }
        var counts: [Int: Int] = [:]
        for indicators in lit { for indicator in Set(indicators) { counts[indicator, default: 0] += 1 } }
        let shared = Set(counts.filter { $0.value > 1 }.keys)
        return shared.isEmpty || shared == all ? [all] : [all, shared]
    }

    /// The least λ that makes the merge-savings row of `chosen` counting the indicators `counted` valid,
    /// nil if none does (a subset that fits, saves visits and stays under the threshold).
    private static func overloadPrice(_ chosen: [Int], counting counted: Set<Int>, members: [Int], load: [Double],
                                      lights: [Int: [Int]], capacity: Double?, threshold: Double?,
                                      hasOver: Bool) -> Double? {
        var lambda = 0.0
        for mask in 1..<(1 << chosen.count) {
            let subset = chosen.indices.filter { mask & (1 << $0) != 0 }.map { chosen[$0] }
            let total = subset.reduce(0.0) { $0 + load[$1] }
            if let capacity, total > capacity + 1e-9 { continue }
            let deficit = subset.count - Set(subset.flatMap { lights[members[$0]]! }).intersection(counted).count
            guard deficit > 0 else { continue }
            guard hasOver, let threshold, total > threshold + 1e-9 else { return nil }
            lambda = max(lambda, Double(deficit) / (total - threshold))
        }
        return lambda
    }

    /// Sessions connected through shared visit indicators, each component sorted.
    private static func components(_ lights: [Int: [Int]]) -> [[Int]] {
        var byIndicator: [Int: [Int]] = [:]
        for (session, indicators) in lights { for indicator in indicators { byIndicator[indicator, default: []].append(session) } }
        var seen = Set<Int>()
        var result: [[Int]] = []
        for start in lights.keys.sorted() where !seen.contains(start) {
            var stack = [start]
            var component: [Int] = []
            seen.insert(start)
            while let session = stack.popLast() {
                component.append(session)
                for indicator in lights[session]! {
                    for other in byIndicator[indicator]! where !seen.contains(other) {
                        seen.insert(other)
                        stack.append(other)
                    }
                }
            }
            result.append(component.sorted())
        }
        return result
    }

    /// Minimal covers of a knapsack row Σ a_i x_i ≤ bound: index sets whose weights exceed the bound while
    /// every proper subset fits. Only for the few sessions of one site or round (at most 12 items).
    static func minimalCovers(_ weights: [Double], bound: Double) -> [[Int]] {
        guard weights.count <= 12 else { return [] }
        var covers: [[Int]] = []
        for mask in 1..<(1 << weights.count) {
            let members = weights.indices.filter { mask & (1 << $0) != 0 }
            guard members.count > 1 else { continue }
            let total = members.reduce(0.0) { $0 + weights[$1] }
            let smallest = members.map { weights[$0] }.min()!
            if total > bound + 1e-9, total - smallest <= bound + 1e-9 { covers.append(members) }
        }
        return covers
    }
}
