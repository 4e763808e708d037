import CGLPK

/// Options of the branch-and-cut solver. The defaults fix `glp_init_iocp`'s traps: presolve on,
/// MIR cuts on, quiet, relative gap 1e-4.
public struct MIPOptions: Sendable {
    public enum Branching: Sendable, Equatable {
        case firstFractional, lastFractional, mostFractional, driebeckTomlin, hybridPseudoCost
    }

    public enum Backtracking: Sendable, Equatable {
        case depthFirst, breadthFirst, bestLocalBound, bestProjection
    }

    public struct Cuts: Sendable, Equatable {
        public var mir: Bool
        public var gomory: Bool
        public var cover: Bool
        public var clique: Bool

        public init(mir: Bool = true, gomory: Bool = false, cover: Bool = false, clique: Bool = false) {
            self.mir = mir
            self.gomory = gomory
            self.cover = cover
            self.clique = clique
        }

        public static let none = Cuts(mir: false)
    }

    /// Seconds; nil = no limit. GLPK can overshoot on large models.
    public var timeLimit: Double?
    /// Stop when (|incumbent − bound|) / (|incumbent| + ε) ≤ relativeGap.
    public var relativeGap: Double
    /// GLPK's MIP presolver. Ignored (off) when a starting solution is given: see `solveMIP`.
    public var presolve: Bool
    public var cuts: Cuts
    public var feasibilityPump: Bool
    /// Proximity search runs at the root, ignores the time limit and makes no callbacks, so its own
    /// limit is capped at half the time limit.
    public var proximitySearch: Bool
    /// Proximity search's own limit in seconds (GLPK's default is 60).
    public var proximityTimeLimit: Double?
    public var messageLevel: MessageLevel
    public var branching: Branching?
    public var backtracking: Backtracking?
    /// Also write GLPK's captured output to stderr.
    public var echoLog: Bool
    /// Minimum seconds between two calls of the progress closure (GLP_IBINGO always reports).
    public var progressInterval: Double
    /// A flag that stops the search when set; defaults to the solver thread's cancellation flag.
    public var cancellation: CancellationFlag?

    public init(timeLimit: Double? = nil, relativeGap: Double = 1e-4, presolve: Bool = true,
                cuts: Cuts = Cuts(), feasibilityPump: Bool = false, proximitySearch: Bool = false,
                proximityTimeLimit: Double? = nil, messageLevel: MessageLevel = .off,
                branching: Branching? = nil, backtracking: Backtracking? = nil, echoLog: Bool = false,
                progressInterval: Double = 0.25, cancellation: CancellationFlag? = nil) {
        self.timeLimit = timeLimit
        self.relativeGap = relativeGap
        self.presolve = presolve
        self.cuts = cuts
        self.feasibilityPump = feasibilityPump
        self.proximitySearch = proximitySearch
        self.proximityTimeLimit = proximityTimeLimit
        self.messageLevel = messageLevel
        self.branching = branching
        self.backtracking = backtracking
        self.echoLog = echoLog
        self.progressInterval = progressInterval
        self.cancellation = cancellation
    }

    /// GLPK's control parameters, validated (invalid ones are fatal errors in GLPK).
    func controlParameters() throws -> glp_iocp {
        var parm = glp_iocp()
        glp_init_iocp(&parm)
        parm.msg_lev = messageLevel.glpk
        if let timeLimit { parm.tm_lim = try milliseconds(timeLimit, "timeLimit") }
        guard relativeGap.isFinite, relativeGap >= 0 else {
            throw GLPKError.invalidOption("relativeGap must be a finite number ≥ 0")
        }
        parm.mip_gap = relativeGap
        parm.presolve = presolve ? GLP_ON : GLP_OFF
        parm.mir_cuts = cuts.mir ? GLP_ON : GLP_OFF
        parm.gmi_cuts = cuts.gomory ? GLP_ON : GLP_OFF
        parm.cov_cuts = cuts.cover ? GLP_ON : GLP_OFF
        parm.clq_cuts = cuts.clique ? GLP_ON : GLP_OFF
        parm.fp_heur = feasibilityPump ? GLP_ON : GLP_OFF
        parm.ps_heur = proximitySearch ? GLP_ON : GLP_OFF
        if proximitySearch {
            var limit: Int32 = try proximityTimeLimit.map { try milliseconds($0, "proximityTimeLimit") } ?? 60_000
            if timeLimit != nil { limit = min(limit, max(1, parm.tm_lim / 2)) }
            parm.ps_tm_lim = limit
        }
        guard progressInterval.isFinite, progressInterval >= 0 else {
            throw GLPKError.invalidOption("progressInterval must be a finite number ≥ 0")
        }
        switch branching {
        case nil: break
        case .firstFractional?: parm.br_tech = GLP_BR_FFV
        case .lastFractional?: parm.br_tech = GLP_BR_LFV
        case .mostFractional?: parm.br_tech = GLP_BR_MFV
        case .driebeckTomlin?: parm.br_tech = GLP_BR_DTH
        case .hybridPseudoCost?: parm.br_tech = GLP_BR_PCH
        }
        switch backtracking {
        case nil: break
        case .depthFirst?: parm.bt_tech = GLP_BT_DFS
        case .breadthFirst?: parm.bt_tech = GLP_BT_BFS
        case .bestLocalBound?: parm.bt_tech = GLP_BT_BLB
        case .bestProjection?: parm.bt_tech = GLP_BT_BPH
        }
        return parm
    }
}

/// A snapshot of the search, handed to the progress closure.
public struct MIPProgress: Sendable, Equatable {
    public var incumbent: Double?
    public var bestBound: Double?
    /// Relative gap as GLPK computes it; nil without an incumbent.
    public var gap: Double?
    public var activeNodes: Int
    public var totalNodes: Int
    public var elapsedSeconds: Double
    /// True when this report was triggered by a new integer solution found at a node (GLP_IBINGO).
    public var newIncumbent: Bool
}

/// What the progress closure asks for.
public enum MIPControl: Sendable, Equatable {
    case `continue`
    case stop
}

/// How the branch-and-cut run ended.
public enum MIPStatus: Sendable, Equatable {
    /// Proven optimal, or within the relative gap tolerance (then `gap` says how close).
    case optimal
    /// A solution without a proof and without a limit or stop to explain it.
    case feasible
    case timeLimitWithSolution
    case timeLimitNoSolution
    /// Stopped by the progress closure or by cancellation.
    case stoppedWithSolution
    case stoppedNoSolution
    case infeasible
    /// The LP relaxation has no dual feasible solution (unbounded, or primal-dual infeasible).
    case unbounded
    case failed(code: Int32, message: String)

    public var hasSolution: Bool {
        switch self {
        case .optimal, .feasible, .timeLimitWithSolution, .stoppedWithSolution: return true
        default: return false
        }
    }
}

/// The outcome of `solveMIP`.
public struct MIPResult: Sendable, Equatable {
    public var status: MIPStatus
    public var objective: Double?
    /// The last best bound seen during the search (GLPK has no API to read it afterwards), or the
    /// objective when the tree was exhausted.
    public var bestBound: Double?
    public var gap: Double?
    /// Column values, integral columns rounded; empty without a solution.
    public var values: [Double]
    /// Total nodes created by the search (last value seen).
    public var nodes: Int
    public var seconds: Double
    /// nil without a start; true when GLPK took the start as its incumbent.
    public var startAccepted: Bool?
    /// Why the start was not taken, when known.
    public var startNote: String?

    public var hasSolution: Bool { status.hasSolution }
}
