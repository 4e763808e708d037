import Crypto
import JointPlanCore

/// The canonical JSON of a resolved scenario and its SHA-256, the `scenario.digest` of a plan.
///
/// Canonical form: objects with keys sorted by code point, no whitespace, every default filled in
/// (a missing `window` is the whole year; absent optional values are `null`), dates as ISO strings,
/// lists in source order, id-keyed maps as objects. Numbers: a double that is integral and below 2^53
/// in magnitude prints as an integer (`40`, not `40.0`); others print Swift's shortest round-trip form
/// (`0.3`, `1e-05`). Strings escape `"`, `\` and control characters only (`\n`, `\t`, … or `\u00XX`).
public enum ScenarioDigest {
    public static func canonicalJSON(_ scenario: Scenario) -> String {
        var output = ""
        value(of: scenario).write(to: &output)
        return output
    }

    public static func sha256Hex(_ scenario: Scenario) -> String {
        let digest = SHA256.hash(data: Array(canonicalJSON(scenario).utf8))
        return digest.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    static func value(of s: Scenario) -> JSONValue {
        let yearRange = DateRange(from: CivilDate(year: s.year, month: 1, day: 1) ?? CivilDate(ordinal: 0),
                                  to: CivilDate(year: s.year, month: 12, day: 31) ?? CivilDate(ordinal: 0))
        func range(_ r: DateRange) -> JSONValue { .object(["from": .string(r.from.iso), "to": .string(r.to.iso)]) }
        func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
        func optional(_ number: Int?) -> JSONValue { number.map { .number(Double($0)) } ?? .null }
        func map<V>(_ entries: [Entry<V>], _ convert: (V) -> JSONValue) -> JSONValue {
            .object(Dictionary(entries.map { ($0.key, convert($0.value)) }, uniquingKeysWith: { first, _ in first }))
        }
        let o = s.objective
        return .object([
            "format": .string("jointplan/v1"),
            "name": .string(s.name),
            "year": .number(Double(s.year)),
            "calendar": .object(["preset": optional(s.calendar.preset), "holidays": .array(s.calendar.holidays.map(range)),
                                 "workdays": .array(s.calendar.workdays.map(range))]),
            "policy": .object(["min_revisit_weeks": .number(Double(s.policy.minRevisitWeeks)),
                               "max_visits_per_year": optional(s.policy.maxVisitsPerYear),
                               "max_visits_per_department": optional(s.policy.maxVisitsPerDepartment)]),
            "regions": .array(s.regions.map { region in
                .object(["id": .string(region.id), "name": .string(region.name), "parent": optional(region.parent),
                         "closed": .array(region.closed.map { .object(["from": .string($0.range.from.iso), "to": .string($0.range.to.iso),
                                                                       "reason": optional($0.reason)]) })])
            }),
            "departments": .array(s.departments.map { department in
                .object(["id": .string(department.id), "name": .string(department.name),
                         "staff": map(department.staff) { .number($0) }, "share": .number(department.share),
                         "unavailable": .array(department.unavailable.map {
                             .object(["from": .string($0.range.from.iso), "to": .string($0.range.to.iso), "fraction": .number($0.fraction),
                                      "reason": optional($0.reason), "training": .bool($0.training)])
                         })])
            }),
            "targets": .array(s.targets.map { target in
                .object(["id": .string(target.id), "name": .string(target.name), "count": map(target.count) { .number(Double($0)) },
                         "min_revisit_weeks": optional(target.minRevisitWeeks), "max_visits_per_year": optional(target.maxVisitsPerYear),
                         "max_visits_per_department": optional(target.maxVisitsPerDepartment)])
            }),
            "requests": .array(s.requests.map { request in
                .object(["id": .string(request.id), "title": .string(request.title), "lead": .string(request.lead),
                         "partners": .array(request.partners.map(JSONValue.string)), "targets": .array(request.targets.map(JSONValue.string)),
                         "regions": .array(request.regions.map(JSONValue.string)), "rounds": .number(Double(request.rounds)),
                         "min_gap_weeks": .number(Double(request.minGapWeeks)), "duration_days": .number(Double(request.durationDays)),
                         "officers": map(request.officers) { .number(Double($0)) }, "window": range(request.window ?? yearRange),
                         "preferred": request.preferred.map(range) ?? .null, "priority": .string(request.priority.rawValue),
                         "sync_regions": .bool(request.syncRegions), "note": optional(request.note)])
            }),
            "objective": .object([
                "unscheduled": .object(["mandatory": .number(o.unscheduledMandatory), "high": .number(o.unscheduledHigh),
                                        "normal": .number(o.unscheduledNormal), "low": .number(o.unscheduledLow)]),
                "visit": .number(o.visit), "outside_preferred": .number(o.outsidePreferred), "overload": .number(o.overload),
                "move": .number(o.move), "balance_threshold": .number(o.balanceThreshold),
            ]),
        ])
    }
}

/// A JSON value with one deterministic compact serialisation (see `ScenarioDigest`).
enum JSONValue: Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    func write(to output: inout String) {
        switch self {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .number(let number): output += Self.format(number)
        case .string(let text): Self.writeString(text, to: &output)
        case .array(let items):
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += "," }
                item.write(to: &output)
            }
            output += "]"
        case .object(let members):
            output += "{"
            for (index, key) in members.keys.sorted(by: { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }).enumerated() {
                if index > 0 { output += "," }
                Self.writeString(key, to: &output)
                output += ":"
                members[key]!.write(to: &output)
            }
            output += "}"
        }
    }

    static func format(_ number: Double) -> String {
        guard number.isFinite else { return "null" }
        if number == number.rounded(), abs(number) < 9_007_199_254_740_992 { return String(Int64(number)) }
        return "\(number)"
    }

    static func writeString(_ text: String, to output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }
}
