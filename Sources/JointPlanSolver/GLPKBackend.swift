import GLPK

/// The one place the planner talks to GLPK: loads a `LinearModel` into a `Problem`, solves it with a
/// starting solution and progress reporting, and writes LP/MPS exports. The problem is created, solved
/// and deleted inside each call, so it never leaves the calling thread (GLPK-NOTES.md).
enum GLPKBackend {
    struct Outcome {
        var values: [Double]?
        var objective: Double?
        var bound: Double?
        var provenOptimal: Bool
        var log: [String]
    }

    static var engine: String {
        let version = GLPKLibrary.version
        return "glpk \(version)"
    }

    static func load(_ model: LinearModel) throws -> Problem {
        let problem = try Problem(name: "jointplan")
        try problem.setDirection(.minimize)
        _ = try problem.addColumns(model.columns.map { column in
            Column(name: column.name, kind: column.kind == .binary ? .binary : .continuous,
                   lower: column.lower, upper: column.upper, objective: column.cost)
        })
        _ = try problem.addRows(model.rows.map { Row(name: $0.name, lower: $0.lower, upper: $0.upper) })
        var entries: [MatrixEntry] = []
        entries.reserveCapacity(model.nonzeroCount)
        for (index, row) in model.rows.enumerated() {
            for term in row.terms { entries.append(MatrixEntry(row: index, column: term.column, value: term.coefficient)) }
        }
        try problem.loadMatrix(entries)
        try problem.setObjectiveConstant(model.constant)
        return problem
    }

    /// Solves the MILP from `start`. A `nodeLimit` stops the search after that many branch-and-bound
    /// nodes: unlike a time limit it ends at the same point on every run, which keeps plans reproducible.
    static func solve(_ model: LinearModel, start: [Double], timeLimit: Double, gap: Double, echoLog: Bool = false,
                      nodeLimit: Int? = nil, cuts: MIPOptions.Cuts = MIPOptions.Cuts(),
                      progress: ((SolveProgress) -> Bool)?) throws -> Outcome {
        let problem = try load(model)
        defer { problem.close() }
        var options = MIPOptions(cuts: cuts)
        options.timeLimit = timeLimit.isFinite ? timeLimit : nil
        options.relativeGap = gap
        if nodeLimit != nil { options.progressInterval = 0 }
        var lastReport = -1.0
        if echoLog {
            options.echoLog = true
            options.messageLevel = .normal
        }
        let result = try problem.solveMIP(options: options, start: start) { report in
            if let nodeLimit, report.totalNodes >= nodeLimit { return .stop }
            // Node-limited searches are called back at every node; report at most four times a second.
            guard report.elapsedSeconds - lastReport >= 0.25 else { return .continue }
            lastReport = report.elapsedSeconds
            let keepGoing = progress?(SolveProgress(phase: "branch-and-cut", incumbent: report.incumbent,
                                                    bound: report.bestBound, gap: report.gap,
                                                    elapsed: report.elapsedSeconds)) ?? true
            return keepGoing ? .continue : .stop
        }
        return Outcome(values: result.hasSolution ? result.values : nil, objective: result.objective,
                       bound: result.bestBound, provenOptimal: result.status == .optimal, log: problem.log)
    }

    enum ExportFormat { case lp, mps }

    static func export(_ model: LinearModel, format: ExportFormat, to path: String) throws {
        let problem = try load(model)
        defer { problem.close() }
        switch format {
        case .lp: try problem.writeLP(to: path)
        case .mps: try problem.writeMPS(to: path)
        }
    }
}
