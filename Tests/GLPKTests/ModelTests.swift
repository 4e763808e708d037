import Testing
@testable import GLPK

/// Building models: indices, bounds and the Swift-side rejections that keep bad input away from GLPK.
@Suite struct ModelTests {
    @Test func columnsRowsAndCounts() throws {
        try onTestThread {
            let problem = try Problem()
            #expect(try problem.addColumns([]) == 0..<0)
            #expect(try problem.addRows([]) == 0..<0)
            let columns = try problem.addColumns([
                Column(name: "x", lower: 0, upper: 4),
                Column(name: "n", kind: .integer, lower: 0.5, upper: 3.7),
                .binary("b"),
                Column(name: "fixed", lower: 2, upper: 2),
            ])
            #expect(columns == 0..<4)
            #expect(try problem.addRows([Row(name: "r0", lower: nil, upper: 5)]) == 0..<1)
            #expect(try problem.addRows([Row(name: "r1", lower: 1, upper: nil)]) == 1..<2)
            try problem.setRow(1, entries: [(column: 0, value: 1), (column: 2, value: 2)])
            try problem.loadMatrix([MatrixEntry(row: 0, column: 0, value: 1), MatrixEntry(row: 0, column: 1, value: 3)])
            #expect(try problem.columnCount == 4)
            #expect(try problem.rowCount == 2)
            #expect(try problem.nonzeroCount == 2) // loadMatrix replaces the whole matrix
            #expect(try problem.columnIndex(named: "b") == 2)
            #expect(try problem.columnIndex(named: "missing") == nil)
            #expect(try problem.rowIndex(named: "r1") == 1)
            #expect(try problem.kind(ofColumn: 2) == .binary)
            #expect(try problem.kind(ofColumn: 1) == .integer)
            try problem.setObjectiveConstant(7)
            #expect(try problem.objectiveConstant == 7)
            #expect(try problem.direction == .minimize)
        }
    }

    @Test func integerBoundsAreRoundedInward() throws {
        try onTestThread {
            let problem = try Problem()
            try problem.addColumns([Column(name: "n", kind: .integer, lower: 0.5, upper: 3.7, objective: -1)])
            let result = try problem.solveMIP()
            #expect(result.status == .optimal)
            #expect(result.values == [3])
            #expect(throws: GLPKError.invalidBounds(what: "column 0", lower: 1.2, upper: 1.8)) {
                try problem.setColumnBounds(0, lower: 1.2, upper: 1.8)
            }
        }
    }

    @Test func rejectsBadInputBeforeAnyCCall() throws {
        try onTestThread {
            let problem = try Problem()
            #expect(throws: GLPKError.nonFiniteValue(what: "objective coefficient of column 0 (x)")) {
                try problem.addColumns([Column(name: "x", objective: .nan)])
            }
            #expect(throws: GLPKError.nonFiniteValue(what: "upper bound of column 0 (x)")) {
                try problem.addColumns([Column(name: "x", upper: .infinity)])
            }
            #expect(throws: GLPKError.invalidBounds(what: "row 0 (r)", lower: 2, upper: 1)) {
                try problem.addRows([Row(name: "r", lower: 2, upper: 1)])
            }
            #expect(throws: GLPKError.self) { try problem.addColumns([Column(name: "")]) }
            #expect(throws: GLPKError.self) { try problem.addColumns([Column(name: "has space")]) }
            #expect(throws: GLPKError.self) { try problem.addColumns([Column(name: "tab\there")]) }
            #expect(throws: GLPKError.self) { try problem.addColumns([Column(name: String(repeating: "a", count: 256))]) }
            #expect(throws: GLPKError.self) { try problem.addColumns([.binary("ok"), Column(name: "bad\n")]) }
            // Nothing reached GLPK: the whole batch is validated first.
            #expect(try problem.columnCount == 0)

            try problem.addColumns([.binary("a"), .binary("b")])
            try problem.addRows([Row(name: "r", lower: nil, upper: 1)])
            #expect(throws: GLPKError.duplicateEntry(row: 0, column: 1)) {
                try problem.loadMatrix([MatrixEntry(row: 0, column: 1, value: 1), MatrixEntry(row: 0, column: 1, value: 2)])
            }
            #expect(throws: GLPKError.duplicateEntry(row: 0, column: 0)) {
                try problem.setRow(0, entries: [(column: 0, value: 1), (column: 0, value: 1)])
            }
            #expect(throws: GLPKError.indexOutOfRange(what: "column", index: 2, count: 2)) {
                try problem.loadMatrix([MatrixEntry(row: 0, column: 2, value: 1)])
            }
            #expect(throws: GLPKError.indexOutOfRange(what: "row", index: -1, count: 1)) {
                try problem.loadMatrix([MatrixEntry(row: -1, column: 0, value: 1)])
            }
            #expect(throws: GLPKError.nonFiniteValue(what: "matrix entry (row 0, column 0)")) {
                try problem.loadMatrix([MatrixEntry(row: 0, column: 0, value: .nan)])
            }
            #expect(throws: GLPKError.indexOutOfRange(what: "column", index: 5, count: 2)) {
                try problem.setObjective(column: 5, coefficient: 1)
            }
            #expect(throws: GLPKError.invalidBounds(what: "column 0 (binary columns stay within 0...1)", lower: 0, upper: 2)) {
                try problem.setColumnBounds(0, lower: 0, upper: 2)
            }
            #expect(throws: GLPKError.invalidOption("timeLimit must be a positive number of seconds")) {
                try problem.solveMIP(options: MIPOptions(timeLimit: 0))
            }
            #expect(throws: GLPKError.invalidOption("relativeGap must be a finite number ≥ 0")) {
                try problem.solveMIP(options: MIPOptions(relativeGap: .nan))
            }
            #expect(throws: GLPKError.invalidStart("expected 2 values, one per column, got 1")) {
                try problem.solveMIP(start: [1])
            }
            #expect(throws: GLPKError.invalidStart("column 1 is not finite")) {
                try problem.solveMIP(start: [1, .infinity])
            }
            #expect(try problem.nonzeroCount == 0)
        }
    }

    @Test func versionIsSupported() throws {
        try onTestThread {
            try GLPKLibrary.checkVersion()
            #expect(GLPKLibrary.version.hasPrefix("5."))
            #expect(GLPKLibrary.isSupported("4.65"))
            #expect(!GLPKLibrary.isSupported("4.64"))
        }
    }
}
