import Foundation
import JointPlanCore
import Yams

/// Reading and writing `plan.json` (`format: jointplan-plan/v1`, DESIGN.md §6).
public enum PlanJSON {
    /// Pretty-printed JSON with sorted keys and a trailing newline. Every double is rounded to 6 decimals
    /// first (so floating-point noise never shows and output is byte-stable); non-finite values, which
    /// JSON cannot hold, are written as 0; -0 is written as 0.
    public static func encode(_ plan: PlanDocument) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard var data = try? encoder.encode(rounded(plan)) else { return Data("{}\n".utf8) }
        data.append(0x0A)
        return data
    }

    /// Rounds to 6 decimals; non-finite and negative zero become 0.
    public static func round6(_ value: Double) -> Double {
        guard value.isFinite else { return 0 }
        let scaled = (value * 1_000_000).rounded() / 1_000_000
        guard scaled.isFinite else { return value }  // beyond 1e302 there are no decimals to round
        return scaled == 0 ? 0 : scaled
    }

    static func rounded(_ plan: PlanDocument) -> PlanDocument {
        var plan = plan
        plan.solver.objective = round6(plan.solver.objective)
        plan.solver.bound = round6(plan.solver.bound)
        plan.solver.gap = round6(plan.solver.gap)
        plan.solver.seconds = round6(plan.solver.seconds)
        for index in plan.load.indices {
            plan.load[index].used = round6(plan.load[index].used)
            plan.load[index].capacity = round6(plan.load[index].capacity)
        }
        plan.kpis.overloadOfficerDays = plan.kpis.overloadOfficerDays.mapValues(round6)
        plan.kpis.peakUtilisation = plan.kpis.peakUtilisation.mapValues(round6)
        plan.shortfall = plan.shortfall?.map { record in
            var record = record
            record.officerDaysPerWeek = round6(record.officerDaysPerWeek)
            record.officerDays = round6(record.officerDays)
            return record
        }
        plan.capacityValue = plan.capacityValue?.map { record in
            var record = record
            record.perOfficerDay = round6(record.perOfficerDay)
            record.perOfficer = round6(record.perOfficer)
            return record
        }
        return plan
    }

    private struct FormatProbe: Decodable { var format: String? }

    /// Decodes a plan, naming the missing or mistyped field (`sessions[3].week`) in the message.
    public static func decode(_ data: Data, file: String) throws(Diagnostic) -> PlanDocument {
        let decoder = JSONDecoder()
        let probe: FormatProbe
        do {
            probe = try decoder.decode(FormatProbe.self, from: data)
        } catch {
            throw describe(error, file: file, data: data)
        }
        guard let format = probe.format else { throw Diagnostic(file: file, field: "format", message: "missing field 'format'") }
        guard format == PlanDocument.formatName else {
            throw Diagnostic(file: file, field: "format",
                             message: "unsupported format '\(format)' (expected '\(PlanDocument.formatName)')")
        }
        do {
            return try decoder.decode(PlanDocument.self, from: data)
        } catch {
            throw describe(error, file: file, data: data)
        }
    }

    static func path(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue { text += "[\(index)]" } else { text += (text.isEmpty ? "" : ".") + key.stringValue }
        }
        return text
    }

    /// Where the JSON text stops being JSON (1-based line and column, counted in bytes), and why: the
    /// decoder on Linux says only "The given data was not valid JSON"; JSONSerialization gives the offset.
    static func syntaxError(_ data: Data) -> (line: Int, column: Int, reason: String)? {
        let offset: Int
        let reason: String
        if data.isEmpty {
            return (1, 1, "the file is empty")
        }
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            return nil
        } catch {
            let text = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String) ?? "\(error)"
            if let range = text.range(of: #"character [0-9]+"#, options: .regularExpression),
               let number = Int(text[range].dropFirst("character ".count)) {
                offset = min(max(0, number), data.count)
                reason = text.contains("Invalid value") ? "unexpected text" : text
            } else if text.localizedCaseInsensitiveContains("end of file") {
                offset = data.count
                reason = "the text ends too early (truncated?)"
            } else {
                return (1, 1, text)
            }
        }
        let before = data.prefix(offset)
        let line = before.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
        let lineStart = before.lastIndex(of: 0x0A).map { $0 + 1 } ?? data.startIndex
        return (line, offset - (lineStart - data.startIndex) + 1, reason)
    }

    static func describe(_ error: any Error, file: String, data: Data? = nil) -> Diagnostic {
        if let data, let error = error as? DecodingError, case .dataCorrupted(let context) = error, context.codingPath.isEmpty {
            if let syntax = syntaxError(data) {
                return Diagnostic(file: file, line: syntax.line, message: "invalid JSON at column \(syntax.column): \(syntax.reason)")
            }
            // Well-formed JSON the decoder still refused: a number that does not fit its field.
            return Diagnostic(file: file, message: "invalid plan: a number does not fit its field (a fraction or a value beyond ±2^63 where a whole number is expected)")
        }
        var diagnostic = describe(error, file: file)
        if let data, diagnostic.line == nil, let error = error as? DecodingError {
            diagnostic.line = line(of: codingPath(of: error), in: data)
        }
        return diagnostic
    }

    /// Where the decoder was: for a missing key, the object that lacks it.
    private static func codingPath(of error: DecodingError) -> [any CodingKey] {
        switch error {
        case .keyNotFound(_, let context), .typeMismatch(_, let context), .valueNotFound(_, let context),
             .dataCorrupted(let context):
            return context.codingPath
        @unknown default:
            return []
        }
    }

    /// The line of the value at `codingPath` (the object holding a missing key is at the key's path less
    /// its last element, which the decoder's path already is). JSON is YAML, and YAML nodes know their
    /// lines; nil when the text is not readable as YAML or the path is not found, and for files over 8 MiB
    /// (a city's plan is a few hundred KiB; a YAML tree of a huge one would cost more than the line is worth).
    static func line(of codingPath: [any CodingKey], in data: Data) -> Int? {
        guard data.count <= 8 * 1024 * 1024, let text = String(data: data, encoding: .utf8),
              var node = try? Yams.compose(yaml: text) else { return nil }
        for key in codingPath {
            if let index = key.intValue, case .sequence(let items) = node, items.indices.contains(index) {
                node = items[index]
            } else if case .mapping(let mapping) = node, let value = mapping[key.stringValue] {
                node = value
            } else {
                return nil
            }
        }
        return node.mark?.line
    }

    static func describe(_ error: any Error, file: String) -> Diagnostic {
        guard let error = error as? DecodingError else {
            return Diagnostic(file: file, message: "invalid JSON: \(error.localizedDescription)")
        }
        switch error {
        case let .keyNotFound(key, context):
            let field = path(context.codingPath + [key])
            return Diagnostic(file: file, field: field, message: "missing field '\(field)'")
        case let .typeMismatch(type, context):
            let field = path(context.codingPath)
            return Diagnostic(file: file, field: field.isEmpty ? nil : field, message: "expected \(typeName(type)) for field '\(field)'")
        case let .valueNotFound(type, context):
            let field = path(context.codingPath)
            return Diagnostic(file: file, field: field.isEmpty ? nil : field, message: "field '\(field)' is null; expected \(typeName(type))")
        case let .dataCorrupted(context):
            let field = path(context.codingPath)
            if field.isEmpty { return Diagnostic(file: file, message: "invalid JSON: \(context.debugDescription)") }
            return Diagnostic(file: file, field: field, message: "invalid value: \(context.debugDescription)")
        @unknown default:
            return Diagnostic(file: file, message: "invalid plan: \(error)")
        }
    }

    static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "text"
        case is Int.Type: return "an integer"
        case is Double.Type: return "a number"
        case is Bool.Type: return "true or false"
        default:
            let name = "\(type)"
            return name.hasPrefix("Array") ? "a list" : name.hasPrefix("Dictionary") ? "an object" : "an object (\(name))"
        }
    }
}
