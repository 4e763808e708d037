import ArgumentParser
import Foundation
import JointPlanCore
import JointPlanFormats
import JointPlanSolver

/// `--reference PLAN.json --freeze-until DATE` (§7): the reference plan's sessions whose first day is
/// before DATE are pinned (H7); every session's reference week prices the `move` term.
struct ReferencePlanInput {
    var pinned: [PinnedSession] = []
    var referenceWeeks: [SessionKey: Int] = [:]
    private var pinnedSessions: [PlannedSession] = []

    static func load(reference: String?, freezeUntil: String?, scenario: Scenario) throws -> ReferencePlanInput {
        guard let reference else { return ReferencePlanInput() }
        let plan = try PlanFileInput.load(reference)
        var input = ReferencePlanInput()
        let freeze = freezeUntil.flatMap(CivilDate.init(iso:))
        for session in plan.sessions {
            let key = SessionKey(request: session.request, round: session.round, region: session.region)
            input.referenceWeeks[key] = session.week
            if let freeze, let first = session.days.first.flatMap(CivilDate.init(iso:)), first < freeze {
                input.pinned.append(PinnedSession(key: key, week: session.week))
                input.pinnedSessions.append(session)
            }
        }
        return input
    }

    /// Pinned sessions the new plan could not keep as published: reported, never silently unpinned.
    func conflicts(in plan: PlanDocument) -> [String] {
        pinnedSessions.compactMap { pinned in
            let placed = plan.sessions.first {
                $0.request == pinned.request && $0.round == pinned.round && $0.region == pinned.region
            }
            guard let placed else {
                return "pinned session \(pinned.request) round \(pinned.round) in \(pinned.region) (week \(pinned.week)) cannot be kept in the changed scenario"
            }
            if placed.days != pinned.days {
                return "pinned session \(pinned.request) round \(pinned.round) in \(pinned.region) now falls on \(placed.days.joined(separator: ", ")) instead of \(pinned.days.joined(separator: ", "))"
            }
            return nil
        }
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
