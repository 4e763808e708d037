import CGLPK
import CGLPKGuard
import Foundation

/// A GLPK problem object (`glp_prob*`) with 0-based indices and Swift-side validation.
///
/// **Thread-bound.** GLPK's environment is thread-local: a problem must be created, modified,
/// solved, read and freed on one OS thread. `Problem` records its creating thread and
/// `precondition`s that every call happens there (use `withSolverThread` / `runOnSolverThread`
/// to get a dedicated thread). If the problem is released on another thread it is leaked
/// rather than freed, because freeing it there would abort the process.
///
/// **Fatal errors.** Calls that could hit a GLPK fatal error go through the C guard. If the guard
/// fires, GLPK's environment of this thread has been freed: that call throws `GLPKError.fatal`
/// and every later call on *any* problem of the thread throws `GLPKError.environmentReset`.
///
/// **Output.** GLPK's terminal output is captured into `log` while a call runs and never printed
/// unless `echoLog` is set (then it goes to stderr).
public final class Problem {
    var pointer: OpaquePointer?
    private let owner: pthread_t
    private let generation: UInt
    private let sink = LogSink()
    private var hookDepth = 0

    /// Lines GLPK printed during calls on this problem.
    public var log: [String] { sink.lines }

    /// When true, captured GLPK lines are also written to stderr.
    public var echoLog: Bool {
        get { sink.echo }
        set { sink.echo = newValue }
    }

    /// Creates an empty problem owned by the current thread.
    public init(name: String? = nil) throws {
        owner = pthread_self()
        generation = UInt(jp_env_generation())
        pointer = glp_create_prob()
        if let name {
            try Validate.name(name)
            glp_set_prob_name(pointer, name)
        }
    }

    deinit {
        guard let pointer, pthread_equal(owner, pthread_self()) != 0,
              UInt(jp_env_generation()) == generation else { return }
        glp_delete_prob(pointer)
    }

    /// Frees the GLPK problem now. Later calls throw `GLPKError.closed`. Calling it twice is harmless.
    public func close() {
        checkThread()
        if let pointer, UInt(jp_env_generation()) == generation { glp_delete_prob(pointer) }
        pointer = nil
        closed = true
    }

    private var closed = false

    // MARK: Access discipline

    private func checkThread() {
        precondition(pthread_equal(owner, pthread_self()) != 0,
                     "a GLPK Problem must only be used on the thread that created it")
    }

    /// Runs `body` with the live problem pointer and the log hook installed (outermost call only).
    func perform<T>(_ body: (OpaquePointer) throws -> T) throws -> T {
        checkThread()
        if closed { throw GLPKError.closed }
        guard let pointer, UInt(jp_env_generation()) == generation else {
            self.pointer = nil
            throw GLPKError.environmentReset
        }
        if hookDepth == 0 {
            glp_term_hook(termHook, Unmanaged.passUnretained(sink).toOpaque())
        }
        hookDepth += 1
        defer {
            hookDepth -= 1
            if hookDepth == 0 {
                sink.flush()
                // After a fatal error the environment is gone; do not create a new one here.
                if UInt(jp_env_generation()) == generation { glp_term_hook(nil, nil) }
            }
        }
        return try body(pointer)
    }

    /// Runs one `jp_guarded_*` C call; turns a fired guard into `GLPKError.fatal`.
    func guarded(_ call: (OpaquePointer) -> Int32) throws {
        try perform { pointer in
            if call(pointer) == JP_GUARD_FATAL {
                self.pointer = nil
                sink.flush()
                throw GLPKError.fatal(message: sink.recentMessage())
            }
        }
    }

    /// Calls a raw guarded C function (for tests and tools that must reach GLPK directly).
    /// `call` must be one of the `jp_guarded_*` functions of `CGLPKGuard`; it receives the
    /// `glp_prob*`. A fatal error comes back as `GLPKError.fatal`.
    public func rawGuardedCall(_ call: (OpaquePointer) -> Int32) throws {
        try guarded(call)
    }

    // MARK: Sizes and objective

    public var rowCount: Int { get throws { try perform { Int(glp_get_num_rows($0)) } } }
    public var columnCount: Int { get throws { try perform { Int(glp_get_num_cols($0)) } } }
    public var nonzeroCount: Int { get throws { try perform { Int(glp_get_num_nz($0)) } } }

    public var direction: Direction {
        get throws { try perform { glp_get_obj_dir($0) == GLP_MAX ? .maximize : .minimize } }
    }

    public func setDirection(_ direction: Direction) throws {
        try perform { glp_set_obj_dir($0, direction == .maximize ? GLP_MAX : GLP_MIN) }
    }

    /// The constant term of the objective (GLPK's column 0 coefficient).
    public var objectiveConstant: Double { get throws { try perform { glp_get_obj_coef($0, 0) } } }

    public func setObjectiveConstant(_ value: Double) throws {
        try Validate.finite(value, "objective constant")
        try guarded { jp_guarded_set_obj_coef($0, 0, value) }
    }

    public func setObjective(column: Int, coefficient: Double) throws {
        try Validate.index(column, count: columnCount, "column")
        try Validate.finite(coefficient, "objective coefficient of column \(column)")
        try guarded { jp_guarded_set_obj_coef($0, Int32(column + 1), coefficient) }
    }

    /// The kind of a column as GLPK stores it.
    public func kind(ofColumn column: Int) throws -> ColumnKind {
        try Validate.index(column, count: columnCount, "column")
        return try perform {
            switch glp_get_col_kind($0, Int32(column + 1)) {
            case GLP_BV: return .binary
            case GLP_IV: return .integer
            default: return .continuous
            }
        }
    }
}

/// Problems are thread-bound and must not cross threads.
@available(*, unavailable)
extension Problem: Sendable {}

/// Collects GLPK's output for one problem. Only touched on the problem's thread.
final class LogSink {
    var lines: [String] = []
    var partial = ""
    var echo = false

    func append(_ text: String) {
        partial += text
        while let newline = partial.firstIndex(of: "\n") {
            emit(String(partial[..<newline]))
            partial = String(partial[partial.index(after: newline)...])
        }
    }

    func flush() {
        if !partial.isEmpty {
            emit(partial)
            partial = ""
        }
    }

    private func emit(_ line: String) {
        lines.append(line)
        if echo { FileHandle.standardError.write(Data((line + "\n").utf8)) }
    }

    /// The last few lines, which hold GLPK's message after a fatal error.
    func recentMessage() -> String {
        lines.suffix(3).joined(separator: " | ")
    }
}

/// The term hook: non-capturing, so it converts to a C function pointer. Returning 1 stops GLPK
/// from printing the text itself.
private func termHook(_ info: UnsafeMutableRawPointer?, _ text: UnsafePointer<CChar>?) -> Int32 {
    guard let info, let text else { return 1 }
    Unmanaged<LogSink>.fromOpaque(info).takeUnretainedValue().append(String(cString: text))
    return 1
}
