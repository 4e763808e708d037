import JointPlanCore

/// Fix-and-optimize (a large-neighbourhood search with GLPK as the neighbourhood solver): every session
/// outside one neighbourhood (a region, a quarter of the year) is fixed at its week in the incumbent,
/// the rest is re-optimised exactly in a model that holds only the free sessions' weeks (fixed sessions
/// keep one fixed column each, so every rule still sees them). Measured on Wuwei 2025: branch-and-cut
/// on the whole model (10⁴ binaries) did not improve the greedy start in 60 s, and region-wide
/// neighbourhoods (3,500 columns) did not finish in 10 s; region × 13-week neighbourhoods solve exactly in
/// about a second each.
struct FixAndOptimize {
    let instance: PlanningInstance
    let model: PlanningModel
    /// Instances with more sessions than this get slim sub-models (see `improve`).
    var slimSessionThreshold = 1_000

    /// Neighbourhoods: all sessions of one request (when it has several); the sessions of one region whose
    /// week (or, unscheduled, any candidate week) falls in a 13-week window, windows overlapping by half;
    /// each unscheduled session of normal priority or above with the placed sessions sharing its pools
    /// (generated M: 211,824 → 197,750).
    /// Small enough for GLPK to solve in a second or two, large enough to move merges and round chains
    /// together. (City-wide 8-week windows were tried: 10 s more on Wuwei for nothing.)
    /// Sub-models leave out the tightening rows of `MergedLoadRules`: on Wuwei they slowed the node-limited
    /// sub-searches more than they helped (8,004 instead of 7,986 at the end of the search).
    func neighbourhoods(_ placement: [Int?]) -> [[Int]] {
        var regions: [String] = []
        for session in instance.sessions where !regions.contains(session.key.region) { regions.append(session.key.region) }
        let weeks = instance.calendar.weekCount
        var result: [[Int]] = []
        // Every session of one request: its rounds and regions move together (round gaps, sync).
        var byRequest: [Int: [Int]] = [:]
        for (index, session) in instance.sessions.enumerated() { byRequest[session.requestIndex, default: []].append(index) }
        result += byRequest.keys.sorted().map { byRequest[$0]! }.filter { $0.count > 1 }
        for region in regions {
            for start in stride(from: 1, through: weeks, by: 6) {
                let window = start..<(start + 13)
                let members = instance.sessions.indices.filter { index in
                    guard instance.sessions[index].key.region == region else { return false }
                    if let week = placement[index] { return window.contains(week) }
                    return instance.sessions[index].candidates.contains { window.contains($0.week) }
                }
                if !members.isEmpty && result.last != members { result.append(members) }
            }
        }
        // Each unscheduled session of normal priority or above, most important first, with the placed
        // sessions that share a pool with it, 13 of its candidate weeks at a time: room for it may need
        // sessions of other regions moved (townships sharing a county pool), which no region window frees.
        let pools = instance.sessions.map { Set($0.draws.map(\.pool)) }
        let waiting = instance.sessions.indices.filter { index in
            placement[index] == nil && instance.sessions[index].priority >= .normal
                && instance.sessions[index].pinnedWeek == nil && !instance.sessions[index].candidates.isEmpty
        }.sorted { (instance.sessions[$0].priority, $1) > (instance.sessions[$1].priority, $0) }
        for index in waiting {
            let candidateWeeks = instance.sessions[index].candidates.map(\.week)
            for chunk in stride(from: 0, to: candidateWeeks.count, by: 13) {
                let weeks = Set(candidateWeeks[chunk..<min(chunk + 13, candidateWeeks.count)])
                let members = [index] + instance.sessions.indices.filter { other in
                    guard let week = placement[other], weeks.contains(week) else { return false }
                    return !pools[other].isDisjoint(with: pools[index])
                }
                if members.count > 1 { result.append(members) }
            }
        }
        return result
    }

    /// Improves `placement` until a full cycle finds nothing better or `deadline` passes.
    func improve(_ start: [Int?], deadline: Double, clock: () -> Double,
                 progress: ((SolveProgress) -> Bool)?) throws -> [Int?] {
        let assembler = PlanAssembler(instance: instance)
        var incumbent = start
        var incumbentValue = assembler.objective(incumbent)
        var improvedInCycle = true
        var cycles = 0
        let links = SessionLinks(instance)
        // Slim sub-models (held sessions that share only pools left out) pay off on large instances, where
        // building the sub-model over every session dominates: generated M (1,500 sessions) ends at
        // 220,912 instead of 228,367. On Wuwei (152) the search merely takes another path, to a worse end
        // (8,033.5 instead of 7,986.0), so small instances keep every session.
        let slim = instance.sessions.count > slimSessionThreshold
        while improvedInCycle && cycles < 10 {
            improvedInCycle = false
            cycles += 1
            for neighbourhood in neighbourhoods(incumbent) {
                let remaining = deadline - clock()
                if remaining < 0.5 { return incumbent }
                let sub = slim
                    ? instance.slimRestricted(freeing: Set(neighbourhood), around: incumbent, links: links)
                    : instance.restricted(freeing: Set(neighbourhood), around: incumbent)
                let subModel = ModelBuilder.build(sub, tighten: false)
                // Sessions left out of the slim sub-model have no columns: they keep their week.
                let kept = sub.sessions.indices.filter { !sub.sessions[$0].candidates.isEmpty }
                // The clock again: building a sub-model of a province takes seconds, which the time limit
                // must not get on top.
                let left = deadline - clock()
                if left < 0.1 { return incumbent }
                let outcome = try GLPKBackend.solve(subModel.linear, start: subModel.solution(for: incumbent),
                                                    timeLimit: min(left, 30), gap: 1e-6,
                                                    nodeLimit: 300, progress: nil)
                guard let values = outcome.values else { continue }
                let solved = subModel.placement(from: values)
                var candidate = incumbent
                for index in kept { candidate[index] = solved[index] }
                let value = assembler.objective(candidate)
                if value < incumbentValue - 1e-6 {
                    incumbent = candidate
                    incumbentValue = value
                    improvedInCycle = true
                }
                if progress?(SolveProgress(phase: "fix-and-optimize", incumbent: incumbentValue, bound: nil, gap: nil,
                                           elapsed: 0)) == false {
                    return incumbent
                }
            }
        }
        return incumbent
    }
}
