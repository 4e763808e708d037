import JointPlanCore

/// H6 and the `visit` term. A visit indicator v[t, r, w] is 1 when any placed session in region r in
/// week w lists target t (x[s, w] ≤ v[t, r, w]); each costs `visit`, which is what rewards merging
/// (进一次门、查多项事). Per (t, r): sliding-window rows Σ_{w ∈ window} v ≤ 1 for every
/// `min_revisit_weeks` consecutive weeks, Σ_w v ≤ `max_visits_per_year`, and per department a
/// participation indicator capped by `max_visits_per_department`.
enum VisitRules {
    private struct Site: Hashable, Comparable {
        var target: String
        var region: String
        static func < (a: Site, b: Site) -> Bool { (a.target, a.region) < (b.target, b.region) }
    }

    static func add(to model: inout PlanningModel, _ instance: PlanningInstance) {
        var sessionsAt: [Site: [Int]] = [:]
        for (index, session) in instance.sessions.enumerated() {
            for target in session.targets {
                sessionsAt[Site(target: target, region: session.key.region), default: []].append(index)
            }
        }
        for site in sessionsAt.keys.sorted() {
            let sessions = sessionsAt[site]!
            let rules = instance.visitRules(target: site.target)
            let visits = indicators(for: sessions, prefix: ["v", site.target, site.region], cost: instance.weights.visit,
                                    isVisit: true, instance: instance, model: &model)
            addRevisitWindows(visits, minRevisit: rules.minRevisit, site: site, weekCount: instance.calendar.weekCount,
                              model: &model)
            if let cap = rules.maxPerYear, cap < visits.count {
                model.linear.addRow(ModelName.make(["vyear", site.target, site.region]),
                                    visits.map { ($0.column, 1.0) }, upper: Double(cap))
            }
            guard let cap = rules.maxPerDepartment else { continue }
            let departments = Set(sessions.flatMap { instance.sessions[$0].draws.map(\.pool.department) }).sorted()
            for department in departments {
                let involved = sessions.filter { instance.sessions[$0].draws.contains { $0.pool.department == department } }
                // When the department takes part in every session here, its visits are the visits.
                let participation = involved.count == sessions.count
                    ? visits
                    : indicators(for: involved, prefix: ["vd", site.target, site.region, department], cost: 0,
                                 isVisit: false, instance: instance, model: &model)
                if cap < participation.count {
                    model.linear.addRow(ModelName.make(["vdep", site.target, site.region, department]),
                                        participation.map { ($0.column, 1.0) }, upper: Double(cap))
                }
            }
        }
    }

    /// One indicator per week in which any of `sessions` can be placed, ≥ each of their placements.
    ///
    /// Sessions that can never share a week (the rounds of one request in one region when its gap is at
    /// least one week) get one clique row Σ x[s, w] ≤ v[w] instead of one row each: the same integer
    /// points, a much tighter LP (a fractional round 1 and round 2 can no longer share one fractional v).
    private static func indicators(for sessions: [Int], prefix: [CustomStringConvertible], cost: Double,
                                   isVisit: Bool, instance: PlanningInstance,
                                   model: inout PlanningModel) -> [(week: Int, column: Int)] {
        var byWeek: [Int: [(group: String, column: Int)]] = [:]
        var sessionsByWeek: [Int: [Int]] = [:]
        for session in sessions {
            let info = instance.sessions[session]
            let group = info.weekExclusionGroup ?? "\(session)"
            for (week, column) in model.placementColumns[session] {
                byWeek[week, default: []].append((group, column))
                sessionsByWeek[week, default: []].append(session)
            }
        }
        return byWeek.sorted { $0.key < $1.key }.map { week, members in
            let indicator = model.linear.addColumn(ModelName.make(prefix + ["w\(week)"]), .binary, cost: cost)
            model.define(indicator, as: .anyOf(members.map(\.column)))
            model.implications.append((indicator, week, sessionsByWeek[week]!, isVisit))
            var groups: [String: [Int]] = [:]
            var order: [String] = []
            for member in members {
                if groups[member.group] == nil { order.append(member.group) }
                groups[member.group, default: []].append(member.column)
            }
            for group in order {
                let columns = groups[group]!
                model.linear.addRow(ModelName.make(["link"] + prefix + ["w\(week)", "c\(columns[0])"]),
                                    columns.map { ($0, 1.0) } + [(indicator, -1)], upper: 0)
            }
            return (week, indicator)
        }
    }

    /// At most one visit week in any `minRevisit` consecutive weeks: one row per maximal window.
    private static func addRevisitWindows(_ visits: [(week: Int, column: Int)], minRevisit: Int, site: Site,
                                          weekCount: Int, model: inout PlanningModel) {
        guard minRevisit > 1, visits.count > 1 else { return }
        var previous: [Int] = []
        var windows: [(start: Int, members: [Int])] = []
        for start in (1 - minRevisit + 1)...weekCount {
            let members = visits.filter { $0.week >= start && $0.week < start + minRevisit }.map(\.column)
            guard members.count > 1 else { continue }
            // Keep only windows not contained in the previous one or the next one.
            if Set(members).isSubset(of: Set(previous)) { continue }
            if let last = windows.last, Set(last.members).isSubset(of: Set(members)) { windows.removeLast() }
            windows.append((start, members))
            previous = members
        }
        for window in windows {
            model.linear.addRow(ModelName.make(["revisit", site.target, site.region, "w\(max(1, window.start))"]),
                                window.members.map { ($0, 1.0) }, upper: 1)
        }
    }
}
