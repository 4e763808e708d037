import JointPlanCore

/// Which placed sessions must leave for a more important session to take a week: when capacity or visits
/// of lower-priority placed sessions are all that keeps it out. Shared by the explanations ("placing it
/// would displace …") and the greedy start's insertion by ejection.
struct Displacement {
    let instance: PlanningInstance
    /// Session → the later rounds of its chain (H4: they go when it goes).
    private let laterRounds: [Int: [Int]]

    /// At most this many placed sessions are tried for one displacement.
    static let limit = 12

    init(_ instance: PlanningInstance) {
        self.instance = instance
        var later: [Int: [Int]] = [:]
        for chain in instance.roundChains {
            for (position, index) in chain.enumerated() { later[index] = Array(chain[(position + 1)...]) }
        }
        laterRounds = later
    }

    /// Placed sessions whose removal lifts (or helps lift) `blocker`, all of lower priority than `session`
    /// and removable with their later rounds; nil when there are none.
    func victims(of blocker: Blocker, session index: Int, week: Int, state: PlacementState) -> [Int]? {
        let session = instance.sessions[index]
        let region = session.key.region
        func removable(_ index: Int) -> [Int]? {
            let info = instance.sessions[index]
            guard info.priority < session.priority, info.pinnedWeek == nil else { return nil }
            let later = (laterRounds[index] ?? []).filter { state.week[$0] != nil }
            guard later.allSatisfy({ instance.sessions[$0].pinnedWeek == nil }) else { return nil }
            return [index] + later
        }
        /// All of `members` go, or none.
        func all(_ members: [Int]) -> [Int]? {
            var result: [Int] = []
            for member in members {
                guard let group = removable(member) else { return nil }
                result += group.filter { !result.contains($0) }
            }
            return result.isEmpty ? nil : result
        }
        func cost(_ members: [Int]) -> Double {
            members.reduce(0.0) { $0 + instance.weights.unscheduled(instance.sessions[$1].priority) }
        }
        /// The cheapest visit week of the target to empty (the earliest on a tie).
        func cheapestWeek(_ target: String, department: String?) -> [Int]? {
            var byWeek: [Int: [Int]] = [:]
            for index in instance.sessions.indices {
                guard let placed = state.week[index], instance.sessions[index].key.region == region,
                      instance.sessions[index].targets.contains(target) else { continue }
                if let department, !instance.sessions[index].draws.contains(where: { $0.pool.department == department }) {
                    continue
                }
                byWeek[placed, default: []].append(index)
            }
            var best: (cost: Double, members: [Int])?
            for visitWeek in byWeek.keys.sorted() {
                guard let members = all(byWeek[visitWeek]!) else { continue }
                let value = cost(members)
                if best == nil || value < best!.cost - 1e-9 { best = (value, members) }
            }
            return best?.members
        }

        switch blocker {
        case .capacity(let pool, _, _):
            let candidates = instance.sessions.indices.filter { index in
                state.week[index] == week && instance.sessions[index].draws.contains { $0.pool == pool }
            }.compactMap { index in removable(index).map { (index, $0) } }
            // The lowest priority first, then the one freeing the most officer-days.
            let victim = candidates.min { a, b in
                let (x, y) = (instance.sessions[a.0], instance.sessions[b.0])
                if x.priority != y.priority { return x.priority < y.priority }
                let (dx, dy) = (x.officerDays(pool), y.officerDays(pool))
                if dx != dy { return dx > dy }
                return a.0 < b.0
            }
            return victim?.1
        case .revisit(let target, let visitWeek, _):
            return all(state.sessions(visiting: target, region: region, week: visitWeek))
        case .yearCap(let target, _):
            return cheapestWeek(target, department: nil)
        case .departmentCap(let target, let department, _):
            return cheapestWeek(target, department: department)
        case .notEligible, .previousRoundUnplaced, .roundGap, .synchronised:
            return nil
        }
    }

    /// Removes from `state` the placed sessions that keep `index` out of `week`, blocker after blocker,
    /// each with the objective change its removal made; nil, with `state` as it was, when some blocker has
    /// no victims or more than `limit` sessions would have to go. Empty when nothing blocks.
    func clear(_ index: Int, week: Int, in state: inout PlacementState) -> [(session: Int, week: Int, delta: Double)]? {
        var removed: [(session: Int, week: Int, delta: Double)] = []
        while let blocker = state.blocker(index, week: week) {
            guard removed.count <= Self.limit,
                  let victims = victims(of: blocker, session: index, week: week, state: state)?
                    .filter({ state.week[$0] != nil }), !victims.isEmpty else {
                for entry in removed.reversed() { state.place(entry.session, week: entry.week) }
                return nil
            }
            for victim in victims {
                let placed = state.week[victim]!
                state.unplace(victim)
                removed.append((victim, placed, -state.addedCost(victim, week: placed)))
            }
        }
        return removed
    }
}
