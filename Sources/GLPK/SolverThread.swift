import CGLPKGuard
import Foundation

/// A thread-safe stop flag that reaches a running MIP search (checked in its callback).
public final class CancellationFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false

    public init() {}

    public func cancel() {
        lock.lock()
        cancelled = true
        lock.unlock()
    }

    public var isCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return cancelled
    }
}

/// Dedicated OS threads for GLPK work. GLPK's environment is thread-local and a problem belongs to
/// the thread that created it; the body creates, solves and drops its problems, and the thread
/// ends with `glp_free_env()`. Only plain Swift values cross threads.
public enum SolverThread {
    static let cancellationKey = "jointplan.glpk.cancellation"

    /// The cancellation flag of the solver thread the caller runs on, if any.
    public static var currentCancellation: CancellationFlag? {
        Thread.current.threadDictionary[cancellationKey] as? CancellationFlag
    }

    static func start(cancellation: CancellationFlag, _ work: @Sendable @escaping () -> Void) {
        let thread = Thread {
            Thread.current.threadDictionary[cancellationKey] = cancellation
            work()
            Thread.current.threadDictionary.removeObject(forKey: cancellationKey)
            jp_free_env()
        }
        thread.name = "glpk-solver"
        thread.stackSize = 16 << 20
        thread.start()
    }
}

/// Runs `body` on a new dedicated solver thread and waits for it (blocking the caller).
public func runOnSolverThread<T: Sendable>(cancellation: CancellationFlag = CancellationFlag(),
                                           _ body: @Sendable @escaping () throws -> T) throws -> T {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    SolverThread.start(cancellation: cancellation) {
        box.result = Result { try body() }
        done.signal()
    }
    done.wait()
    return try box.result!.get()
}

/// Runs `body` on a new dedicated solver thread without blocking the task. Cancelling the task sets
/// the thread's cancellation flag, which a running `solveMIP` turns into `glp_ios_terminate`
/// (the result then reports `.stoppedWithSolution` / `.stoppedNoSolution`).
public func withSolverThread<T: Sendable>(_ body: @Sendable @escaping () throws -> T) async throws -> T {
    let flag = CancellationFlag()
    return try await withTaskCancellationHandler {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, Error>) in
            SolverThread.start(cancellation: flag) {
                continuation.resume(with: Result { try body() })
            }
        }
    } onCancel: {
        flag.cancel()
    }
}

/// Hands a result from the solver thread to the waiting one (ordered by the semaphore).
private final class ResultBox<T>: @unchecked Sendable {
    var result: Result<T, Error>?
}

/// Work running on its own solver thread while the caller goes on (the machine's second core):
/// `wait()` blocks until it is done and returns its result, as often as asked.
public final class SolverJob<T: Sendable>: @unchecked Sendable {
    private let box = ResultBox<T>()
    private let done = DispatchSemaphore(value: 0)

    public init(cancellation: CancellationFlag = CancellationFlag(), _ body: @Sendable @escaping () throws -> T) {
        let box = self.box
        let done = self.done
        SolverThread.start(cancellation: cancellation) {
            box.result = Result { try body() }
            done.signal()
        }
    }

    public func wait() throws -> T {
        done.wait()
        done.signal()  // later waits return at once
        return try box.result!.get()
    }
}
