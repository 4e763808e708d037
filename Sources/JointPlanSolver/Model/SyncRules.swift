import JointPlanCore

/// H5: all placed sessions of one round of a `sync_regions` request share one week. A week indicator
/// y[round, w] with Σ_w y ≤ 1 and x[s, w] ≤ y[round, w] for every session of the round.
enum SyncRules {
    static func add(to model: inout PlanningModel, _ instance: PlanningInstance) {
        for group in instance.syncGroups {
            let first = instance.sessions[group[0]].key
            var byWeek: [Int: [Int]] = [:]
            var sessionsByWeek: [Int: [Int]] = [:]
            for session in group {
                for (week, column) in model.placementColumns[session] {
                    byWeek[week, default: []].append(column)
                    sessionsByWeek[week, default: []].append(session)
                }
            }
            var indicators: [Int] = []
            for (week, columns) in byWeek.sorted(by: { $0.key < $1.key }) {
                let indicator = model.linear.addColumn(ModelName.make(["sync", first.request, first.round, "w\(week)"]),
                                                       .binary)
                model.define(indicator, as: .anyOf(columns))
                model.implications.append((indicator, week, sessionsByWeek[week]!, false))
                indicators.append(indicator)
                for (position, column) in columns.enumerated() {
                    model.linear.addRow(
                        ModelName.make(["syncx", first.request, first.round, "w\(week)", position + 1]),
                        [(column, 1), (indicator, -1)], upper: 0)
                }
            }
            model.linear.addRow(ModelName.make(["sync", first.request, first.round]),
                                indicators.map { ($0, 1.0) }, upper: 1)
        }
    }
}
