import JointPlanSolver

/// The progress line of long solves on stderr (incumbent, bound, gap, elapsed), only when stderr is a
/// terminal and --quiet is not given (§7).
final class ProgressLine {
    let enabled: Bool
    private var printed = false

    init(enabled: Bool) { self.enabled = enabled }

    func report(_ progress: SolveProgress) -> Bool {
        guard enabled else { return true }
        let incumbent = progress.incumbent.map { String(format1: $0) } ?? "-"
        let bound = progress.bound.map { String(format1: $0) } ?? "-"
        let gap = progress.gap.map { String(format1: $0 * 100) + "%" } ?? "-"
        FileHandleOutput.standardErrorRaw(
            "\r[\(progress.phase)] incumbent \(incumbent)  bound \(bound)  gap \(gap)  \(String(format1: progress.elapsed))s   ")
        printed = true
        return true
    }

    func finish() {
        if printed { FileHandleOutput.standardErrorRaw("\n") }
    }
}

extension String {
    /// One decimal, locale-independent.
    init(format1 value: Double) {
        // Beyond 10^15 a double has no tenths to show, and `Int(value * 10)` would trap past 9.2 × 10^17
        // (an objective read from a hand-edited plan.json can be anything JSON holds).
        guard value.isFinite, abs(value) < 1e15 else {
            self = "\(value)"
            return
        }
        let tenths = Int((value * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        self = "\(sign)\(abs(tenths) / 10).\(abs(tenths) % 10)"
    }
}
