import Foundation
import JointPlanCore

/// `calendar/<department>.ics`: one RFC 5545 calendar per department of the scenario, empty for a
/// department without sessions (so a re-published plan clears what an earlier one gave it).
///
/// One all-day VEVENT per run of consecutive days of each session (DTEND is the day after the run, as
/// RFC 5545 makes all-day ends exclusive). UIDs are built from the request, round, region and run index,
/// the plan year and the scenario's top regions (the city), but not the week nor the scenario's title, so
/// a re-published plan updates events in place when a session moves or the plan is retitled ("年中调整版").
/// Ids may hold `-`, `_` and `.`, so the parts are joined with `~`, which they cannot hold: two sessions
/// never share a UID. Lines end in CRLF and fold at 75 octets without splitting a character.
enum ICalendar {
    struct Calendar {
        /// The department id made safe for a file name.
        var fileStem: String
        var data: Data
    }

    static func render(_ context: PublishContext) -> [Calendar] {
        var sessionsByDepartment: [String: [SessionView]] = [:]
        for view in context.sessions {
            for department in context.departments(of: view) {
                sessionsByDepartment[department, default: []].append(view)
            }
        }
        let stamp = dateTimeStamp(context.options.generatedAt)
        // File names compared without case: `SCJG.ics` and `scjg.ics` are one file on macOS and Windows.
        var used = Set<String>()
        var calendars: [Calendar] = []
        let departments = Set(context.scenario.departments.map(\.id)).union(sessionsByDepartment.keys)
        for department in context.ordered(departments: departments) {
            var stem = sanitize(department)
            while used.contains(stem.lowercased()) { stem += "_" }
            used.insert(stem.lowercased())
            let views = sessionsByDepartment[department] ?? []
            calendars.append(Calendar(fileStem: stem,
                                      data: calendar(for: department, views: views, stamp: stamp, context)))
        }
        return calendars
    }

    static func calendar(for department: String, views: [SessionView], stamp: String,
                         _ context: PublishContext) -> Data {
        let labels = context.labels
        var lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//jointplan//jointplan-plan v1//\(context.options.lang == .zh ? "ZH" : "EN")",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:" + escape(labels.calendarName(context.departmentName(department), context.scenario.name)),
        ]
        let scenarioKey = "\(context.scenario.year)~" + planningArea(context.scenario)
        for view in views {
            let session = view.session
            for (index, range) in view.ranges.enumerated() {
                let uid = [session.request, "\(session.round)", session.region, "\(index + 1)"].map(sanitize)
                    .joined(separator: "~") + "~" + scenarioKey + "@jointplan"
                lines += [
                    "BEGIN:VEVENT",
                    "UID:" + uid,
                    "DTSTAMP:" + stamp,
                    "DTSTART;VALUE=DATE:" + basicDate(range.from),
                    "DTEND;VALUE=DATE:" + basicDate(range.to.adding(days: 1)),
                    "SUMMARY:" + escape(labels.titleSuffixed(view.title, context.regionName(session.region))),
                    "DESCRIPTION:" + escape(description(view, context)),
                    "TRANSP:TRANSPARENT",
                    "END:VEVENT",
                ]
            }
        }
        // RFC 5545 wants at least one component: a department without sessions gets the plan's time zone,
        // so its calendar stays valid (and, re-published, clears the events an earlier plan gave it).
        if !lines.contains("BEGIN:VEVENT") {
            lines += ["BEGIN:VTIMEZONE", "TZID:Asia/Shanghai", "BEGIN:STANDARD", "DTSTART:19700101T000000",
                      "TZOFFSETFROM:+0800", "TZOFFSETTO:+0800", "TZNAME:CST", "END:STANDARD", "END:VTIMEZONE"]
        }
        lines.append("END:VCALENDAR")
        return Data(lines.map { fold($0) + "\r\n" }.joined().utf8)
    }

    /// Lead, partners, region, targets, officers per department, round and the request's note.
    static func description(_ view: SessionView, _ context: PublishContext) -> String {
        let labels = context.labels
        let colon = context.options.lang == .zh ? "：" : ": "
        var rows = [
            labels.lead + colon + (view.lead.isEmpty ? "" : context.departmentName(view.lead)),
            labels.partners + colon + context.list(view.partners.map(context.departmentName)),
            labels.region + colon + context.regionName(view.session.region),
            labels.targets + colon + context.list(view.session.targets.map(context.targetName)),
            labels.officersHeading + colon + context.officersText(view),
            labels.roundHeading + colon + labels.round(view.session.round),
            labels.dates + colon + context.datesText(view),
        ]
        if let note = context.scenario.request(view.session.request)?.note, !note.isEmpty {
            rows.append(labels.note + colon + note)
        }
        return rows.joined(separator: "\n")
    }

    // MARK: RFC 5545 text

    /// TEXT escaping (RFC 5545 §3.3.11): backslash, semicolon, comma and newline; other controls dropped.
    static func escape(_ text: String) -> String {
        var result = ""
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        for scalar in normalized.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case ";": result += "\\;"
            case ",": result += "\\,"
            case "\n": result += "\\n"
            default:
                // TEXT allows the tab (WSP); other controls are dropped.
                if (scalar.value < 0x20 && scalar != "\t") || scalar.value == 0x7F { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Folds a content line into pieces of at most 75 octets (RFC 5545 §3.1), continuation pieces starting
    /// with one space that counts toward the 75. Never splits a UTF-8 encoded character, and keeps each
    /// escape pair (`\n`, `\,`, …) on one line for the sake of lenient readers.
    static func fold(_ line: String) -> String {
        var tokens: [String] = []
        var pendingBackslash = false
        for scalar in line.unicodeScalars {
            if pendingBackslash {
                tokens[tokens.count - 1].unicodeScalars.append(scalar)
                pendingBackslash = false
            } else {
                tokens.append(String(scalar))
                pendingBackslash = scalar == "\\"
            }
        }
        var pieces: [String] = []
        var current = ""
        var octets = 0
        for token in tokens {
            let size = token.utf8.count
            if octets + size > 75 {
                pieces.append(current)
                current = " "
                octets = 1
            }
            current += token
            octets += size
        }
        pieces.append(current)
        return pieces.joined(separator: "\r\n")
    }

    /// Characters allowed in UIDs and file names: the identifier alphabet; anything else becomes `_`.
    static func sanitize(_ id: String) -> String {
        var result = String(id.unicodeScalars.map { scalar -> Character in
            let ok = scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || "_.-".unicodeScalars.contains(scalar))
            return ok ? Character(scalar) : "_"
        })
        if result.isEmpty || result.hasPrefix(".") { result = "_" + result }
        return result
    }

    /// What stays the same across revisions of one city's plan: its top regions (those without a parent),
    /// by id, or a hash of them when there are several.
    static func planningArea(_ scenario: Scenario) -> String {
        let tops = scenario.regions.filter { $0.parent == nil }.map(\.id).sorted()
        return tops.count == 1 ? sanitize(tops[0]) : hash(tops.joined(separator: ","))
    }

    /// FNV-1a (32 bit) of the text, in hex: a short, stable, digest-free key for the scenario name.
    static func hash(_ text: String) -> String {
        var value: UInt32 = 0x811C_9DC5
        for byte in text.utf8 {
            value ^= UInt32(byte)
            value = value &* 0x0100_0193
        }
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }

    static func basicDate(_ date: CivilDate) -> String { date.iso.replacingOccurrences(of: "-", with: "") }

    /// `YYYYMMDDTHHMMSSZ` in UTC.
    static func dateTimeStamp(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = Int((Double(seconds) / 86_400).rounded(.down))
        let secondOfDay = seconds - days * 86_400
        let pad = { (value: Int) in value < 10 ? "0\(value)" : "\(value)" }
        return basicDate(CivilDate(ordinal: days)) + "T" + pad(secondOfDay / 3600) + pad(secondOfDay % 3600 / 60)
            + pad(secondOfDay % 60) + "Z"
    }
}
