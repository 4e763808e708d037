import Foundation
import Testing
@testable import GLPK

/// Time limits, progress reports, stopping, cancellation and starting solutions.
@Suite struct SearchTests {
    @Test func timeLimitIsHonouredAndKeepsTheIncumbent() throws {
        try onTestThread {
            let problem = try Models.marketSplit(rows: 5, binaries: 70, seed: 42)
            let started = Date()
            let result = try problem.solveMIP(options: Models.slowOptions(timeLimit: 1.0))
            let wall = Date().timeIntervalSince(started)
            #expect(result.status == .timeLimitWithSolution || result.status == .timeLimitNoSolution)
            #expect(wall < 2.0)
            #expect(result.hasSolution)
            if result.hasSolution {
                #expect(result.objective != nil)
                #expect(result.values.count == 80)
                #expect(result.bestBound != nil)
                #expect((result.bestBound ?? .infinity) <= (result.objective ?? 0) + 1e-6)
            }
        }
    }

    @Test func progressFiresAndStopEndsTheSearch() throws {
        try onTestThread {
            let problem = try Models.marketSplit(rows: 5, binaries: 70, seed: 43)
            var reports: [MIPProgress] = []
            let result = try problem.solveMIP(options: Models.slowOptions(timeLimit: 20)) { report in
                reports.append(report)
                return report.elapsedSeconds > 0.5 ? .stop : .continue
            }
            #expect(result.status == .stoppedWithSolution || result.status == .stoppedNoSolution)
            #expect(result.seconds < 2)
            #expect(!reports.isEmpty)
            #expect(reports.contains { $0.elapsedSeconds >= 0.2 }) // time-based reports, not just BINGO
            #expect(reports.allSatisfy { $0.activeNodes >= 0 && $0.totalNodes >= $0.activeNodes })
            #expect(result.nodes > 0)
        }
    }

    @Test func cancellingTheTaskStopsGLPK() async throws {
        let task = Task {
            try await withSolverThread {
                let problem = try Models.marketSplit(rows: 5, binaries: 70, seed: 44)
                return try problem.solveMIP(options: Models.slowOptions(timeLimit: 20))
            }
        }
        try await Task.sleep(for: .milliseconds(300))
        task.cancel()
        let result = try await task.value
        #expect(result.status == .stoppedWithSolution || result.status == .stoppedNoSolution)
        #expect(result.seconds < 3)
    }

    @Test func solverThreadsGiveIdenticalResults() async throws {
        let data = Models.randomKnapsack(items: 14, seed: 7)
        async let first = withSolverThread { try Models.knapsack(data).solveMIP().objective }
        async let second = withSolverThread { try Models.knapsack(data).solveMIP().objective }
        let third = try runOnSolverThread { try Models.knapsack(data).solveMIP().objective }
        let results = try await [first, second, third]
        #expect(results.allSatisfy { $0 == Models.bruteForce(data) })
    }

    @Test func startingSolutionIsAccepted() throws {
        try onTestThread {
            let data = Models.randomKnapsack(items: 40, seed: 11)
            // Greedy by value density.
            var start = [Double](repeating: 0, count: 40)
            var room = data.capacity
            for item in data.values.indices.sorted(by: { data.values[$0] / data.weights[$0] > data.values[$1] / data.weights[$1] })
            where data.weights[item] <= room {
                start[item] = 1
                room -= data.weights[item]
            }
            let greedy = zip(start, data.values).map { $0 * $1 }.reduce(0, +)
            let options = MIPOptions(cuts: .none)
            let result = try Models.knapsack(data).solveMIP(options: options, start: start)
            #expect(result.startAccepted == true, "\(result.startNote ?? "")")
            #expect(result.status == .optimal)
            #expect((result.objective ?? 0) >= greedy - 1e-9)
            let plain = try Models.knapsack(data).solveMIP(options: options)
            #expect(plain.startAccepted == nil)
            #expect(abs((plain.objective ?? 0) - (result.objective ?? 0)) <= 1e-4 * abs(plain.objective ?? 1))
        }
    }

    @Test func infeasibleStartIsNotOffered() throws {
        try onTestThread {
            let data = Models.randomKnapsack(items: 12, seed: 5)
            let everything = [Double](repeating: 1, count: 12) // violates the capacity row
            let result = try Models.knapsack(data).solveMIP(start: everything)
            #expect(result.startAccepted == false)
            #expect(result.startNote?.contains("row 0") == true)
            #expect(result.status == .optimal)
            #expect(abs((result.objective ?? 0) - Models.bruteForce(data)) < 1e-6)
        }
    }
}
