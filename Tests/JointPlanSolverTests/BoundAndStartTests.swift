import JointPlanCore
import Testing
@testable import JointPlanSolver

/// The regional bound (a proven lower bound from units of regions) and the greedy start's round
/// lookahead.
@Suite struct BoundAndStartTests {
    /// Every region its own unit (unitLimit 1) cuts the city pools, the overload and the synchronised
    /// rounds between regions: still never above the brute-force optimum, and close to it often.
    /// With branch-and-cut on each unit the bound is the sum of the units' optima: still never above the
    /// brute-force optimum, never below the LP version, and above it where the LP half-merges sessions.
    @Test func regionalBoundNeverExceedsTheOptimum() throws {
        var useful = 0
        var split = 0
        var raised = 0
        for seed in UInt64(1)...UInt64(150) {
            let scenario = RandomScenarios.make(seed: seed)
            let instance = try Planner.makeInstance(scenario, PlanOptions())
            let lpBound = RegionalBound(instance: instance, unitLimit: 1)
            guard let lpValue = try lpBound.bound(deadline: .infinity, clock: Planner.monotonicSeconds) else { continue }
            let start = GreedyPlanner.plan(instance)
            let exact = RegionalBound(instance: instance, unitLimit: 1, nodeLimit: 1_000)
            let value = try #require(try exact.bound(start: start, deadline: .infinity, clock: Planner.monotonicSeconds))
            split += 1
            let optimum = BruteForceOracle(scenario).optimum()
            let tolerance = 1e-6 * max(1, optimum)
            #expect(value <= optimum + tolerance, "seed \(seed): bound \(value), optimum \(optimum)")
            #expect(value >= lpValue - tolerance, "seed \(seed): branch-and-cut \(value) below the LP bound \(lpValue)")
            if value > lpValue + 1 { raised += 1 }
            if lpValue >= 0.5 * optimum { useful += 1 }
        }
        #expect(split > 40)
        #expect(useful > split / 2, "\(useful) of \(split) bounds reach half the optimum")
        #expect(raised > 0, "branch-and-cut never raised a unit above its LP")
    }

    /// Coarse units (the regions joined again under a larger limit, each solved by its LP) over units of
    /// one region each: the combined bound is never above the optimum nor below the units' own sum, and
    /// the coarse units only ever join whole units. The random scenarios get a third county c beside b,
    /// and county a pools of its own, so the city pools join b and c only.
    @Test func coarseUnitsNeverExceedTheOptimum() throws {
        var joined = 0
        var raised = 0
        for seed in UInt64(1)...UInt64(60) {
            var scenario = RandomScenarios.make(seed: seed, maxSessions: 4)
            scenario.regions.append(Region(id: "c", name: "丙县", parent: "city"))
            for index in scenario.targets.indices { scenario.targets[index].count.append(Entry("c", 5)) }
            for index in scenario.requests.indices where scenario.requests[index].regions.contains("b") {
                scenario.requests[index].regions.append("c")
            }
            for index in scenario.departments.indices where !scenario.departments[index].staff.contains(where: { $0.key == "a" }) {
                scenario.departments[index].staff.append(Entry("a", scenario.departments[index].staff[0].value))
            }
            let instance = try Planner.makeInstance(scenario, PlanOptions())
            let regional = RegionalBound(instance: instance, unitLimit: 1)
            guard let units = try regional.unitBounds(deadline: .infinity, clock: Planner.monotonicSeconds) else { continue }
            let coarse = try regional.coarseBounds(limit: 100, deadline: .infinity, clock: Planner.monotonicSeconds)
            let fine = regional.units()
            for unit in regional.units(limit: 100, coarsening: fine) {
                let members = Set(unit)
                #expect(fine.allSatisfy { members.isSuperset(of: $0) || members.isDisjoint(with: $0) }, "seed \(seed)")
            }
            let total = RegionalBound.total(units, coarse: coarse)
            let model = ModelBuilder.build(instance)
            let exact = try GLPKBackend.solve(model.linear, start: model.solution(for: GreedyPlanner.plan(instance)),
                                              timeLimit: 60, gap: 0, progress: nil)
            let optimum = try #require(exact.provenOptimal ? exact.objective : nil, "seed \(seed)")
            #expect(total <= optimum + 1e-6 * max(1, optimum), "seed \(seed): bound \(total), optimum \(optimum)")
            #expect(total >= units.reduce(0, +) - 1e-9)
            joined += coarse.count
            if total > units.reduce(0, +) + 1 { raised += 1 }
        }
        #expect(joined > 20)
        #expect(raised > 0, "no coarse unit ever raised the bound")
    }

    /// The whole LP goes first only when the time limit leaves room for it; otherwise the units' LPs
    /// (seconds) come first, so a short limit still gets a bound (generated S at 20 s: 0 before, 12,664.7 after).
    @Test(arguments: [
        (rows: 24_511, limit: 60.0, first: true),    // Wuwei, default limit
        (rows: 24_511, limit: 20.0, first: false),
        (rows: 41_902, limit: 60.0, first: true),    // generated S
        (rows: 41_902, limit: 45.0, first: false),
        (rows: 70_000, limit: 600.0, first: false),  // above the whole LP's row limit
    ])
    func wholeLPFirstOnlyWhenTheLimitLeavesRoom(_ example: (rows: Int, limit: Double, first: Bool)) {
        let options = PlanOptions(timeLimit: example.limit)
        #expect(Planner.wholeLPFirst(rows: example.rows, options: options) == example.first)
    }

    /// Units join the regions of a county pool but not the city pool they would all share; so do coarse
    /// units over one unit per township.
    @Test func unitsFollowCountyPools() throws {
        let regions = [Region(id: "city", name: "市"), Region(id: "north", name: "北县", parent: "city"),
                       Region(id: "n1", name: "北一镇", parent: "north"), Region(id: "n2", name: "北二镇", parent: "north"),
                       Region(id: "south", name: "南县", parent: "city"),
                       Region(id: "s1", name: "南一镇", parent: "south"), Region(id: "s2", name: "南二镇", parent: "south")]
        var scenario = Tiny.scenario(requests: [], regions: regions)
        // Department a has county pools; department b only the city pool.
        scenario.departments[0].staff = [Entry("city", 10), Entry("north", 5), Entry("south", 5)]
        scenario.targets[0].count = ["n1", "n2", "s1", "s2"].map { Entry($0, 5) }
        let window = Tiny.range((3, 3), (3, 28))
        for (index, region) in ["n1", "n2", "s1", "s2"].enumerated() {
            var request = Tiny.request("R\(index)", window: window, regions: [region])
            request.partners = ["b"]
            request.officers = [Entry("a", 2), Entry("b", 2)]
            scenario.requests.append(request)
        }
        let instance = try Planner.makeInstance(scenario, PlanOptions())
        let regionsOf = { (units: [[Int]]) in Set(units.map { Set($0.map { instance.sessions[$0].key.region }) }) }
        #expect(regionsOf(RegionalBound(instance: instance, unitLimit: 2).units()) == [["n1", "n2"], ["s1", "s2"]])
        // Coarse units of township units: the same counties, each joining two units.
        let townships = RegionalBound(instance: instance, unitLimit: 1)
        #expect(regionsOf(townships.units()) == [["n1"], ["n2"], ["s1"], ["s2"]])
        #expect(regionsOf(townships.units(limit: 2, coarsening: townships.units())) == [["n1", "n2"], ["s1", "s2"]])
        let coarse = try townships.coarseBounds(limit: 2, deadline: .infinity, clock: Planner.monotonicSeconds)
        #expect(coarse.map(\.parts).sorted { $0[0] < $1[0] } == [[0, 1], [2, 3]])
    }

    /// A mandatory two-round request whose round 1 would prefer its latest useful week, where round 2
    /// then finds its only week full: the start puts round 1 earlier so both rounds fit.
    @Test func greedyLeavesRoomForTheNextRound() throws {
        let window = Tiny.range((3, 3), (3, 28))  // weeks 10–13
        // B (listed first, so placed first) fills week 13; A's round 1 prefers week 11.
        let scenario = Tiny.scenario(requests: [
            Tiny.request("B", window: Tiny.range((3, 24), (3, 28)), days: 5, priority: .mandatory, targets: []),
            Tiny.request("A", window: window, rounds: 2, gap: 2, days: 1, priority: .mandatory,
                         preferred: Tiny.range((3, 10), (3, 14))),
        ], staff: 2)
        let instance = try Planner.makeInstance(scenario, PlanOptions())
        let start = GreedyPlanner.plan(instance)
        let weeks = Dictionary(uniqueKeysWithValues: instance.sessions.indices.map { (instance.sessions[$0].key, start[$0]) })
        #expect(weeks[SessionKey(request: "B", round: 1, region: "east")] == 13)
        #expect(weeks[SessionKey(request: "A", round: 1, region: "east")] == 10)
        #expect(weeks[SessionKey(request: "A", round: 2, region: "east")] == 12)
    }
}

/// Insertion by ejection: a more important unscheduled session takes the week of less important ones.
@Suite struct EjectionTests {
    /// Room for one five-day session in week 10: the high-priority one goes in, the normal one out; the
    /// other way round nothing moves.
    @Test func theMoreImportantSessionTakesTheWeek() throws {
        let week10 = Tiny.range((3, 3), (3, 7))
        for (first, second, moves) in [(Priority.normal, Priority.high, true), (.high, .normal, false)] {
            let scenario = Tiny.scenario(requests: [
                Tiny.request("N", window: week10, days: 5, priority: first),
                Tiny.request("H", window: week10, days: 5, priority: second),
            ], staff: 2)
            let instance = try Planner.makeInstance(scenario, PlanOptions())
            let result = GreedyPlanner.improve(instance, from: [10, nil])
            #expect(result.placement == (moves ? [nil, 10] : [10, nil]), "\(first) then \(second)")
            #expect(result.insertions == (moves ? 1 : 0))
        }
    }

    /// A normal session worth 150 would need both low ones (100 each) out: it stays out.
    @Test func noEjectionThatCostsMore() throws {
        let week10 = Tiny.range((3, 3), (3, 7))
        var scenario = Tiny.scenario(requests: [
            Tiny.request("L1", window: week10, days: 2, priority: .low),
            Tiny.request("L2", window: week10, days: 2, priority: .low),
            Tiny.request("N", window: week10, days: 5, priority: .normal),
        ], staff: 2)
        scenario.objective.unscheduledNormal = 150
        let instance = try Planner.makeInstance(scenario, PlanOptions())
        let result = GreedyPlanner.improve(instance, from: [10, 10, nil])
        #expect(result.placement == [10, 10, nil])
        scenario.objective.unscheduledNormal = 300
        let worthIt = GreedyPlanner.improve(try Planner.makeInstance(scenario, PlanOptions()), from: [10, 10, nil])
        #expect(worthIt.placement == [nil, nil, 10])
    }

    /// From random feasible placements (the start with sessions taken out from the end of their round
    /// chains), the result keeps every row and never costs more; insertions happen.
    @Test func ejectionKeepsEveryRuleAndNeverCostsMore() throws {
        var insertions = 0
        for seed in UInt64(9001)...UInt64(9300) {
            let scenario = RandomScenarios.make(seed: seed, maxSessions: 24, maxWindowWeeks: 8)
            let instance = try Planner.makeInstance(scenario, PlanOptions())
            let model = ModelBuilder.build(instance)
            var placement = GreedyPlanner.plan(instance)
            var generator = SeededGenerator(seed: seed)
            for chain in instance.roundChains {
                for index in chain.reversed() {
                    guard generator.next() % 2 == 0, instance.sessions[index].pinnedWeek == nil else { break }
                    placement[index] = nil
                }
            }
            let assembler = PlanAssembler(instance: instance)
            #expect(model.linear.violatedRows(model.solution(for: placement)).isEmpty, "seed \(seed): bad input")
            let result = GreedyPlanner.improve(instance, from: placement)
            let broken = model.linear.violatedRows(model.solution(for: result.placement))
            #expect(broken.isEmpty, "seed \(seed): \(broken.prefix(3))")
            #expect(assembler.objective(result.placement) <= assembler.objective(placement) + 1e-6, "seed \(seed)")
            insertions += result.insertions
        }
        #expect(insertions > 10, "\(insertions) insertions by ejection")
    }
}

/// The constructed start keeps every row of the model on random scenarios (the planner refuses to
/// hand GLPK a start that does not; on a generated province one did: a low-priority round 1 taken out
/// by the local search while its round 2 stayed).
@Suite struct GreedyStartTests {
    @Test func theStartKeepsEveryRow() throws {
        for seed in UInt64(5001)...UInt64(5400) {
            var scenario = RandomScenarios.make(seed: seed, maxSessions: 24, maxWindowWeeks: 8)
            // Weights near the visit cost, so the local search often finds leaving a session out cheaper.
            scenario.objective.unscheduledLow = [40, 60, 80][Int(seed % 3)]
            scenario.objective.unscheduledNormal = [60, 90, 1_000][Int(seed % 3)]
            let instance = try Planner.makeInstance(scenario, PlanOptions())
            let model = ModelBuilder.build(instance)
            let broken = model.linear.violatedRows(model.solution(for: GreedyPlanner.plan(instance)))
            #expect(broken.isEmpty, "seed \(seed): \(broken.prefix(3))")
        }
    }
}

/// Fix-and-optimize frees an unscheduled session together with the sessions of other regions that hold
/// its pool: here west's normal session must move a week for east's high one.
@Suite struct InsertionNeighbourhoodTests {
    @Test func aSessionOfAnotherRegionMakesRoom() throws {
        let scenario = Tiny.scenario(requests: [
            Tiny.request("N", window: Tiny.range((3, 3), (3, 14)), days: 5, regions: ["west"], priority: .normal),
            Tiny.request("H", window: Tiny.range((3, 3), (3, 7)), days: 5, regions: ["east"], priority: .high),
        ], staff: 2)
        let instance = try Planner.makeInstance(scenario, PlanOptions())
        #expect(instance.sessions.map(\.key.request) == ["N", "H"])
        let search = FixAndOptimize(instance: instance, model: ModelBuilder.build(instance))
        #expect(search.neighbourhoods([10, nil]).contains { Set($0) == [0, 1] })
        let improved = try search.improve([10, nil], deadline: Planner.monotonicSeconds() + 30,
                                          clock: Planner.monotonicSeconds, progress: nil)
        #expect(improved == [11, 10])
    }
}

/// Slim fix-and-optimize sub-models (held sessions that share only pools left out, their load held
/// back from capacity) solve to the same optimum as full ones, and their plans keep every rule.
@Suite struct SlimSubModelTests {
    @Test func slimAndFullSubModelsAgree() throws {
        var compared = 0
        var slimmer = 0
        for seed in UInt64(7001)...UInt64(7040) {
            let scenario = RandomScenarios.make(seed: seed, maxSessions: 24, maxWindowWeeks: 8)
            let instance = try Planner.makeInstance(scenario, PlanOptions())
            let model = ModelBuilder.build(instance)
            let start = GreedyPlanner.plan(instance)
            let assembler = PlanAssembler(instance: instance)
            let links = SessionLinks(instance)
            for neighbourhood in FixAndOptimize(instance: instance, model: model).neighbourhoods(start).prefix(6) {
                let free = Set(neighbourhood)
                let full = ModelBuilder.build(instance.restricted(freeing: free, around: start), tighten: false)
                let slimInstance = instance.slimRestricted(freeing: free, around: start, links: links)
                let slim = ModelBuilder.build(slimInstance, tighten: false)
                let fullValues = try #require(try GLPKBackend.solve(full.linear, start: full.solution(for: start),
                                                                    timeLimit: 20, gap: 0, progress: nil).values)
                let slimValues = try #require(try GLPKBackend.solve(slim.linear, start: slim.solution(for: start),
                                                                    timeLimit: 20, gap: 0, progress: nil).values)
                var merged = start
                let solved = slim.placement(from: slimValues)
                for index in slimInstance.sessions.indices where !slimInstance.sessions[index].candidates.isEmpty {
                    merged[index] = solved[index]
                }
                let expected = assembler.objective(full.placement(from: fullValues))
                #expect(abs(assembler.objective(merged) - expected) <= 1e-6 * max(1, expected), "seed \(seed)")
                #expect(model.linear.violatedRows(model.solution(for: merged)).isEmpty, "seed \(seed)")
                compared += 1
                if slim.linear.columns.count < full.linear.columns.count { slimmer += 1 }
            }
        }
        #expect(compared > 100)
        #expect(slimmer > compared / 4, "\(slimmer) of \(compared) slim sub-models were smaller")
    }
}
