import JointPlanCore

/// H4: in each region, round k+1 only if round k is placed, at least `min_gap_weeks` weeks later.
///
/// Tight cumulative form: for every candidate week w of round k+1,
/// Σ_{w' ≤ w} x[k+1, w'] ≤ Σ_{w' ≤ w − gap} x[k, w']. At the last week this is also "only if placed".
enum RoundRules {
    static func add(to model: inout PlanningModel, _ instance: PlanningInstance) {
        for chain in instance.roundChains where chain.count > 1 {
            for (earlier, later) in zip(chain, chain.dropFirst()) {
                let session = instance.sessions[later]
                let gap = session.minGapWeeks
                let laterColumns = model.placementColumns[later]
                let earlierColumns = model.placementColumns[earlier]
                for (position, candidate) in laterColumns.enumerated() {
                    let placedBy = laterColumns[...position].map { ($0.column, 1.0) }
                    let enabledBy = earlierColumns.filter { $0.week <= candidate.week - gap }.map { ($0.column, -1.0) }
                    let key = session.key
                    model.linear.addRow(
                        ModelName.make(["round", key.request, key.round, key.region, "w\(candidate.week)"]),
                        placedBy + enabledBy, upper: 0)
                }
            }
        }
    }
}
