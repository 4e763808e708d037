/// An input problem located in a file: `scenario.yaml:42: requests[3].officers.yjgl: department 'yjgl' is
/// not defined`, or for CSV `requests/scjg.csv:7: column 人员: …`.
public struct Diagnostic: Error, Equatable, Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }

    public var severity: Severity
    /// The file as the user named it (relative paths stay relative).
    public var file: String
    /// 1-based line (CSV: the line the row starts on); nil when the problem concerns the whole file.
    public var line: Int?
    /// The field path (`requests[3].officers.yjgl`) or, for CSV, `column 人员`; nil for whole-file problems.
    public var field: String?
    public var message: String

    public init(_ severity: Severity = .error, file: String, line: Int? = nil, field: String? = nil,
                message: String) {
        self.severity = severity
        self.file = file
        self.line = line
        self.field = field
        self.message = message
    }

    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        if severity == .warning { text += "warning: " }
        if let field { text += "\(field): " }
        return text + message
    }
}

/// Several diagnostics at once: `validate` lists every error, not only the first.
public struct DiagnosticList: Error, Equatable, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
