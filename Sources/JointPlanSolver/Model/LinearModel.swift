/// A mixed-integer linear program as plain values, built by the rule families and handed to GLPK in
/// one piece. Keeping it solver-neutral lets tests inspect rows by name and the LP export stay exact.
struct LinearModel: Sendable {
    enum Kind: Sendable { case binary, continuous }

    struct Column: Sendable {
        var name: String
        var kind: Kind
        var lower: Double
        var upper: Double?
        var cost: Double
    }

    struct Row: Sendable {
        var name: String
        var lower: Double?
        var upper: Double?
        var terms: [(column: Int, coefficient: Double)]
    }

    private(set) var columns: [Column] = []
    private(set) var rows: [Row] = []
    /// The objective's constant part (the unscheduled weight of every session, see ObjectiveTerms).
    var constant: Double = 0

    mutating func addColumn(_ name: String, _ kind: Kind, lower: Double = 0, upper: Double? = nil,
                            cost: Double = 0) -> Int {
        columns.append(Column(name: name, kind: kind, lower: lower, upper: kind == .binary ? (upper ?? 1) : upper,
                              cost: cost))
        return columns.count - 1
    }

    mutating func addCost(_ column: Int, _ cost: Double) { columns[column].cost += cost }

    mutating func fix(_ column: Int, to value: Double) {
        columns[column].lower = value
        columns[column].upper = value
    }

    /// Adds a row; terms on the same column are summed, zero terms dropped (GLPK rejects duplicates).
    mutating func addRow(_ name: String, _ terms: [(Int, Double)], lower: Double? = nil, upper: Double? = nil) {
        var merged: [Int: Double] = [:]
        var order: [Int] = []
        for (column, coefficient) in terms {
            if merged[column] == nil { order.append(column) }
            merged[column, default: 0] += coefficient
        }
        let cleaned = order.compactMap { column -> (column: Int, coefficient: Double)? in
            let value = merged[column]!
            return value == 0 ? nil : (column, value)
        }
        rows.append(Row(name: name, lower: lower, upper: upper, terms: cleaned))
    }

    /// Raises a row's upper bound (pinned sessions that break it on their own, see PinnedRules).
    mutating func raiseUpper(ofRow row: Int, to upper: Double) {
        rows[row].upper = max(rows[row].upper ?? upper, upper)
    }

    var nonzeroCount: Int { rows.reduce(0) { $0 + $1.terms.count } }

    /// The objective value of a full assignment of the columns.
    func objective(of values: [Double]) -> Double {
        zip(columns, values).reduce(constant) { $0 + $1.0.cost * $1.1 }
    }

    /// Rows violated by `values` beyond `tolerance` (names), for sanity checks of starting solutions.
    func violatedRows(_ values: [Double], tolerance: Double = 1e-6) -> [String] {
        rows.compactMap { row in
            let activity = row.terms.reduce(0.0) { $0 + $1.coefficient * values[$1.column] }
            if let lower = row.lower, activity < lower - tolerance { return row.name }
            if let upper = row.upper, activity > upper + tolerance { return row.name }
            return nil
        }
    }
}

/// GLPK-safe names built from domain ids (ASCII, no brackets or spaces, ≤ 255 bytes; GLPK-NOTES.md).
enum ModelName {
    static func make(_ parts: [CustomStringConvertible]) -> String {
        let raw = parts.map { "\($0)" }.joined(separator: "_")
        var name = String(raw.unicodeScalars.map { scalar -> Character in
            let ok = scalar.isASCII && (ASCII.isAlphanumeric(scalar) || scalar == "_" || scalar == "-" || scalar == ".")
            return ok ? Character(scalar) : "_"
        })
        if name.utf8.count > 200 { name = String(name.prefix(200)) }
        return name
    }
}

private enum ASCII {
    static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
    }
}
