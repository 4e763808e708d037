import ArgumentParser
import Foundation
import JointPlanCore
import JointPlanFormats
import JointPlanSolver

/// `--reference PLAN.json --freeze-until DATE` (§7): the reference plan's sessions whose first day is
/// before DATE are pinned (H7) with their published week and days; every session's reference week prices
/// the `move` term.
struct ReferencePlanInput {
    var pinned: [PinnedSession] = []
    var referenceWeeks: [SessionKey: Int] = [:]
    var freezeUntil: String?
    var isActive = false

    static func load(reference: String?, freezeUntil: String?, scenario: Scenario) throws -> ReferencePlanInput {
        guard let reference else { return ReferencePlanInput() }
        let plan = try PlanFileInput.loadForPlanning(reference, scenario: scenario)
        // A plan of the same year that shares no session with the scenario was made for another one (another
        // city, a renumbered sheet): nothing of it could be pinned or priced, so it is refused, not turned
        // into one "no such session" warning per session.
        if !plan.sessions.isEmpty,
           !plan.sessions.contains(where: { scenario.hasSession($0.request, round: $0.round, region: $0.region) }) {
            try PlanFileInput.refuse(Diagnostic(
                file: reference, field: "sessions",
                message: "none of the plan's \(plan.sessions.count) sessions is a session of \(scenario.name) (request, round and region): it was made for another scenario; plan without --reference"))
        }
        // A freeze date outside the plan's year is allowed (freeze all, freeze nothing) but rarely meant.
        if let text = freezeUntil, let date = CivilDate(iso: text), date.year != scenario.year {
            let effect = date.year > scenario.year
                ? "every session of the reference plan is pinned, and no other session can be placed (the whole year is past)"
                : "no session of the reference plan is pinned"
            FileHandleOutput.standardError("warning: --freeze-until \(text) is outside \(scenario.year): \(effect)")
        }
        return ReferencePlanInput(plan: plan, freezeUntil: freezeUntil)
    }

    init() {}

    init(plan: PlanDocument, freezeUntil: String?) {
        isActive = true
        self.freezeUntil = freezeUntil
        let freeze = freezeUntil.flatMap(CivilDate.init(iso:))
        for session in plan.sessions {
            let key = SessionKey(request: session.request, round: session.round, region: session.region)
            referenceWeeks[key] = session.week
            let days = session.days.compactMap(CivilDate.init(iso:))
            if let freeze, let first = days.min(), first < freeze {
                pinned.append(PinnedSession(key: key, week: session.week,
                                            days: days.count == session.days.count ? days : nil))
            }
        }
    }

    /// The `replan` record of `plan`: every moved session, every published session it leaves out, and
    /// every pinned session the scenario no longer allows where it is (reported, never silently unpinned).
    func record(for plan: PlanDocument, conflicts: [PinnedConflict]) -> ReplanRecord? {
        guard isActive else { return nil }
        let moved = plan.sessions.compactMap { session -> ReplanRecord.Moved? in
            let key = SessionKey(request: session.request, round: session.round, region: session.region)
            guard let week = referenceWeeks[key], week != session.week else { return nil }
            return ReplanRecord.Moved(request: key.request, round: key.round, region: key.region, fromWeek: week, toWeek: session.week)
        }.sorted { ($0.request, $0.round, $0.region) < ($1.request, $1.round, $1.region) }
        let placed = Set(plan.sessions.map { SessionKey(request: $0.request, round: $0.round, region: $0.region) })
        let pinnedKeys = Set(pinned.map(\.key))
        let dropped = referenceWeeks.filter { !placed.contains($0.key) && !pinnedKeys.contains($0.key) }
            .sorted { $0.key < $1.key }
            .map { ReplanRecord.Dropped(request: $0.key.request, round: $0.key.round, region: $0.key.region, week: $0.value) }
        var records = conflicts.map { conflict in
            ReplanRecord.Conflict(rule: conflict.rule, request: conflict.session?.request, round: conflict.session?.round,
                                  region: conflict.session?.region, message: conflict.message)
        }
        // A pinned session missing from the plan although the scenario has it would be a solver bug; say so.
        let reported = Set(conflicts.compactMap(\.session))
        for pin in pinned where !placed.contains(pin.key) && !reported.contains(pin.key) {
            records.append(ReplanRecord.Conflict(rule: "H7", request: pin.key.request, round: pin.key.round, region: pin.key.region,
                                                 message: "pinned in week \(pin.week) but not in the plan"))
        }
        let added = plan.sessions.map { SessionKey(request: $0.request, round: $0.round, region: $0.region) }
            .filter { referenceWeeks[$0] == nil }.sorted()
        return ReplanRecord(freezeUntil: freezeUntil, pinned: pinned.count, moved: moved, dropped: dropped, added: added,
                            conflicts: records)
    }
}

/// Reads a plan.json named on the command line; unreadable or malformed files exit 2.
enum PlanFileInput {
    /// A plan.json is about 1 KiB per session; far above any real plan, and bounded so that /dev/zero or a
    /// stray disk image is refused instead of read into memory.
    static let maximumBytes = 64 * 1024 * 1024

    static func load(_ path: String) throws -> PlanDocument {
        func fail(_ message: String) -> ExitCode {
            FileHandleOutput.standardError("\(path): \(message)")
            return ExitCode(ExitStatus.invalidInput)
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw fail("cannot read the plan file: no such file or directory")
        }
        guard !isDirectory.boolValue else { throw fail("cannot read the plan file: is a directory, not a file") }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw fail("cannot read the plan file (permission denied?)") }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: maximumBytes + 1) ?? Data()
        } catch {
            throw fail("cannot read the plan file: \(error.localizedDescription)")
        }
        guard data.count <= maximumBytes else {
            throw fail("file is too large for a plan (the limit is \(maximumBytes / 1024 / 1024) MiB)")
        }
        do {
            return try PlanJSON.decode(data, file: path)
        } catch {
            FileHandleOutput.standardError("\(error)")
            throw ExitCode(ExitStatus.invalidInput)
        }
    }
}

extension PlanFileInput {
    /// A plan file to read without a scenario (`compare`): refused (exit 2) when a session cannot be.
    static func loadStandalone(_ path: String) throws -> PlanDocument {
        let plan = try load(path)
        try refuse(sessionProblem(plan, file: path, calendar: nil))
        return plan
    }

    /// Refuses (exit 2) a plan that was not made for the scenario whose digest is `digest`.
    static func requireDigest(_ plan: PlanDocument, file path: String, digest: String, scenario: String) throws {
        guard plan.scenario.digest != digest else { return }
        try refuse(Diagnostic(file: path, field: "scenario.digest",
                              message: "the plan was made for scenario digest \(plan.scenario.digest), not for \(scenario) (digest \(digest))"))
    }

    /// A plan whose sessions steer the planning of `scenario` (the `--reference` plan, the current plan of
    /// `recommend`, the base plan of `whatif`): besides being well-formed JSON, it must be a plan of the
    /// scenario's year whose every session lies in a week of that year, on days that are dates of its
    /// week, and is listed once. Anything else is input error (exit 2) naming the file and the field,
    /// before the planner sees a week it has no row for.
    static func loadForPlanning(_ path: String, scenario: Scenario) throws -> PlanDocument {
        let plan = try load(path)
        try refuse(planningProblem(plan, scenario: scenario, file: path))
        return plan
    }

    /// Prints `problem` and exits 2, when there is one.
    static func refuse(_ problem: Diagnostic?) throws {
        guard let problem else { return }
        FileHandleOutput.standardError(problem.description)
        throw ExitCode(ExitStatus.invalidInput)
    }

    static func planningProblem(_ plan: PlanDocument, scenario: Scenario, file: String) -> Diagnostic? {
        guard plan.scenario.year == scenario.year else {
            return Diagnostic(file: file, field: "scenario.year",
                              message: "the plan is for \(plan.scenario.year), the scenario for \(scenario.year)")
        }
        return sessionProblem(plan, file: file, calendar: try? PlanCalendar(year: scenario.year, spec: scenario.calendar))
    }

    /// The first session of `plan` that cannot be: a week outside the year, a day that is no date or not in
    /// its week, a day or a session listed twice. Without a calendar (`compare` has no scenario) weeks are
    /// checked against 1–53 and days only for being dates.
    static func sessionProblem(_ plan: PlanDocument, file: String, calendar: PlanCalendar?) -> Diagnostic? {
        var seen = Set<SessionKey>()
        for (index, session) in plan.sessions.enumerated() {
            let field = "sessions[\(index)]"
            guard calendar?.weeks.contains(session.week) ?? (1...53).contains(session.week) else {
                return Diagnostic(file: file, field: field + ".week",
                                  message: "week \(session.week) is not a week of \(plan.scenario.year) (1–\(calendar?.weekCount ?? 53))")
            }
            // A placed session has at least one day: without days a reference session could not be pinned.
            guard !session.days.isEmpty else {
                return Diagnostic(file: file, field: field + ".days", message: "a placed session needs its days (found none)")
            }
            var days = Set<CivilDate>()
            for (dayIndex, text) in session.days.enumerated() {
                let dayField = "\(field).days[\(dayIndex)]"
                guard let day = CivilDate(iso: text) else {
                    return Diagnostic(file: file, field: dayField, message: "'\(text)' is not a date (YYYY-MM-DD)")
                }
                if let calendar, calendar.week(of: day) != session.week {
                    return Diagnostic(file: file, field: dayField, message: "\(text) is not a day of week \(session.week)")
                }
                guard days.insert(day).inserted else {
                    return Diagnostic(file: file, field: dayField, message: "\(text) is listed twice")
                }
            }
            let key = SessionKey(request: session.request, round: session.round, region: session.region)
            guard seen.insert(key).inserted else {
                return Diagnostic(file: file, field: field,
                                  message: "\(session.request) round \(session.round) in \(session.region) is listed more than once")
            }
        }
        return nil
    }
}

private extension Scenario {
    /// Whether the scenario has a session (request, round, region), as §5 derives sessions from requests.
    func hasSession(_ requestID: String, round: Int, region: String) -> Bool {
        guard let request = request(requestID) else { return false }
        return (1...max(1, request.rounds)).contains(round) && request.regions.contains(region)
    }
}
