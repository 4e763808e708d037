import JointPlanCore

/// H3: per department, pool and week, officer-days used ≤ capacity (one aggregated row each), and the
/// `overload` term: officer-days above `balance_threshold` × capacity, priced per officer-day.
/// Elastic variant (shortfall analysis): each capacity row gets an `extra_*` column of officer-days
/// beyond capacity, priced at `elasticCost` per officer-day.
enum CapacityRules {
    /// `aggregate`: one `overx` row per pool-week for the sessions that alone exceed the threshold (the full
    /// model), else one per session (fix-and-optimize's sub-models, whose searches were tuned on those).
    static func add(to model: inout PlanningModel, _ instance: PlanningInstance, elasticCost: Double? = nil,
                    aggregate: Bool = true) {
        var demand: [PoolKey: [Int: [(column: Int, coefficient: Double)]]] = [:]
        for (index, session) in instance.sessions.enumerated() {
            for pool in Set(session.draws.map(\.pool)) {
                let officerDays = session.officerDays(pool)
                for (week, column) in model.placementColumns[index] {
                    demand[pool, default: [:]][week, default: []].append((column, officerDays))
                }
            }
        }
        for pool in demand.keys.sorted() {
            for (week, terms) in demand[pool]!.sorted(by: { $0.key < $1.key }) {
                let capacity = instance.freeCapacity(pool, week: week)
                let maximum = terms.reduce(0.0) { $0 + $1.coefficient }
                let name = [pool.department, pool.pool, "w\(week)"] as [CustomStringConvertible]
                if maximum > capacity + 1e-9 {
                    var row = terms.map { ($0.column, $0.coefficient) }
                    var slack: Int?
                    if let elasticCost {
                        let extra = model.linear.addColumn(ModelName.make(["extra"] + name), .continuous, cost: elasticCost)
                        model.define(extra, as: .excess(terms, threshold: capacity))
                        model.extraColumns.append((pool, week, extra))
                        row.append((extra, -1))
                        slack = extra
                    }
                    model.linear.addRow(ModelName.make(["cap"] + name), row, upper: capacity)
                    model.capacityRows.append(.init(pool: pool, week: week, row: model.linear.rows.count - 1,
                                                    kind: .capacity, slack: slack))
                }
                let soft = instance.balanceLimit(pool, week: week)
                if maximum > soft + 1e-9, instance.weights.overload > 0 {
                    let overload = model.linear.addColumn(ModelName.make(["over"] + name), .continuous,
                                                          cost: instance.weights.overload)
                    model.linear.addRow(ModelName.make(["bal"] + name),
                                        terms.map { ($0.column, $0.coefficient) } + [(overload, -1)], upper: soft)
                    model.capacityRows.append(.init(pool: pool, week: week, row: model.linear.rows.count - 1,
                                                    kind: .balance, slack: overload))
                    model.define(overload, as: .excess(terms, threshold: soft))
                    // Sessions that alone exceed the threshold overload the week whatever else runs, and
                    // their excesses add up (max(0, L − T) is superadditive for T ≥ 0):
                    // over ≥ Σ (officer-days − threshold) × x. Implied for integer x, but it stops the LP from
                    // spreading such sessions thinly over many weeks to hide their overload (one row for all
                    // of them: HiGHS found the sum as a cut on generated S, 490 of its 704 root cuts).
                    let alone = terms.filter { $0.coefficient > soft + 1e-9 }
                    if aggregate, soft >= 0, !alone.isEmpty {
                        model.linear.addRow(ModelName.make(["overx"] + name),
                                            [(overload, 1)] + alone.map { ($0.column, -($0.coefficient - soft)) }, lower: 0)
                    } else if !aggregate {
                        for (column, coefficient) in alone {
                            model.linear.addRow(ModelName.make(["overx"] + name + ["c\(column)"]),
                                                [(overload, 1), (column, -(coefficient - soft))], lower: 0)
                        }
                    }
                }
            }
        }
    }
}
