/// Everything the GLPK wrapper can refuse or fail with.
///
/// Inputs are validated in Swift before any C call, so most cases name the offending input.
/// A solver *status* (optimal, stopped at the time limit, infeasible) is data on the result,
/// never an error.
public enum GLPKError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A row or column name is empty, longer than 255 bytes, or contains spaces or control characters.
    case invalidName(name: String, reason: String)
    /// A value that must be finite is NaN or infinite; `what` says where it was found.
    case nonFiniteValue(what: String)
    /// A lower bound is above the upper bound (after rounding integer bounds inward).
    case invalidBounds(what: String, lower: Double, upper: Double)
    /// A 0-based row or column index is outside `0..<count`.
    case indexOutOfRange(what: String, index: Int, count: Int)
    /// The same (row, column) entry was given twice.
    case duplicateEntry(row: Int, column: Int)
    /// A solver option is out of its valid range.
    case invalidOption(String)
    /// The starting solution has the wrong length or non-finite values.
    case invalidStart(String)
    /// A path GLPK must not be given (a device, a pipe, a directory, a missing file to read).
    case invalidPath(path: String, reason: String)
    /// GLPK could not read or write a file.
    case fileError(path: String, message: String)
    /// GLPK hit a fatal error during this call; the guard freed the thread's GLPK environment.
    case fatal(message: String)
    /// An earlier fatal error freed this thread's GLPK environment; this problem no longer exists.
    case environmentReset
    /// The problem was closed with `close()`.
    case closed
    /// The linked GLPK is older than 4.65.
    case unsupportedVersion(String)

    public var description: String {
        switch self {
        case let .invalidName(name, reason):
            return "invalid GLPK name \(String(reflecting: name)): \(reason)"
        case let .nonFiniteValue(what):
            return "\(what) must be a finite number"
        case let .invalidBounds(what, lower, upper):
            return "\(what): lower bound \(lower) is above upper bound \(upper)"
        case let .indexOutOfRange(what, index, count):
            return "\(what) index \(index) is out of range 0..<\(count)"
        case let .duplicateEntry(row, column):
            return "matrix entry (row \(row), column \(column)) is given more than once"
        case let .invalidOption(message):
            return "invalid solver option: \(message)"
        case let .invalidStart(message):
            return "invalid starting solution: \(message)"
        case let .invalidPath(path, reason):
            return "refusing path \(path): \(reason)"
        case let .fileError(path, message):
            return "GLPK could not process \(path): \(message)"
        case let .fatal(message):
            return "GLPK fatal error (the thread's GLPK environment was reset): \(message)"
        case .environmentReset:
            return "this problem was freed when a GLPK fatal error reset the thread's environment"
        case .closed:
            return "this problem has been closed"
        case let .unsupportedVersion(version):
            return "GLPK \(version) is too old; 4.65 or newer (5.x preferred) is required"
        }
    }
}
