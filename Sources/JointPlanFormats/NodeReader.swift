import JointPlanCore
import Yams

/// Where one field path of a scenario came from: the file, the line, and the field as printed
/// (`requests[3].officers.yjgl` for YAML, `column 人员` for CSV).
struct SourceLocation: Equatable, Sendable {
    var file: String
    var line: Int?
    var field: String?
}

/// The present keys of one YAML mapping, with the path of the mapping itself.
struct Fields {
    let path: String
    let node: Node
    var values: [String: Node]

    func path(_ key: String) -> String { path.isEmpty ? key : path + "." + key }
}

/// Typed, located access to a Yams node tree. Every problem becomes a `Diagnostic`, and reading goes on
/// where it can so that `validate` lists every error. Every visited value records its line under its
/// field path, so that validator issues (which only know paths) can be located afterwards.
final class NodeReader {
    let file: String
    private(set) var diagnostics: [Diagnostic] = []
    private(set) var locations: [String: SourceLocation] = [:]
    private var budget: Int
    private(set) var exhausted = false

    init(file: String, budget: Int = 500_000) {
        self.file = file
        self.budget = budget
    }

    // MARK: Diagnostics and locations

    func error(_ path: String, _ node: Node?, _ message: String) {
        let line = node?.mark?.line ?? locations[path]?.line
        diagnostics.append(Diagnostic(file: file, line: line, field: path.isEmpty ? nil : path, message: message))
    }

    /// Records where `path` came from and spends one unit of the node budget; false once it is spent.
    @discardableResult
    func visit(_ node: Node, _ path: String) -> Bool {
        guard !exhausted else { return false }
        budget -= 1
        if budget < 0 {
            exhausted = true
            error(path, node, "the document has too many values (is it an alias bomb?)")
            return false
        }
        locations[path] = SourceLocation(file: file, line: node.mark?.line, field: path.isEmpty ? nil : path)
        return true
    }

    static func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    static func describe(_ node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let scalar): return isNull(node) ? "nothing" : "'\(scalar.string)'"
        case .alias: return "an alias"
        }
    }

    // MARK: Containers

    /// The keys of a mapping; unknown keys, non-text keys and missing required keys are errors.
    func mapping(_ node: Node, _ path: String, allowed: [String], required: [String] = []) -> Fields? {
        guard visit(node, path) else { return nil }
        guard case .mapping(let mapping) = node else {
            error(path, node, "expected a mapping, found \(Self.describe(node))")
            return nil
        }
        var fields = Fields(path: path, node: node, values: [:])
        for (keyNode, value) in mapping {
            guard case .scalar(let keyScalar) = keyNode else {
                error(path, keyNode, "keys must be text, found \(Self.describe(keyNode))")
                continue
            }
            let key = keyScalar.string
            guard allowed.contains(key) else {
                var message = "unknown key '\(key)'"
                if let guess = Self.closest(to: key, in: allowed) { message += " (did you mean '\(guess)'?)" }
                error(fields.path(key), keyNode, message)
                continue
            }
            if Self.isNull(value) && !required.contains(key) { continue }
            fields.values[key] = value
        }
        for key in required where fields.values[key] == nil {
            error(path, node, "missing required key '\(key)'")
        }
        return fields
    }

    func sequence(_ node: Node, _ path: String) -> [Node]? {
        guard visit(node, path) else { return nil }
        guard case .sequence(let sequence) = node else {
            error(path, node, "expected a list, found \(Self.describe(node))")
            return nil
        }
        return Array(sequence)
    }

    /// Reads `fields[key]` with `convert`; a missing required key was already reported by `mapping`.
    func read<T>(_ fields: Fields, _ key: String, _ convert: (Node, String) -> T?) -> T? {
        guard let node = fields.values[key] else { return nil }
        let path = fields.path(key)
        if Self.isNull(node) {
            error(path, node, "a value is required")
            return nil
        }
        return convert(node, path)
    }

    // MARK: Scalars

    private func scalarText(_ node: Node, _ path: String, expected: String) -> String? {
        guard visit(node, path) else { return nil }
        guard case .scalar(let scalar) = node, !Self.isNull(node) else {
            error(path, node, "expected \(expected), found \(Self.describe(node))")
            return nil
        }
        return scalar.string
    }

    func string(_ node: Node, _ path: String) -> String? { scalarText(node, path, expected: "text") }

    func int(_ node: Node, _ path: String) -> Int? {
        guard let text = scalarText(node, path, expected: "an integer") else { return nil }
        let digits = text.hasPrefix("-") || text.hasPrefix("+") ? text.dropFirst() : Substring(text)
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(text) else {
            error(path, node, "expected an integer, found '\(text)'")
            return nil
        }
        return value
    }

    func double(_ node: Node, _ path: String) -> Double? {
        guard let text = scalarText(node, path, expected: "a number") else { return nil }
        guard text.allSatisfy({ "0123456789+-.eE".contains($0) }), let value = Double(text), value.isFinite else {
            error(path, node, "expected a number, found '\(text)'")
            return nil
        }
        return value
    }

    func bool(_ node: Node, _ path: String) -> Bool? {
        guard let text = scalarText(node, path, expected: "true or false") else { return nil }
        switch text {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default:
            error(path, node, "expected true or false, found '\(text)'")
            return nil
        }
    }

    /// A `YYYY-MM-DD` date, read from the raw scalar (Yams would resolve it as a timestamp).
    func date(_ node: Node, _ path: String) -> CivilDate? {
        guard let text = scalarText(node, path, expected: "a date (YYYY-MM-DD)") else { return nil }
        guard let date = CivilDate(iso: text) else {
            error(path, node, "'\(text)' is not a valid date (expected YYYY-MM-DD)")
            return nil
        }
        return date
    }

    /// `{from, to}`; with `allowSingle`, a single date is the range of that day.
    func range(_ node: Node, _ path: String, allowSingle: Bool = false, extraKeys: [String] = []) -> (DateRange, Fields?)? {
        if allowSingle, case .scalar = node {
            guard let date = date(node, path) else { return nil }
            return (DateRange(single: date), nil)
        }
        guard let fields = mapping(node, path, allowed: ["from", "to"] + extraKeys, required: ["from", "to"]) else { return nil }
        guard let from = read(fields, "from", date), let to = read(fields, "to", date) else { return nil }
        return (DateRange(from: from, to: to), fields)
    }

    func stringList(_ node: Node, _ path: String) -> [String]? {
        guard let items = sequence(node, path) else { return nil }
        var result: [String] = []
        var failed = false
        for (index, item) in items.enumerated() {
            if let text = string(item, "\(path)[\(index)]") { result.append(text) } else { failed = true }
        }
        return failed ? nil : result
    }

    /// An id-keyed mapping (`staff`, `count`, `officers`) in source order.
    func entries<V>(_ node: Node, _ path: String, _ convert: (Node, String) -> V?) -> [Entry<V>]? {
        guard visit(node, path) else { return nil }
        guard case .mapping(let mapping) = node else {
            error(path, node, "expected a mapping of id: value, found \(Self.describe(node))")
            return nil
        }
        var result: [Entry<V>] = []
        for (keyNode, value) in mapping {
            guard case .scalar(let key) = keyNode else {
                error(path, keyNode, "keys must be ids, found \(Self.describe(keyNode))")
                continue
            }
            let entryPath = "\(path).\(key.string)"
            if let converted = convert(value, entryPath) { result.append(Entry(key.string, converted)) }
        }
        return result
    }

    // MARK: Suggestions

    static func closest(to key: String, in candidates: [String]) -> String? {
        let scored = candidates.map { ($0, distance(key.lowercased(), $0)) }.min { $0.1 < $1.1 }
        guard let (best, score) = scored, score <= max(2, key.count / 3), score < key.count else { return nil }
        return best
    }

    static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        var row = Array(0...y.count)
        for i in 1...max(1, x.count) where !x.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in stride(from: 1, through: y.count, by: 1) {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (x[i - 1] == y[j - 1] ? 0 : 1))
                previous = current
            }
        }
        return x.isEmpty ? y.count : row[y.count]
    }
}
