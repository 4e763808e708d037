import JointPlanCore
import Yams

/// Parses YAML text into a Yams node tree, turning every failure into a located `Diagnostic`.
///
/// Anchors and aliases are refused before Yams sees the text: the scenario format does not need them,
/// and an alias bomb (billion laughs) would otherwise expand exponentially while Yams hashes mapping keys
/// or while the builder walks the tree. The builder also walks under a node budget as a second guard.
enum YAMLSource {
    static func compose(_ text: String, file: String) throws(Diagnostic) -> Node {
        if let (line, token) = firstAnchorOrAlias(in: text) {
            throw Diagnostic(file: file, line: line, message: "YAML anchors and aliases are not supported (found '\(token)')")
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw diagnostic(for: error, text: text, file: file)
        } catch {
            throw Diagnostic(file: file, message: "YAML syntax error: \(error)")
        }
        guard let root else { throw Diagnostic(file: file, message: "the file is empty") }
        if case .scalar(let scalar) = root, scalar.style == .plain, scalar.string.isEmpty {
            throw Diagnostic(file: file, message: "the file is empty")
        }
        return root
    }

    static func diagnostic(for error: YamlError, text: String, file: String) -> Diagnostic {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _):
            let detail = context.map { " (\($0.text) started at line \($0.mark.line))" } ?? ""
            return Diagnostic(file: file, line: mark.line, message: "YAML syntax error: \(problem)\(detail)")
        case let .composer(_, problem, mark, _):
            return Diagnostic(file: file, line: mark.line, message: "YAML error: \(problem)")
        case let .duplicatedKeysInMapping(duplicates, context):
            let key = duplicates.first ?? "?"
            let line = lineOfRepeat(key: key, after: context.mark, in: text) ?? context.mark.line
            return Diagnostic(file: file, line: line, message: "duplicate key '\(key)'")
        case let .reader(problem, offset, _, _):
            let line = offset.map { offset in text.utf8.prefix(offset).count(where: { $0 == 0x0A }) + 1 }
            return Diagnostic(file: file, line: line, message: "cannot read the YAML text: \(problem)")
        default:
            return Diagnostic(file: file, message: "YAML error: \(error)")
        }
    }

    /// Yams reports a duplicated key at its first occurrence; the user needs the repeat. Looks for a later
    /// line holding the same key at the same column (block mappings); nil if none is found.
    static func lineOfRepeat(key: String, after mark: Mark, in text: String) -> Int? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard mark.line >= 1, mark.line <= lines.count else { return nil }
        let column = mark.column - 1
        for index in mark.line..<lines.count {
            let scalars = Array(lines[index].unicodeScalars)
            guard let first = scalars.firstIndex(where: { $0 != " " }), scalars[first] != "#" else { continue }
            // A line less indented than the mapping ends it (a new list item starts a new mapping).
            if first < column { return nil }
            guard first == column else { continue }
            let rest = String(String.UnicodeScalarView(scalars[column...]))
            for candidate in [key, "\"\(key)\"", "'\(key)'"] where rest.hasPrefix(candidate) {
                let after = rest.dropFirst(candidate.count).drop(while: { $0 == " " })
                if after.hasPrefix(":") { return index + 1 }
            }
        }
        return nil
    }

    /// The first `&anchor` or `*alias` token in node position, outside quotes and comments.
    static func firstAnchorOrAlias(in text: String) -> (line: Int, token: String)? {
        var quote: Unicode.Scalar? = nil
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (lineIndex, line) in lines.enumerated() {
            let scalars = Array(line.unicodeScalars)
            var previous: Unicode.Scalar? = nil  // last non-blank scalar outside quotes on this line
            var sawBlank = true
            var index = 0
            while index < scalars.count {
                let scalar = scalars[index]
                if let open = quote {
                    if open == "\"" && scalar == "\\" { index += 2; continue }
                    if scalar == open {
                        if open == "'" && index + 1 < scalars.count && scalars[index + 1] == "'" { index += 2; continue }
                        quote = nil
                        previous = scalar
                        sawBlank = false
                    }
                    index += 1
                    continue
                }
                if scalar == " " || scalar == "\t" || scalar == "\r" { sawBlank = true; index += 1; continue }
                if scalar == "#" && sawBlank { break }
                let atNodeStart: Bool
                switch previous {
                case nil: atNodeStart = true
                case "[", "{", ",": atNodeStart = true
                case "-", ":", "?": atNodeStart = sawBlank
                default: atNodeStart = false
                }
                if atNodeStart && (scalar == "\"" || scalar == "'") {
                    quote = scalar
                } else if atNodeStart && (scalar == "*" || scalar == "&"), index + 1 < scalars.count,
                          !" \t,[]{}".unicodeScalars.contains(scalars[index + 1]) {
                    let name = scalars[index...].prefix { !" \t,[]{}".unicodeScalars.contains($0) }
                    return (lineIndex + 1, String(String.UnicodeScalarView(name)))
                }
                previous = scalar
                sawBlank = false
                index += 1
            }
        }
        return nil
    }
}
