import Foundation
import JointPlanCore
import Testing
@testable import JointPlanSolver

/// The progress line (§7): every phase reports the seconds since the run started, and the phase it is in.
@Suite struct ProgressReportTests {
    /// Reports collected from whichever thread sends them.
    final class Collector: @unchecked Sendable {
        private let lock = NSLock()
        private var collected: [SolveProgress] = []
        var reports: [SolveProgress] { lock.withLock { collected } }
        func add(_ report: SolveProgress) -> Bool {
            lock.withLock { collected.append(report) }
            return true
        }
    }

    @Test func decomposedRunReportsItsPhasesInSecondsSinceTheStart() throws {
        let scenario = Tiny.scenario(requests: [
            Tiny.request("R1", rounds: 2, gap: 4, regions: ["east", "west"]),
            Tiny.request("R2", days: 2, regions: ["east", "west"], priority: .high),
            Tiny.request("R3", window: Tiny.range((3, 1), (4, 30)), officers: 6, regions: ["west"]),
        ])
        var options = PlanOptions(timeLimit: 20, gap: 0)
        options.exactBinaryLimit = 0
        let collector = Collector()
        let plan = try Planner.plan(scenario: scenario, digest: "test", options: options, progress: collector.add).document
        let reports = collector.reports
        let phases = Set(reports.map(\.phase))
        #expect(phases.isSuperset(of: ["fix-and-optimize", "bound"]), "\(phases)")
        // Fix-and-optimize used to report the raw monotonic clock (seconds since boot).
        for report in reports {
            #expect(report.elapsed >= 0 && report.elapsed <= plan.solver.seconds + 0.5,
                    "\(report.phase) at \(report.elapsed) s of a \(plan.solver.seconds) s run")
        }
        #expect(zip(reports, reports.dropFirst()).allSatisfy { $0.elapsed <= $1.elapsed })
    }
}
