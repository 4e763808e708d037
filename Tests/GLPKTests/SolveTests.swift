import CGLPK
import Testing
@testable import GLPK

/// Small models with known optima, and the mapping of GLPK's codes to statuses.
@Suite struct SolveTests {
    @Test func knapsackMatchesEnumeration() throws {
        try onTestThread {
            let data = Models.randomKnapsack(items: 14, seed: 7)
            let best = Models.bruteForce(data)
            let result = try Models.knapsack(data).solveMIP(options: MIPOptions(relativeGap: 0))
            #expect(result.status == .optimal)
            #expect(result.hasSolution)
            #expect(abs((result.objective ?? 0) - best) < 1e-6)
            #expect(result.bestBound == result.objective)
            #expect(result.gap == 0)
            let chosen = zip(result.values, data.values).map { $0 * $1 }.reduce(0, +)
            #expect(abs(chosen - best) < 1e-6)
            #expect(result.values.allSatisfy { $0 == 0 || $0 == 1 })
        }
    }

    /// Stopped at the gap tolerance (GLP_EMIPGAP, status optimal), the bound is GLPK's last best bound: on
    /// the right side of the optimum, within the gap of the incumbent, and not simply the incumbent (the
    /// planner reports it as `solver.bound`).
    @Test func boundAtTheGapTolerance() throws {
        try onTestThread {
            var stoppedAtGap = 0
            for seed in UInt64(1)...UInt64(12) {
                let data = Models.randomKnapsack(items: 16, seed: seed)
                let best = Models.bruteForce(data)
                let result = try Models.knapsack(data).solveMIP(options: MIPOptions(relativeGap: 0.05, presolve: false))
                let objective = try #require(result.objective)
                let bound = try #require(result.bestBound)
                #expect(result.status == .optimal)
                #expect(bound >= best - 1e-6, "seed \(seed): bound \(bound) below the optimum \(best) of a maximisation")
                #expect(bound <= objective + 0.05 * abs(objective) + 1e-6, "seed \(seed): bound \(bound), objective \(objective)")
                if bound > objective + 1e-6 { stoppedAtGap += 1 }
            }
            #expect(stoppedAtGap > 0)
        }
    }

    @Test func assignmentProblem() throws {
        try onTestThread {
            let cost: [[Double]] = [[9, 2, 7, 8], [6, 4, 3, 7], [5, 8, 1, 8], [7, 6, 9, 4]]
            let problem = try Problem()
            var columns: [Column] = []
            for worker in 0..<4 {
                for job in 0..<4 { columns.append(.binary("assign_w\(worker)_j\(job)", objective: cost[worker][job])) }
            }
            try problem.addColumns(columns)
            try problem.addRows((0..<4).map { Row(name: "worker_\($0)", lower: 1, upper: 1) }
                + (0..<4).map { Row(name: "job_\($0)", lower: 1, upper: 1) })
            var entries: [MatrixEntry] = []
            for worker in 0..<4 {
                for job in 0..<4 {
                    entries.append(MatrixEntry(row: worker, column: worker * 4 + job, value: 1))
                    entries.append(MatrixEntry(row: 4 + job, column: worker * 4 + job, value: 1))
                }
            }
            try problem.loadMatrix(entries)
            let result = try problem.solveMIP()
            #expect(result.status == .optimal)
            #expect(result.objective == 13)
            let assigned = (0..<16).filter { result.values[$0] == 1 }
            #expect(assigned == [1, 4, 10, 15])
        }
    }

    @Test func infeasibleAndUnbounded() throws {
        try onTestThread {
            let infeasible = try Problem()
            try infeasible.addColumns([.binary("x"), .binary("y")])
            try infeasible.addRows([Row(name: "need_three", lower: 3, upper: nil)])
            try infeasible.loadMatrix([MatrixEntry(row: 0, column: 0, value: 1), MatrixEntry(row: 0, column: 1, value: 1)])
            #expect(try infeasible.solveMIP().status == .infeasible)
            #expect(try infeasible.solveMIP(options: MIPOptions(presolve: false)).status == .infeasible)
            #expect(try infeasible.simplex().status == .infeasible)
            #expect(try infeasible.simplex(options: LPOptions(presolve: false)).status == .infeasible)

            let unbounded = try Problem()
            try unbounded.setDirection(.maximize)
            try unbounded.addColumns([Column(name: "n", kind: .integer, lower: 0, upper: nil, objective: 1)])
            #expect(try unbounded.solveMIP().status == .unbounded)
            #expect(try unbounded.simplex().status == .unbounded)
            #expect(try unbounded.simplex(options: LPOptions(presolve: false)).status == .unbounded)
            #expect(try unbounded.solveMIP().hasSolution == false)
        }
    }

    /// The Wyndor glass LP: max 3x + 5y, x ≤ 4, 2y ≤ 12, 3x + 2y ≤ 18 → (2, 6), 36, duals (0, 1.5, 1).
    @Test func lpWithDuals() throws {
        try onTestThread {
            let problem = try Problem()
            try problem.setDirection(.maximize)
            try problem.addColumns([Column(name: "x", objective: 3), Column(name: "y", objective: 5)])
            try problem.addRows([Row(name: "plant1", lower: nil, upper: 4), Row(name: "plant2", lower: nil, upper: 12),
                                 Row(name: "plant3", lower: nil, upper: 18)])
            try problem.loadMatrix([MatrixEntry(row: 0, column: 0, value: 1), MatrixEntry(row: 1, column: 1, value: 2),
                                    MatrixEntry(row: 2, column: 0, value: 3), MatrixEntry(row: 2, column: 1, value: 2)])
            for presolve in [true, false] {
                let result = try problem.simplex(options: LPOptions(presolve: presolve))
                #expect(result.status == .optimal)
                #expect(abs((result.objective ?? 0) - 36) < 1e-9)
                #expect(zip(result.values, [2.0, 6]).allSatisfy { abs($0 - $1) < 1e-9 })
                #expect(zip(result.rowDuals, [0.0, 1.5, 1]).allSatisfy { abs($0 - $1) < 1e-9 })
                #expect(zip(result.rowActivities, [2.0, 12, 18]).allSatisfy { abs($0 - $1) < 1e-9 })
                #expect(result.reducedCosts.allSatisfy { abs($0) < 1e-9 })
            }
        }
    }

    @Test func statusMapping() {
        #expect(Problem.mipStatus(code: 0, mipStatus: GLP_OPT, stopRequested: false) == .optimal)
        #expect(Problem.mipStatus(code: 0, mipStatus: GLP_NOFEAS, stopRequested: false) == .infeasible)
        #expect(Problem.mipStatus(code: GLP_EMIPGAP, mipStatus: GLP_FEAS, stopRequested: false) == .optimal)
        #expect(Problem.mipStatus(code: GLP_ETMLIM, mipStatus: GLP_FEAS, stopRequested: false) == .timeLimitWithSolution)
        #expect(Problem.mipStatus(code: GLP_ETMLIM, mipStatus: GLP_UNDEF, stopRequested: false) == .timeLimitNoSolution)
        #expect(Problem.mipStatus(code: GLP_ESTOP, mipStatus: GLP_FEAS, stopRequested: true) == .stoppedWithSolution)
        #expect(Problem.mipStatus(code: GLP_ESTOP, mipStatus: GLP_UNDEF, stopRequested: true) == .stoppedNoSolution)
        #expect(Problem.mipStatus(code: GLP_ENOPFS, mipStatus: GLP_UNDEF, stopRequested: false) == .infeasible)
        #expect(Problem.mipStatus(code: GLP_ENODFS, mipStatus: GLP_UNDEF, stopRequested: false) == .unbounded)
        #expect(Problem.mipStatus(code: GLP_EFAIL, mipStatus: GLP_UNDEF, stopRequested: false)
            == .failed(code: GLP_EFAIL, message: "solver failure"))
        #expect(Problem.lpStatus(code: 0, glpStatus: GLP_OPT) == .optimal)
        #expect(Problem.lpStatus(code: GLP_ETMLIM, glpStatus: GLP_UNDEF) == .timeLimit)
        #expect(Problem.lpStatus(code: GLP_ENODFS, glpStatus: GLP_UNDEF) == .unbounded)
    }
}
