import CGLPKGuard
@testable import GLPK

/// Small deterministic models shared by the tests.
enum Models {
    /// A deterministic pseudo-random sequence (LCG), so instances are the same on every run.
    struct Generator {
        var state: UInt64
        mutating func next(_ range: ClosedRange<Int>) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return range.lowerBound + Int((state >> 33) % UInt64(range.count))
        }
    }

    struct Knapsack {
        var values: [Double]
        var weights: [Double]
        var capacity: Double
    }

    static func randomKnapsack(items: Int, seed: UInt64) -> Knapsack {
        var generator = Generator(state: seed)
        let weights = (0..<items).map { _ in Double(generator.next(10...60)) }
        let values = weights.map { $0 + Double(generator.next(1...25)) }
        return Knapsack(values: values, weights: weights, capacity: (weights.reduce(0, +) / 2).rounded(.down))
    }

    /// max Σ v·x s.t. Σ w·x ≤ capacity, x binary.
    static func knapsack(_ data: Knapsack) throws -> Problem {
        let problem = try Problem(name: "knapsack")
        try problem.setDirection(.maximize)
        try problem.addColumns(data.values.indices.map { .binary("take_\($0)", objective: data.values[$0]) })
        try problem.addRows([Row(name: "capacity", lower: nil, upper: data.capacity)])
        try problem.loadMatrix(data.weights.indices.map { MatrixEntry(row: 0, column: $0, value: data.weights[$0]) })
        return problem
    }

    /// The best knapsack value by enumeration (small instances only).
    static func bruteForce(_ data: Knapsack) -> Double {
        var best = 0.0
        for mask in 0..<(1 << data.values.count) {
            var weight = 0.0
            var value = 0.0
            for item in data.values.indices where mask & (1 << item) != 0 {
                weight += data.weights[item]
                value += data.values[item]
            }
            if weight <= data.capacity { best = max(best, value) }
        }
        return best
    }

    /// A market-split-style instance: Σ a·x + s⁺ − s⁻ = d per row, minimise Σ(s⁺ + s⁻). The LP bound is
    /// 0 and branch-and-bound without cuts cannot prove anything quickly, but integral nodes give incumbents.
    static func marketSplit(rows: Int, binaries: Int, seed: UInt64) throws -> Problem {
        var generator = Generator(state: seed)
        let problem = try Problem(name: "market_split")
        try problem.addColumns((0..<binaries).map { .binary("x_\($0)") })
        var slacks: [Column] = []
        for row in 0..<rows {
            slacks.append(Column(name: "over_\(row)", lower: 0, upper: nil, objective: 1))
            slacks.append(Column(name: "under_\(row)", lower: 0, upper: nil, objective: 1))
        }
        try problem.addColumns(slacks)
        var entries: [MatrixEntry] = []
        var rowSpecs: [Row] = []
        for row in 0..<rows {
            var total = 0.0
            for column in 0..<binaries {
                let value = Double(generator.next(0...99))
                total += value
                if value != 0 { entries.append(MatrixEntry(row: row, column: column, value: value)) }
            }
            entries.append(MatrixEntry(row: row, column: binaries + 2 * row, value: -1))
            entries.append(MatrixEntry(row: row, column: binaries + 2 * row + 1, value: 1))
            let target = (total / 2).rounded(.down)
            rowSpecs.append(Row(name: "split_\(row)", lower: target, upper: target))
        }
        try problem.addRows(rowSpecs)
        try problem.loadMatrix(entries)
        return problem
    }

    /// Options that make GLPK slow on purpose: no cuts, no heuristics, no presolve help.
    static func slowOptions(timeLimit: Double?) -> MIPOptions {
        MIPOptions(timeLimit: timeLimit, relativeGap: 0, cuts: .none, feasibilityPump: false, proximitySearch: false)
    }
}

/// Runs a test body on the current thread, then frees the thread's GLPK environment.
///
/// A synchronous test body never leaves its thread, so its problems stay on the thread that
/// created them, and no other test runs on that thread meanwhile (the environment is thread-local,
/// so a guard reset only touches this test's problems). Running here rather than on a solver
/// thread keeps Swift Testing's expectations attributed to the test.
func onTestThread(_ body: () throws -> Void) throws {
    defer { jp_free_env() }
    try body()
}
