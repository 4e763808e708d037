/// The kind of a column (structural variable).
public enum ColumnKind: Sendable, Equatable {
    /// 0/1 variable (GLPK's `GLP_BV`); bounds default to 0...1.
    case binary
    /// Integer variable; its bounds are rounded inward to integers.
    case integer
    /// Continuous variable.
    case continuous
}

/// A column to add: a name, a kind, bounds (`nil` = unbounded on that side) and an objective coefficient.
public struct Column: Sendable, Equatable {
    public var name: String
    public var kind: ColumnKind
    public var lower: Double?
    public var upper: Double?
    public var objective: Double

    /// For a binary column a `nil` lower bound means 0 and a `nil` upper bound means 1.
    public init(name: String, kind: ColumnKind = .continuous, lower: Double? = 0, upper: Double? = nil,
                objective: Double = 0) {
        self.name = name
        self.kind = kind
        self.lower = lower
        self.upper = upper
        self.objective = objective
    }

    /// A 0/1 column.
    public static func binary(_ name: String, objective: Double = 0) -> Column {
        Column(name: name, kind: .binary, lower: 0, upper: 1, objective: objective)
    }
}

/// A row (constraint) to add: `lower ≤ Σ a·x ≤ upper`, `nil` meaning unbounded on that side.
public struct Row: Sendable, Equatable {
    public var name: String
    public var lower: Double?
    public var upper: Double?

    public init(name: String, lower: Double?, upper: Double?) {
        self.name = name
        self.lower = lower
        self.upper = upper
    }
}

/// One nonzero of the constraint matrix, with 0-based indices.
public struct MatrixEntry: Sendable, Equatable {
    public var row: Int
    public var column: Int
    public var value: Double

    public init(row: Int, column: Int, value: Double) {
        self.row = row
        self.column = column
        self.value = value
    }
}

/// Objective sense.
public enum Direction: Sendable, Equatable {
    case minimize
    case maximize
}

/// How much GLPK prints (into `Problem.log`; it never reaches stdout/stderr unless echoed).
public enum MessageLevel: Sendable, Equatable {
    case off, errors, normal, all, debug
}
