import CGLPK
import CGLPKGuard
import Foundation

/// Options of the simplex solver.
public struct LPOptions: Sendable, Equatable {
    public enum Method: Sendable, Equatable { case primal, dual, dualThenPrimal }

    public var presolve: Bool
    public var method: Method
    public var messageLevel: MessageLevel
    /// Seconds; nil = no limit.
    public var timeLimit: Double?
    public var iterationLimit: Int?

    public init(presolve: Bool = true, method: Method = .primal, messageLevel: MessageLevel = .off,
                timeLimit: Double? = nil, iterationLimit: Int? = nil) {
        self.presolve = presolve
        self.method = method
        self.messageLevel = messageLevel
        self.timeLimit = timeLimit
        self.iterationLimit = iterationLimit
    }
}

/// What the simplex run established.
public enum LPStatus: Sendable, Equatable {
    case optimal
    /// A primal feasible basic solution that is not proven optimal.
    case feasible
    case infeasible
    /// No dual feasible solution: the LP is unbounded (or both primal and dual infeasible).
    case unbounded
    case timeLimit
    case iterationLimit
    case objectiveLimit
    /// GLPK finished without a defined status.
    case undefined
    case failed(code: Int32, message: String)
}

/// An LP solution. Arrays are empty unless the status carries a basic solution.
public struct LPResult: Sendable, Equatable {
    public var status: LPStatus
    public var objective: Double?
    /// Primal column values.
    public var values: [Double]
    /// Row activities (Σ a·x per row).
    public var rowActivities: [Double]
    /// Row duals (`glp_get_row_dual`).
    public var rowDuals: [Double]
    /// Column reduced costs (`glp_get_col_dual`).
    public var reducedCosts: [Double]
}

extension MessageLevel {
    var glpk: Int32 {
        switch self {
        case .off: return GLP_MSG_OFF
        case .errors: return GLP_MSG_ERR
        case .normal: return GLP_MSG_ON
        case .all: return GLP_MSG_ALL
        case .debug: return GLP_MSG_DBG
        }
    }
}

/// Seconds → GLPK's Int32 milliseconds (at least 1, clamped to Int32.max).
func milliseconds(_ seconds: Double, _ what: String) throws -> Int32 {
    guard seconds.isFinite, seconds > 0 else { throw GLPKError.invalidOption("\(what) must be a positive number of seconds") }
    let value = (seconds * 1000).rounded(.up)
    return value >= Double(Int32.max) ? Int32.max : max(1, Int32(value))
}

extension Problem {
    /// Solves the LP relaxation (integrality is ignored) with the simplex method.
    public func simplex(options: LPOptions = LPOptions()) throws -> LPResult {
        var parm = glp_smcp()
        glp_init_smcp(&parm)
        parm.msg_lev = options.messageLevel.glpk
        parm.presolve = options.presolve ? GLP_ON : GLP_OFF
        switch options.method {
        case .primal: parm.meth = GLP_PRIMAL
        case .dual: parm.meth = GLP_DUAL
        case .dualThenPrimal: parm.meth = GLP_DUALP
        }
        if let limit = options.timeLimit { parm.tm_lim = try milliseconds(limit, "timeLimit") }
        if let limit = options.iterationLimit {
            guard limit > 0 else { throw GLPKError.invalidOption("iterationLimit must be positive") }
            parm.it_lim = Int32(clamping: limit)
        }
        if !options.presolve {
            // What glpsol does before the simplex: scale the matrix, and start from an advanced
            // (triangular) basis unless a previous solve left a valid one (then it warm-starts).
            // Without them GLPK's LP on a 10⁴-row planning model took 40,000+ iterations instead of 8,000.
            try perform { pointer in
                glp_scale_prob(pointer, GLP_SF_AUTO)
                if glp_get_status(pointer) == GLP_UNDEF && glp_get_num_rows(pointer) > 0 {
                    glp_adv_basis(pointer, 0)
                }
            }
        }
        var code: Int32 = 0
        try guarded { jp_guarded_simplex($0, &parm, &code) }
        return try perform { pointer in
            let status = Self.lpStatus(code: code, glpStatus: glp_get_status(pointer))
            let hasSolution = status == .optimal || status == .feasible
                || (code != 0 && [GLP_FEAS, GLP_OPT].contains(glp_get_status(pointer)))
            guard hasSolution else {
                return LPResult(status: status, objective: nil, values: [], rowActivities: [], rowDuals: [], reducedCosts: [])
            }
            let columns = glp_get_num_cols(pointer)
            let rows = glp_get_num_rows(pointer)
            return LPResult(
                status: status,
                objective: glp_get_obj_val(pointer),
                values: columns == 0 ? [] : (1...columns).map { glp_get_col_prim(pointer, $0) },
                rowActivities: rows == 0 ? [] : (1...rows).map { glp_get_row_prim(pointer, $0) },
                rowDuals: rows == 0 ? [] : (1...rows).map { glp_get_row_dual(pointer, $0) },
                reducedCosts: columns == 0 ? [] : (1...columns).map { glp_get_col_dual(pointer, $0) })
        }
    }

    /// Maps glp_simplex's return code, then glp_get_status.
    static func lpStatus(code: Int32, glpStatus: Int32) -> LPStatus {
        switch code {
        case 0:
            switch glpStatus {
            case GLP_OPT: return .optimal
            case GLP_FEAS: return .feasible
            case GLP_NOFEAS: return .infeasible
            case GLP_UNBND: return .unbounded
            default: return .undefined // GLP_INFEAS, GLP_UNDEF
            }
        case GLP_ENOPFS: return .infeasible
        case GLP_ENODFS: return .unbounded
        case GLP_ETMLIM: return .timeLimit
        case GLP_EITLIM: return .iterationLimit
        case GLP_EOBJLL, GLP_EOBJUL: return .objectiveLimit
        case GLP_EBADB: return .failed(code: code, message: "invalid initial basis")
        case GLP_ESING: return .failed(code: code, message: "singular basis matrix")
        case GLP_ECOND: return .failed(code: code, message: "ill-conditioned basis matrix")
        case GLP_EBOUND: return .failed(code: code, message: "invalid bounds")
        case GLP_EFAIL: return .failed(code: code, message: "solver failure")
        default: return .failed(code: code, message: "unknown glp_simplex return code")
        }
    }
}
