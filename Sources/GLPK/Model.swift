import CGLPK
import CGLPKGuard

/// Building the model: columns, rows, bounds, the constraint matrix and names.
extension Problem {
    /// Adds columns and returns their 0-based indices. Everything is validated before any C call.
    @discardableResult
    public func addColumns(_ specs: [Column]) throws -> Range<Int> {
        let first = try columnCount
        var prepared: [(type: Int32, lower: Double, upper: Double)] = []
        prepared.reserveCapacity(specs.count)
        for (offset, spec) in specs.enumerated() {
            let what = "column \(first + offset) (\(spec.name))"
            try Validate.name(spec.name)
            try Validate.finite(spec.objective, "objective coefficient of \(what)")
            prepared.append(try Validate.columnBounds(kind: spec.kind, lower: spec.lower, upper: spec.upper, what: what))
        }
        // glp_add_cols with 0 is a fatal error.
        guard !specs.isEmpty else { return first..<first }
        try Validate.fitsInt32(first + specs.count, "column count")
        var firstOneBased: Int32 = 0
        try guarded { jp_guarded_add_cols($0, Int32(specs.count), &firstOneBased) }
        for (offset, spec) in specs.enumerated() {
            let j = firstOneBased + Int32(offset)
            let bounds = prepared[offset]
            try guarded { pointer in
                spec.name.withCString { jp_guarded_set_col_name(pointer, j, $0) }
            }
            if spec.kind != .continuous { try guarded { jp_guarded_set_col_kind($0, j, GLP_IV) } }
            try guarded { jp_guarded_set_col_bnds($0, j, bounds.type, bounds.lower, bounds.upper) }
            if spec.objective != 0 { try guarded { jp_guarded_set_obj_coef($0, j, spec.objective) } }
        }
        return first..<(first + specs.count)
    }

    /// Adds rows and returns their 0-based indices.
    @discardableResult
    public func addRows(_ specs: [Row]) throws -> Range<Int> {
        let first = try rowCount
        var prepared: [(type: Int32, lower: Double, upper: Double)] = []
        prepared.reserveCapacity(specs.count)
        for (offset, spec) in specs.enumerated() {
            try Validate.name(spec.name)
            prepared.append(try Validate.bounds(lower: spec.lower, upper: spec.upper, integral: false,
                                                what: "row \(first + offset) (\(spec.name))"))
        }
        guard !specs.isEmpty else { return first..<first }
        try Validate.fitsInt32(first + specs.count, "row count")
        var firstOneBased: Int32 = 0
        try guarded { jp_guarded_add_rows($0, Int32(specs.count), &firstOneBased) }
        for (offset, spec) in specs.enumerated() {
            let i = firstOneBased + Int32(offset)
            let bounds = prepared[offset]
            try guarded { pointer in
                spec.name.withCString { jp_guarded_set_row_name(pointer, i, $0) }
            }
            try guarded { jp_guarded_set_row_bnds($0, i, bounds.type, bounds.lower, bounds.upper) }
        }
        return first..<(first + specs.count)
    }

    /// Sets a column's bounds (`nil` = unbounded); integer bounds are rounded inward.
    public func setColumnBounds(_ column: Int, lower: Double?, upper: Double?) throws {
        let kind = try kind(ofColumn: column)
        let bounds = try Validate.columnBounds(kind: kind, lower: lower, upper: upper, what: "column \(column)")
        try guarded { jp_guarded_set_col_bnds($0, Int32(column + 1), bounds.type, bounds.lower, bounds.upper) }
    }

    /// Sets a row's bounds (`nil` = unbounded).
    public func setRowBounds(_ row: Int, lower: Double?, upper: Double?) throws {
        try Validate.index(row, count: rowCount, "row")
        let bounds = try Validate.bounds(lower: lower, upper: upper, integral: false, what: "row \(row)")
        try guarded { jp_guarded_set_row_bnds($0, Int32(row + 1), bounds.type, bounds.lower, bounds.upper) }
    }

    /// Replaces the whole constraint matrix. Entries must be finite, in range and unique.
    public func loadMatrix(_ entries: [MatrixEntry]) throws {
        let rows = try rowCount
        let columns = try columnCount
        try Validate.fitsInt32(entries.count + 1, "number of matrix entries")
        var seen = Set<Int>(minimumCapacity: entries.count)
        var ia = [Int32](repeating: 0, count: entries.count + 1)
        var ja = [Int32](repeating: 0, count: entries.count + 1)
        var ar = [Double](repeating: 0, count: entries.count + 1)
        for (k, entry) in entries.enumerated() {
            try Validate.index(entry.row, count: rows, "row")
            try Validate.index(entry.column, count: columns, "column")
            try Validate.finite(entry.value, "matrix entry (row \(entry.row), column \(entry.column))")
            if !seen.insert(entry.row * columns + entry.column).inserted {
                throw GLPKError.duplicateEntry(row: entry.row, column: entry.column)
            }
            ia[k + 1] = Int32(entry.row + 1)
            ja[k + 1] = Int32(entry.column + 1)
            ar[k + 1] = entry.value
        }
        try guarded { jp_guarded_load_matrix($0, Int32(entries.count), ia, ja, ar) }
    }

    /// Replaces the entries of one row.
    public func setRow(_ row: Int, entries: [(column: Int, value: Double)]) throws {
        try Validate.index(row, count: rowCount, "row")
        let columns = try columnCount
        var seen = Set<Int>(minimumCapacity: entries.count)
        var indices = [Int32](repeating: 0, count: entries.count + 1)
        var values = [Double](repeating: 0, count: entries.count + 1)
        for (k, entry) in entries.enumerated() {
            try Validate.index(entry.column, count: columns, "column")
            try Validate.finite(entry.value, "matrix entry (row \(row), column \(entry.column))")
            if !seen.insert(entry.column).inserted { throw GLPKError.duplicateEntry(row: row, column: entry.column) }
            indices[k + 1] = Int32(entry.column + 1)
            values[k + 1] = entry.value
        }
        try guarded { jp_guarded_set_mat_row($0, Int32(row + 1), Int32(entries.count), indices, values) }
    }

    // MARK: Names

    public func columnName(_ column: Int) throws -> String? {
        try Validate.index(column, count: columnCount, "column")
        return try perform { glp_get_col_name($0, Int32(column + 1)).map { String(cString: $0) } }
    }

    public func rowName(_ row: Int) throws -> String? {
        try Validate.index(row, count: rowCount, "row")
        return try perform { glp_get_row_name($0, Int32(row + 1)).map { String(cString: $0) } }
    }

    /// The 0-based index of the column with this name (GLPK's name index), or nil.
    /// Names need not be unique in GLPK; with duplicates one of them is returned.
    public func columnIndex(named name: String) throws -> Int? {
        guard (try? Validate.name(name)) != nil else { return nil }
        try ensureNameIndex()
        let j = try perform { pointer in name.withCString { glp_find_col(pointer, $0) } }
        return j == 0 ? nil : Int(j) - 1
    }

    /// The 0-based index of the row with this name, or nil.
    public func rowIndex(named name: String) throws -> Int? {
        guard (try? Validate.name(name)) != nil else { return nil }
        try ensureNameIndex()
        let i = try perform { pointer in name.withCString { glp_find_row(pointer, $0) } }
        return i == 0 ? nil : Int(i) - 1
    }

    /// glp_find_row/col are fatal without an index; glp_create_index is idempotent and GLPK keeps
    /// the index up to date on later renames and additions.
    private func ensureNameIndex() throws {
        try guarded { jp_guarded_create_index($0) }
    }
}
