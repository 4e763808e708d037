import CGLPK
import CGLPKGuard
import Foundation

/// Writing and reading models in CPLEX LP and free MPS format.
///
/// GLPK is only ever given a path that is a regular file or does not exist yet: handing it a
/// device such as /dev/null (as root) replaced the device with a regular file (GLPK-NOTES.md).
/// Callers that want to write to a pipe or a device must write a regular file and copy it.
///
/// Measured round-trip losses of GLPK's formats: the LP writer keeps the objective sense but writes
/// the objective constant only as a comment (it reads back as 0); free MPS keeps the constant but has
/// no objective sense (it reads back as minimize). Names with spaces or brackets are rewritten.
extension Problem {
    public func writeLP(to path: String) throws {
        try Self.checkPath(path, forReading: false)
        var code: Int32 = 0
        try guarded { pointer in path.withCString { jp_guarded_write_lp(pointer, $0, &code) } }
        if code != 0 { throw GLPKError.fileError(path: path, message: lastLogLine ?? "glp_write_lp failed") }
    }

    /// Writes free (modern) MPS; glpsol reads it with `--freemps`.
    public func writeMPS(to path: String) throws {
        try Self.checkPath(path, forReading: false)
        var code: Int32 = 0
        try guarded { pointer in path.withCString { jp_guarded_write_mps(pointer, $0, &code) } }
        if code != 0 { throw GLPKError.fileError(path: path, message: lastLogLine ?? "glp_write_mps failed") }
    }

    /// Reads a CPLEX LP file into a new problem owned by the current thread.
    public static func readLP(path: String) throws -> Problem {
        try checkPath(path, forReading: true)
        let problem = try Problem()
        var code: Int32 = 0
        try problem.guarded { pointer in path.withCString { jp_guarded_read_lp(pointer, $0, &code) } }
        if code != 0 { throw GLPKError.fileError(path: path, message: problem.lastLogLine ?? "glp_read_lp failed") }
        return problem
    }

    /// Reads a free MPS file into a new problem owned by the current thread.
    public static func readMPS(path: String) throws -> Problem {
        try checkPath(path, forReading: true)
        let problem = try Problem()
        var code: Int32 = 0
        try problem.guarded { pointer in path.withCString { jp_guarded_read_mps(pointer, $0, &code) } }
        if code != 0 { throw GLPKError.fileError(path: path, message: problem.lastLogLine ?? "glp_read_mps failed") }
        return problem
    }

    private var lastLogLine: String? { log.last }

    /// Accepts a regular file (following symlinks), or for writing a path that does not exist yet.
    static func checkPath(_ path: String, forReading: Bool) throws {
        guard !path.isEmpty else { throw GLPKError.invalidPath(path: path, reason: "the path is empty") }
        guard !path.utf8.contains(0) else { throw GLPKError.invalidPath(path: path, reason: "the path contains a NUL byte") }
        var info = stat()
        if stat(path, &info) == 0 {
            if (info.st_mode & S_IFMT) != S_IFREG {
                throw GLPKError.invalidPath(path: path, reason: "not a regular file (devices, pipes and directories are refused)")
            }
            return
        }
        let error = errno
        if error == ENOENT && !forReading { return }
        throw GLPKError.invalidPath(path: path, reason: String(cString: strerror(error)))
    }
}
