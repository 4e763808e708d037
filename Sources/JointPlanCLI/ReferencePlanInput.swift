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
        let plan = try PlanFileInput.load(reference)
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

    /// The `replan` record of `plan`: every moved session, and every pinned session the scenario no
    /// longer allows where it is (reported, never silently unpinned).
    func record(for plan: PlanDocument, conflicts: [PinnedConflict]) -> ReplanRecord? {
        guard isActive else { return nil }
        let moved = plan.sessions.compactMap { session -> ReplanRecord.Moved? in
            let key = SessionKey(request: session.request, round: session.round, region: session.region)
            guard let week = referenceWeeks[key], week != session.week else { return nil }
            return ReplanRecord.Moved(request: key.request, round: key.round, region: key.region, fromWeek: week, toWeek: session.week)
        }.sorted { ($0.request, $0.round, $0.region) < ($1.request, $1.round, $1.region) }
        let placed = Set(plan.sessions.map { SessionKey(request: $0.request, round: $0.round, region: $0.region) })
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
        return ReplanRecord(freezeUntil: freezeUntil, pinned: pinned.count, moved: moved, conflicts: records)
    }
}

/// Reads a plan.json named on the command line; unreadable or malformed files exit 2.
enum PlanFileInput {
    static func load(_ path: String) throws -> PlanDocument {
        guard let data = FileManager.default.contents(atPath: path) else {
            FileHandleOutput.standardError("\(path): cannot read the plan file")
            throw ExitCode(ExitStatus.invalidInput)
        }
        do {
            return try PlanJSON.decode(data, file: path)
        } catch {
            FileHandleOutput.standardError("\(error)")
            throw ExitCode(ExitStatus.invalidInput)
        }
    }
}
