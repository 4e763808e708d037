import CGLPK

/// Swift-side checks that keep invalid input away from GLPK, whose fatal errors abort the process.
enum Validate {
    /// GLPK accepts 1...255 bytes without control characters; we also refuse spaces, which the
    /// LP/MPS writers would rewrite (GLPK-NOTES.md).
    static func name(_ name: String) throws {
        let bytes = name.utf8
        if bytes.isEmpty { throw GLPKError.invalidName(name: name, reason: "names must not be empty") }
        if bytes.count > 255 {
            throw GLPKError.invalidName(name: name, reason: "names are limited to 255 bytes, this one has \(bytes.count)")
        }
        for byte in bytes where byte <= 0x20 || byte == 0x7F {
            throw GLPKError.invalidName(name: name, reason: "names must not contain spaces or control characters")
        }
    }

    static func finite(_ value: Double, _ what: @autoclosure () -> String) throws {
        if !value.isFinite { throw GLPKError.nonFiniteValue(what: what()) }
    }

    static func index(_ index: Int, count: Int, _ what: String) throws {
        if index < 0 || index >= count { throw GLPKError.indexOutOfRange(what: what, index: index, count: count) }
    }

    /// Converts optional bounds into GLPK's (type, lb, ub). Integer bounds are rounded inward
    /// (GLPK's `glp_intopt` rejects fractional bounds on integer columns); equal bounds become
    /// `GLP_FX`, because `GLP_DB` with equal bounds is a fatal error.
    static func bounds(lower: Double?, upper: Double?, integral: Bool, what: String) throws
        -> (type: Int32, lower: Double, upper: Double)
    {
        var low = lower
        var high = upper
        if let value = low { try finite(value, "lower bound of \(what)") }
        if let value = high { try finite(value, "upper bound of \(what)") }
        if integral {
            low = low.map { ($0 - 1e-9).rounded(.up) }
            high = high.map { ($0 + 1e-9).rounded(.down) }
        }
        switch (low, high) {
        case (nil, nil):
            return (GLP_FR, 0, 0)
        case let (lowValue?, nil):
            return (GLP_LO, lowValue, 0)
        case let (nil, highValue?):
            return (GLP_UP, 0, highValue)
        case let (lowValue?, highValue?):
            if lowValue > highValue {
                throw GLPKError.invalidBounds(what: what, lower: lower ?? lowValue, upper: upper ?? highValue)
            }
            return lowValue == highValue ? (GLP_FX, lowValue, lowValue) : (GLP_DB, lowValue, highValue)
        }
    }

    /// Bounds of a column of the given kind; a binary column must stay within 0...1.
    static func columnBounds(kind: ColumnKind, lower: Double?, upper: Double?, what: String) throws
        -> (type: Int32, lower: Double, upper: Double)
    {
        switch kind {
        case .continuous:
            return try bounds(lower: lower, upper: upper, integral: false, what: what)
        case .integer:
            return try bounds(lower: lower, upper: upper, integral: true, what: what)
        case .binary:
            let result = try bounds(lower: lower ?? 0, upper: upper ?? 1, integral: true, what: what)
            if result.lower < 0 || result.upper > 1 {
                throw GLPKError.invalidBounds(what: "\(what) (binary columns stay within 0...1)",
                                              lower: lower ?? 0, upper: upper ?? 1)
            }
            return result
        }
    }

    /// A GLPK array length or 1-based index must fit in Int32.
    static func fitsInt32(_ count: Int, _ what: String) throws {
        if count >= Int(Int32.max) { throw GLPKError.invalidOption("\(what) exceeds GLPK's Int32 limit") }
    }
}
