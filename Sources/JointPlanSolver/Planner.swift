import GLPK
import JointPlanCore

/// What `plan` may be told (§7).
public struct PlanOptions: Sendable {
    /// Seconds the search may take (default 60); the shortfall analysis gets what is left, at least 5 s.
    public var timeLimit: Double
    /// Relative gap under which the plan counts as optimal (default 0.0001).
    public var gap: Double
    /// Sessions frozen by a reference plan (H7).
    public var pinned: [PinnedSession]
    /// Weeks of the reference plan, for the `move` cost.
    public var referenceWeeks: [SessionKey: Int]
    /// `--freeze-until`: sessions that are not pinned start on or after it (`PlanningInstance.earliestStart`).
    public var freezeUntil: CivilDate?
    /// Echo GLPK's own log to stderr (for diagnosing solver behaviour).
    public var echoSolverLog = false
    /// Models with at most this many binaries go to GLPK whole; larger ones are decomposed.
    public var exactBinaryLimit = 4_000
    /// Decomposed runs: branch-and-cut nodes on the whole model after fix-and-optimize, for the bound
    /// (0 = none). A node count rather than seconds keeps the plan reproducible.
    public var boundNodeLimit = 2
    /// ... and only for models with at most this many rows (larger ones spend the time limit on the LP).
    public var boundPhaseRowLimit = 30_000
    /// Branch-and-cut nodes per unit of the regional bound (RegionalBound; 0: the units' LPs only).
    public var regionalNodeLimit = 1_000
    /// Sessions per coarse unit of the regional bound (`RegionalBound.coarseBounds`), solved by LP when the
    /// whole model's LP is not.
    public var coarseUnitLimit = 400
    /// Models with at most this many rows get their whole LP relaxation solved for the bound; larger ones
    /// the regional bound (the whole LP of a 200,000-row model does not finish in a minute).
    public var wholeLPRowLimit = 60_000
    /// ... solved before the regional units' LPs when the time limit gives at least a second per this many
    /// rows (GLPK's simplex: 4 s on Wuwei's 24,500 rows, 40–50 s on generated S's 42,000 before the weeks too
    /// small for a session lost their columns); else after them.
    public var wholeLPFirstRowsPerSecond = 850.0
    /// Language of the reasons written into the plan (`unscheduled[].reasons`, `unsavable`).
    public var language: ReasonLanguage = .zh

    public init(timeLimit: Double = 60, gap: Double = 0.0001, pinned: [PinnedSession] = [],
                referenceWeeks: [SessionKey: Int] = [:], freezeUntil: CivilDate? = nil) {
        self.timeLimit = timeLimit
        self.gap = gap
        self.pinned = pinned
        self.referenceWeeks = referenceWeeks
        self.freezeUntil = freezeUntil
    }
}

/// A progress report during a solve.
public struct SolveProgress: Sendable {
    public var phase: String
    public var incumbent: Double?
    public var bound: Double?
    public var gap: Double?
    /// Seconds since the run started (`Planner.plan` sets it on every report, whatever phase sent it).
    public var elapsed: Double
}

/// The result of a plan run.
public struct PlanOutcome: Sendable {
    public var document: PlanDocument
    /// The objective of the constructed start.
    public var greedyObjective: Double
    /// GLPK's captured log.
    public var solverLog: [String]
}

public enum PlannerError: Error, CustomStringConvertible {
    case calendar(String)
    case solver(String)

    public var description: String {
        switch self {
        case .calendar(let message): return "calendar: \(message)"
        case .solver(let message): return "solver: \(message)"
        }
    }
}

/// From a valid scenario to the plan: build the model, construct a start, let GLPK improve it,
/// decode. The scenario must have passed validation (the loader guarantees it).
public enum Planner {
    public static func plan(scenario: Scenario, digest: String, options: PlanOptions = PlanOptions(),
                            clock: @escaping () -> Double = monotonicSeconds,
                            progress: ((SolveProgress) -> Bool)? = nil) throws -> PlanOutcome {
        let started = clock()
        // Every phase's reports carry the seconds since this run started (GLPK counts from its own call).
        let progress = progress.map { report in
            { (update: SolveProgress) -> Bool in
                var update = update
                update.elapsed = clock() - started
                return report(update)
            }
        }
        let instance = try makeInstance(scenario, options)
        let model = ModelBuilder.build(instance)
        let assembler = PlanAssembler(instance: instance)

        let greedy = GreedyPlanner.plan(instance)
        let greedyObjective = assembler.objective(greedy)
        let start = model.solution(for: greedy)
        let broken = model.linear.violatedRows(start)
        guard broken.isEmpty else {
            throw PlannerError.solver("internal: the constructed start breaks rows \(broken.prefix(5).joined(separator: ", "))")
        }

        // Strategy by size: the whole model in one branch-and-cut while GLPK copes with it; above that,
        // fix-and-optimize over requests and region × 13-week windows, with the LP relaxation of the whole
        // model as the (deterministic) bound.
        let binaries = model.linear.columns.filter { $0.kind == .binary }.count
        // The relaxations, on the second core while the search runs: the whole LP (its optimum bounds the
        // search, its duals price capacity; on a large model it can take most of the budget and stops at
        // the time limit) and the regional bound (RegionalBound: groups of regions solved alone, summed),
        // which stands for models too big for the whole LP.
        let linear = model.linear
        let relaxationDeadline = started + options.timeLimit
        let wholeLP = linear.rows.count <= options.wholeLPRowLimit
        let wholeLPFirst = Self.wholeLPFirst(rows: linear.rows.count, options: options)
        // Cancelled when the exact path proves its plan optimal before the units' branch-and-cut is done.
        let unitsNotNeeded = CancellationFlag()
        let relaxationJob = SolverJob(cancellation: unitsNotNeeded) { () throws -> Relaxation in
            var regionalBound = RegionalBound(instance: instance,
                                              unitLimit: min(60, max(20, instance.sessions.count / 4)))
            // The whole LP first where it is solved in the time: on a city it is the bound that counts, and on
            // generated S (42,000 rows) it takes 40–50 s beside the search, too close to the limit to wait
            // behind the units' LPs (5 s). Elsewhere the units' LPs first, so there is a bound whatever
            // becomes of the whole LP: the fallback of a province, and of a short time limit (generated S
            // at 20 s had a bound of 0 when its whole LP ran first and did not finish).
            var result: LPResult?
            var units: [Double]?
            if !wholeLPFirst {
                units = try regionalBound.unitBounds(deadline: relaxationDeadline, clock: monotonicSeconds)
            }
            // Going first, the whole LP stops early enough to leave the units' LPs their time: when it does not
            // finish (a busy or slower machine: generated S beside a second solver had a bound of 0), their
            // sum is the bound.
            let lpDeadline = relaxationDeadline - (wholeLPFirst ? Self.unitLPReserve(rows: linear.rows.count,
                                                                                      options: options) : 0)
            if wholeLP, lpDeadline - monotonicSeconds() > 0.1 {
                result = try GLPKBackend.relaxation(linear, timeLimit: max(0.1, lpDeadline - monotonicSeconds()))
            }
            if units == nil, result?.lpBound == nil {
                units = try regionalBound.unitBounds(deadline: relaxationDeadline, clock: monotonicSeconds)
            }
            // Without the whole LP, the units joined again into coarse ones (whole counties), each by its LP:
            // on a city planned down to townships they recover what cutting the county pools lost. Half the
            // time left at most: the units' branch-and-cut below is where a province's bound comes from.
            var coarse: [RegionalBound.CoarseUnit] = []
            if result?.lpBound == nil, units != nil, options.coarseUnitLimit > regionalBound.unitLimit {
                let now = monotonicSeconds()
                coarse = try regionalBound.coarseBounds(limit: options.coarseUnitLimit, start: greedy,
                                                        deadline: now + (relaxationDeadline - now) / 2,
                                                        clock: monotonicSeconds)
            }
            let relaxed = [units.map { RegionalBound.total($0, coarse: coarse) }, result?.lpBound].compactMap { $0 }.max()
            // Then, with the time left, the units again, small ones by branch-and-cut (each unit's bound is
            // the better of its LP and its branch-and-cut): on Wuwei the four counties, solved exactly in
            // about 11 s, lift the bound from 7,931.9 to 7,971.0.
            if options.regionalNodeLimit > 0 {
                regionalBound.nodeLimit = options.regionalNodeLimit
                units = try regionalBound.unitBounds(start: greedy, lpBounds: units, deadline: relaxationDeadline,
                                                     clock: monotonicSeconds) ?? units
            }
            return Relaxation(lp: result, relaxedBound: relaxed,
                              bound: [units.map { RegionalBound.total($0, coarse: coarse) }, result?.lpBound]
                                .compactMap { $0 }.max())
        }
        var placement = greedy
        var objective = greedyObjective
        var improvedBySolver = false
        var bound = 0.0
        var log: [String] = []
        if binaries <= options.exactBinaryLimit {
            let outcome = try GLPKBackend.solve(model.linear, start: start,
                                                timeLimit: max(0.5, options.timeLimit - (clock() - started)),
                                                gap: options.gap, echoLog: options.echoSolverLog, progress: progress)
            log = outcome.log
            if let values = outcome.values {
                let candidate = model.placement(from: values)
                let value = assembler.objective(candidate)
                if value < greedyObjective - 1e-7 {
                    placement = candidate
                    objective = value
                    improvedBySolver = true
                }
            }
            // A proven plan does not wait for the units' branch-and-cut, nor uses what part of it finished
            // (that depends on timing; the LP bounds do not).
            if outcome.provenOptimal {
                unitsNotNeeded.cancel()
            } else {
                _ = progress?(SolveProgress(phase: "bound", incumbent: outcome.objective, bound: outcome.bound, gap: nil,
                                            elapsed: 0))
            }
            let relaxation = try relaxationJob.wait()
            let lpBound = outcome.provenOptimal ? relaxation.relaxedBound : relaxation.bound
            // Every term of the objective is non-negative, so 0 is always a valid bound. GLPK's bound is the
            // objective when the tree was exhausted, else its last best bound (also when it stopped at the
            // gap tolerance: the incumbent is not proven then).
            bound = max(0, outcome.bound ?? 0, lpBound ?? 0)
        } else {
            let deadline = started + options.timeLimit
            let search = FixAndOptimize(instance: instance, model: model)
            var improved = try search.improve(greedy, deadline: deadline, clock: clock, progress: progress)
            // The bound's branch-and-cut on the second core may still run for a while: say so.
            _ = progress?(SolveProgress(phase: "bound", incumbent: assembler.objective(improved), bound: nil, gap: nil,
                                        elapsed: 0))
            let relaxation = try relaxationJob.wait()
            let lpBound = relaxation.lp?.lpBound
            bound = max(0, relaxation.bound ?? 0, assembler.separableBound())
            // The rest of the time goes to branch-and-cut on the whole model from that plan: its root cuts
            // and first nodes raise the bound (and now and then find a better plan). A node limit, not the
            // clock, ends it, and whether it runs depends on the model's size only, so the same input gives
            // the same plan and bound on a busy machine too. (Its root LP costs about what the relaxation
            // did: 4 s on Wuwei's 24,500 rows, 35 s on a 42,000-row generated city.)
            let remaining = deadline - clock()
            if options.boundNodeLimit > 0, lpBound != nil, model.linear.rows.count <= options.boundPhaseRowLimit,
               remaining >= 1 {
                let outcome = try GLPKBackend.solve(model.linear, start: model.solution(for: improved),
                                                    timeLimit: remaining, gap: options.gap, echoLog: options.echoSolverLog,
                                                    nodeLimit: options.boundNodeLimit,
                                                    cuts: MIPOptions.Cuts(mir: true, gomory: true, cover: true, clique: true),
                                                    progress: progress)
                log = outcome.log
                if let solverBound = outcome.bound { bound = max(bound, solverBound) }
                if let values = outcome.values {
                    let candidate = model.placement(from: values)
                    if assembler.objective(candidate) < assembler.objective(improved) - 1e-7 { improved = candidate }
                }
            }
            let value = assembler.objective(improved)
            if value < greedyObjective - 1e-7 {
                placement = improved
                objective = value
                improvedBySolver = true
            }
        }
        bound = min(bound, objective)
        let gap = (objective - bound) / max(1, abs(objective))
        // GLPK's bound and the recomputed objective differ in the last digits even when the tree is
        // exhausted (209.39999999907 against 209.4); a relative gap below 1e-9 is rounding, not a gap.
        let status = gap <= options.gap + 1e-9 ? "optimal" : (improvedBySolver ? "feasible" : "heuristic")

        let reasons = UnscheduledReasons(instance: instance, placement: placement, language: options.language)
        let summary = SolverSummary(
            engine: GLPKBackend.engine, status: status, objective: objective, bound: bound, gap: gap,
            seconds: clock() - started, rows: model.linear.rows.count, columns: model.linear.columns.count,
            nonzeros: model.linear.nonzeroCount)
        var document = assembler.document(placement: placement, solver: summary, digest: digest,
                                          reasons: reasons.reasons(for:))
        try PlanAnalysis.complete(&document, instance: instance, model: model, placement: placement,
                                  relaxation: try relaxationJob.wait().lp, options: options,
                                  elapsed: clock() - started)
        return PlanOutcome(document: document, greedyObjective: greedyObjective, solverLog: log)
    }

    /// Whether the whole LP runs before the regional units' LPs (see `PlanOptions.wholeLPFirstRowsPerSecond`).
    static func wholeLPFirst(rows: Int, options: PlanOptions) -> Bool {
        rows <= options.wholeLPRowLimit && Double(rows) <= options.timeLimit * options.wholeLPFirstRowsPerSecond
    }

    /// Seconds a whole LP that goes first leaves for the units' LPs, should it not finish: a tenth of its
    /// expected time (the units' LPs took 5 s on generated S, whose whole LP takes 40–50 s).
    static func unitLPReserve(rows: Int, options: PlanOptions) -> Double {
        Double(rows) / options.wholeLPFirstRowsPerSecond / 10
    }

    /// Writes the MILP of `scenario` as CPLEX LP or free MPS, for other solvers.
    public static func exportModel(scenario: Scenario, lp: Bool, to path: String,
                                   options: PlanOptions = PlanOptions()) throws {
        let model = ModelBuilder.build(try makeInstance(scenario, options))
        try GLPKBackend.export(model.linear, format: lp ? .lp : .mps, to: path)
    }

    static func makeInstance(_ scenario: Scenario, _ options: PlanOptions) throws -> PlanningInstance {
        let calendar: PlanCalendar
        do {
            calendar = try PlanCalendar(year: scenario.year, spec: scenario.calendar)
        } catch {
            throw PlannerError.calendar("\(error)")
        }
        return PlanningInstance(scenario: scenario, calendar: calendar, pinned: options.pinned,
                                referenceWeeks: options.referenceWeeks, earliestStart: options.freezeUntil)
    }

    /// Seconds from an arbitrary origin, monotonic.
    public static func monotonicSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the second core computed: the whole model's LP when it was solved (its duals price capacity),
/// the best bound of the LPs (whole and regional), and the best bound with the units' branch-and-cut.
private struct Relaxation: Sendable {
    var lp: LPResult?
    var relaxedBound: Double?
    var bound: Double?
}

private extension LPResult {
    /// The optimum when the simplex finished, else nothing to bound with.
    var lpBound: Double? { status == .optimal ? objective : nil }
}
