import CGLPK
import CGLPKGuard
import Foundation

extension Problem {
    /// Solves the problem as a MIP with GLPK's branch-and-cut (`glp_intopt`).
    ///
    /// - Parameters:
    ///   - start: a starting solution, one value per column. It is checked in Swift (length,
    ///     finiteness, integrality, bounds and rows within 1e-6, because `glp_ios_heur_sol` does
    ///     not check feasibility) and offered to GLPK with `glp_ios_heur_sol` at the first
    ///     `GLP_IHEUR`. GLPK takes it only if it beats the current incumbent.
    ///   - progress: called at most every `options.progressInterval` seconds and whenever a node
    ///     yields a new integer solution; return `.stop` to end the search (the incumbent is kept).
    ///
    /// **Start and presolve.** With `presolve` on, `glp_intopt` runs branch-and-cut on a
    /// *transformed copy* of the problem, and inside the callback `glp_ios_heur_sol` reads `x[1..n]`
    /// in that copy's column numbering (`n` = the presolved column count; measured: a 12-column
    /// knapsack with one fixed column showed an 11-column tree problem that is not the original
    /// object). A start in the original numbering would be misread. So when a start is given,
    /// the LP relaxation is solved first with `glp_simplex` and `glp_intopt` runs with presolve off.
    /// The same happens whenever `presolve` is off, because `glp_intopt` then needs an optimal
    /// basis (`GLP_EROOT` otherwise).
    public func solveMIP(options: MIPOptions = MIPOptions(), start: [Double]? = nil,
                         progress: ((MIPProgress) -> MIPControl)? = nil) throws -> MIPResult {
        var parm = try options.controlParameters()
        let clock = DispatchTime.now().uptimeNanoseconds
        let elapsed = { Double(DispatchTime.now().uptimeNanoseconds - clock) / 1e9 }
        let columns = try columnCount
        let previousEcho = echoLog
        echoLog = options.echoLog || previousEcho
        defer { echoLog = previousEcho }

        // The start, 1-based for GLPK, or the reason it is not offered.
        var startArray: [Double]?
        var startNote: String?
        if let start {
            let checked = try checkStart(start, columns: columns)
            startArray = checked.values
            startNote = checked.note
        }

        if startArray != nil || !options.presolve {
            parm.presolve = GLP_OFF
            if let early = try solveRootRelaxation(options: options, parm: &parm, elapsed: elapsed) {
                return MIPResult(status: early, objective: nil, bestBound: nil, gap: nil, values: [], nodes: 0,
                                 seconds: elapsed(), startAccepted: start == nil ? nil : false, startNote: startNote)
            }
        }

        let search = MIPSearch(progress: progress, interval: options.progressInterval,
                               cancellation: options.cancellation ?? SolverThread.currentCancellation,
                               elapsed: elapsed)
        var code: Int32 = 0
        var callback = jp_mip_callback()
        callback.fn = mipProgressTrampoline
        try withExtendedLifetime(search) {
            callback.context = Unmanaged.passUnretained(search).toOpaque()
            let oneBased = startArray.map { [0] + $0 } ?? []
            try oneBased.withUnsafeBufferPointer { buffer in
                callback.start = startArray == nil ? nil : buffer.baseAddress
                try guarded { jp_guarded_intopt($0, &parm, &callback, &code) }
            }
        }
        return try perform { pointer in
            let mipStatus = glp_mip_status(pointer)
            let hasSolution = mipStatus == GLP_OPT || mipStatus == GLP_FEAS
            let status = Self.mipStatus(code: code, mipStatus: mipStatus, stopRequested: search.stopRequested)
            let objective = hasSolution ? glp_mip_obj_val(pointer) : nil
            var bound = search.lastBound
            if code == 0 && hasSolution { bound = objective } // tree exhausted: proven
            if case .infeasible = status { bound = nil }
            var gap: Double?
            if let objective, let bound {
                gap = code == 0 ? 0 : abs(objective - bound) / (abs(objective) + Double.ulpOfOne)
            }
            var values: [Double] = []
            if hasSolution && columns > 0 {
                values = (1...Int32(columns)).map { j in
                    let value = glp_mip_col_val(pointer, j)
                    return glp_get_col_kind(pointer, j) == GLP_CV ? value : value.rounded()
                }
            }
            var accepted: Bool?
            if start != nil {
                accepted = callback.start_offered != 0 && callback.start_result == 0
                if startNote == nil && callback.start_offered == 0 {
                    startNote = "GLPK never asked for a heuristic solution (GLP_IHEUR)"
                } else if startNote == nil && callback.start_result != 0 {
                    startNote = "GLPK already had an incumbent at least as good"
                }
            }
            return MIPResult(status: status, objective: objective, bestBound: bound, gap: gap, values: values,
                             nodes: search.totalNodes, seconds: elapsed(), startAccepted: accepted,
                             startNote: startNote)
        }
    }

    /// Solves the root LP for a presolve-off `glp_intopt`; returns a final status if the LP settles
    /// it (infeasible, unbounded, failed, out of time), nil to go on. Shortens the MIP time limit.
    private func solveRootRelaxation(options: MIPOptions, parm: inout glp_iocp,
                                     elapsed: () -> Double) throws -> MIPStatus? {
        var lpOptions = LPOptions(presolve: false, method: .primal, messageLevel: options.messageLevel)
        lpOptions.timeLimit = options.timeLimit
        let lp = try simplex(options: lpOptions)
        switch lp.status {
        case .optimal: break
        case .infeasible: return .infeasible
        case .unbounded: return .unbounded
        case .timeLimit: return .timeLimitNoSolution
        case let .failed(code, message): return .failed(code: code, message: "root LP: \(message)")
        default: return .failed(code: GLP_EROOT, message: "root LP relaxation not solved to optimality")
        }
        if let limit = options.timeLimit {
            let remaining = limit - elapsed()
            if remaining <= 0 { return .timeLimitNoSolution }
            parm.tm_lim = try milliseconds(remaining, "timeLimit")
        }
        return nil
    }

    /// Validates a start; returns it with integral columns rounded, or nil plus a note when it
    /// violates a bound or a row (GLPK would accept an infeasible start and report it as a solution).
    private func checkStart(_ start: [Double], columns: Int) throws -> (values: [Double]?, note: String?) {
        guard start.count == columns else {
            throw GLPKError.invalidStart("expected \(columns) values, one per column, got \(start.count)")
        }
        return try perform { pointer in
            var values = start
            for (index, value) in start.enumerated() {
                let j = Int32(index + 1)
                guard value.isFinite else { throw GLPKError.invalidStart("column \(index) is not finite") }
                if glp_get_col_kind(pointer, j) != GLP_CV {
                    guard abs(value - value.rounded()) <= 1e-6 else {
                        throw GLPKError.invalidStart("integer column \(index) has the fractional value \(value)")
                    }
                    values[index] = value.rounded()
                }
                if let note = Self.boundViolation(values[index], type: glp_get_col_type(pointer, j),
                                                  lower: glp_get_col_lb(pointer, j), upper: glp_get_col_ub(pointer, j)) {
                    return (nil, "column \(index) \(note)")
                }
            }
            let rows = glp_get_num_rows(pointer)
            var indices = [Int32](repeating: 0, count: columns + 1)
            var coefficients = [Double](repeating: 0, count: columns + 1)
            for i in stride(from: Int32(1), through: rows, by: 1) {
                let length = Int(glp_get_mat_row(pointer, i, &indices, &coefficients))
                var activity = 0.0
                for k in stride(from: 1, through: length, by: 1) {
                    activity += coefficients[k] * values[Int(indices[k]) - 1]
                }
                if let note = Self.boundViolation(activity, type: glp_get_row_type(pointer, i),
                                                  lower: glp_get_row_lb(pointer, i), upper: glp_get_row_ub(pointer, i)) {
                    return (nil, "row \(i - 1) activity \(note)")
                }
            }
            return (values, nil)
        }
    }

    private static func boundViolation(_ value: Double, type: Int32, lower: Double, upper: Double) -> String? {
        let hasLower = type == GLP_LO || type == GLP_DB || type == GLP_FX
        let hasUpper = type == GLP_UP || type == GLP_DB || type == GLP_FX
        if hasLower && value < lower - 1e-6 * max(1, abs(lower)) { return "\(value) is below its lower bound \(lower)" }
        if hasUpper && value > upper + 1e-6 * max(1, abs(upper)) { return "\(value) is above its upper bound \(upper)" }
        return nil
    }

    /// Maps glp_intopt's return code, then glp_mip_status.
    static func mipStatus(code: Int32, mipStatus: Int32, stopRequested: Bool) -> MIPStatus {
        let hasSolution = mipStatus == GLP_OPT || mipStatus == GLP_FEAS
        switch code {
        case 0:
            switch mipStatus {
            case GLP_OPT: return .optimal
            case GLP_FEAS: return .feasible
            case GLP_NOFEAS: return .infeasible
            default: return .failed(code: 0, message: "glp_intopt finished with an undefined MIP status")
            }
        case GLP_EMIPGAP: return hasSolution ? .optimal : .failed(code: code, message: "gap reached without solution")
        case GLP_ETMLIM: return hasSolution ? .timeLimitWithSolution : .timeLimitNoSolution
        case GLP_ESTOP: return hasSolution ? .stoppedWithSolution : .stoppedNoSolution
        case GLP_ENOPFS: return .infeasible
        case GLP_ENODFS: return .unbounded
        case GLP_EBOUND: return .failed(code: code, message: "invalid bounds")
        case GLP_EROOT: return .failed(code: code, message: "optimal root LP basis not provided")
        case GLP_EFAIL: return .failed(code: code, message: "solver failure")
        default: return .failed(code: code, message: "unknown glp_intopt return code")
        }
    }
}

/// Search state shared with the C callback through a context pointer. Lives on the solver thread.
final class MIPSearch {
    let progress: ((MIPProgress) -> MIPControl)?
    let interval: Double
    let cancellation: CancellationFlag?
    let elapsed: () -> Double
    var lastReport = 0.0
    var lastBound: Double?
    var totalNodes = 0
    var stopRequested = false

    init(progress: ((MIPProgress) -> MIPControl)?, interval: Double, cancellation: CancellationFlag?,
         elapsed: @escaping () -> Double) {
        self.progress = progress
        self.interval = interval
        self.cancellation = cancellation
        self.elapsed = elapsed
    }

    /// Returns true to make the C side call glp_ios_terminate. Never throws, never calls GLPK.
    func handle(_ snapshot: jp_progress) -> Bool {
        if snapshot.has_bound != 0 { lastBound = snapshot.bound }
        totalNodes = max(totalNodes, Int(snapshot.total_nodes))
        if stopRequested { return true }
        if cancellation?.isCancelled == true {
            stopRequested = true
            return true
        }
        guard let progress else { return false }
        let now = elapsed()
        let bingo = snapshot.reason == GLP_IBINGO
        guard bingo || now - lastReport >= interval else { return false }
        lastReport = now
        let report = MIPProgress(
            incumbent: snapshot.has_incumbent != 0 ? snapshot.incumbent : nil,
            bestBound: snapshot.has_bound != 0 ? snapshot.bound : lastBound,
            gap: snapshot.has_incumbent != 0 && snapshot.gap < Double.greatestFiniteMagnitude ? snapshot.gap : nil,
            activeNodes: Int(snapshot.active_nodes), totalNodes: Int(snapshot.total_nodes),
            elapsedSeconds: now, newIncumbent: bingo)
        if progress(report) == .stop {
            stopRequested = true
            return true
        }
        return false
    }
}

/// The C-callable progress function: non-capturing; the state comes through `context`.
private func mipProgressTrampoline(_ snapshot: UnsafePointer<jp_progress>?, _ context: UnsafeMutableRawPointer?) -> Int32 {
    guard let snapshot, let context else { return 0 }
    return Unmanaged<MIPSearch>.fromOpaque(context).takeUnretainedValue().handle(snapshot.pointee) ? 1 : 0
}
