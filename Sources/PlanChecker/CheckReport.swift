import JointPlanCore

/// The rule a violation breaks: a hard rule of DESIGN.md §5, an inconsistency of the plan file, or an
/// objective that does not match the plan.
public enum RuleCode: String, CaseIterable, Comparable, Sendable {
    case h1 = "H1", h2 = "H2", h3 = "H3", h4 = "H4", h5 = "H5", h6 = "H6", h7 = "H7"
    /// The plan file contradicts itself or the scenario (wrong officers, pools, visits, load, KPIs, …).
    case plan = "PLAN"
    /// `solver.objective` differs from the §5 objective recomputed from the plan.
    case objective = "OBJ"

    /// Position in reports: H1…H7, then PLAN, then OBJ.
    public var rank: Int { RuleCode.allCases.firstIndex(of: self)! }

    public static func < (a: RuleCode, b: RuleCode) -> Bool { a.rank < b.rank }
}

/// One broken rule, described in domain words with ids and numbers.
public struct Violation: Equatable, Hashable, Sendable, CustomStringConvertible {
    public var rule: RuleCode
    /// The message without the rule code, e.g. `week 15: scjg pool liangzhou uses 48 officer-days, capacity 37.5`.
    public var message: String

    public init(rule: RuleCode, message: String) {
        self.rule = rule
        self.message = message
    }

    /// `H3: week 15: scjg pool liangzhou uses 48 officer-days, capacity 37.5`.
    public var description: String { "\(rule.rawValue): \(message)" }
}

/// The result of checking one plan: every violation (sorted by rule, then in a fixed derivation order)
/// and the §5 objective recomputed from the plan and the scenario.
public struct CheckReport: Equatable, Sendable, CustomStringConvertible {
    public var violations: [Violation]
    public var recomputedObjective: Double
    /// What is worth a look but breaks no rule of DESIGN.md §5 (a re-plan's session placed before its freeze
    /// date: in the past, yet H7 only keeps the pinned sessions). Printed; the exit code ignores them.
    public var warnings: [String]

    public init(violations: [Violation], recomputedObjective: Double, warnings: [String] = []) {
        self.violations = violations
        self.recomputedObjective = recomputedObjective
        self.warnings = warnings
    }

    public var isValid: Bool { violations.isEmpty }

    /// The distinct rule codes broken, in report order.
    public var rules: [RuleCode] { Array(Set(violations.map(\.rule))).sorted() }

    /// One line per violation.
    public var description: String { violations.map(\.description).joined(separator: "\n") }
}

/// Collects violations during a check; sorting is stable so each rule keeps its derivation order.
struct ViolationLog {
    private(set) var items: [Violation] = []
    private(set) var warnings: [String] = []

    mutating func warn(_ message: String) { warnings.append(message) }

    mutating func add(_ rule: RuleCode, _ message: String) {
        items.append(Violation(rule: rule, message: message))
    }

    var sorted: [Violation] {
        items.enumerated().sorted { a, b in
            a.element.rule != b.element.rule ? a.element.rule < b.element.rule : a.offset < b.offset
        }.map(\.element)
    }
}

/// Numbers in messages: integers without a fraction, others with at most four decimals.
func formatNumber(_ value: Double) -> String {
    guard value.isFinite else { return "\(value)" }
    let rounded = (value * 10_000).rounded() / 10_000
    if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int(rounded)) }
    return "\(rounded)"
}

/// Equality of recomputed quantities, with the small tolerance of floating-point sums.
func nearlyEqual(_ a: Double, _ b: Double, tolerance: Double = 1e-6) -> Bool {
    abs(a - b) <= tolerance * max(1, abs(a), abs(b))
}
