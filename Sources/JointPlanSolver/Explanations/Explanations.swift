import JointPlanCore

/// A plan file that does not fit the scenario it is explained against: the field and what is wrong.
public struct PlanInputError: Error, Equatable, CustomStringConvertible {
    public var field: String
    public var message: String

    public var description: String { "\(field): \(message)" }
}

/// `jointplan explain`: reasons recomputed from the scenario and a plan, without the solver's search.
public enum Explanations {
    /// The explanations of every unscheduled session and every session placed outside its preferred range
    /// (only those of `request` when given), in scenario order.
    public static func explain(scenario: Scenario, plan: PlanDocument,
                               request: String? = nil) throws -> [SessionExplanation] {
        let (instance, placement) = try instanceAndPlacement(scenario: scenario, plan: plan)
        let explainer = Explainer(instance: instance, placement: placement)
        return explainer.explainedSessions
            .filter { request == nil || instance.sessions[$0].key.request == request }
            .compactMap(explainer.explanation(for:))
    }

    /// The scenario's instance with the plan's sessions as a placement; pinned sessions of the plan stay
    /// pinned, and a re-plan's other sessions start on or after its freeze date. Every planned session must be a session of the scenario, in a week of the plan year.
    static func instanceAndPlacement(scenario: Scenario, plan: PlanDocument) throws
        -> (PlanningInstance, [Int?]) {
        let calendar: PlanCalendar
        do {
            calendar = try PlanCalendar(year: scenario.year, spec: scenario.calendar)
        } catch {
            throw PlannerError.calendar("\(error)")
        }
        if plan.scenario.year != scenario.year {
            throw PlanInputError(field: "scenario.year",
                                 message: "the plan is for \(plan.scenario.year), the scenario for \(scenario.year)")
        }
        var keys: [SessionKey: Int] = [:]
        var pinned: [PinnedSession] = []
        for (position, session) in plan.sessions.enumerated() {
            let key = SessionKey(request: session.request, round: session.round, region: session.region)
            let field = "sessions[\(position)]"
            guard calendar.weeks.contains(session.week) else {
                throw PlanInputError(field: field + ".week",
                                     message: "week \(session.week) is not a week of \(scenario.year) (1–\(calendar.weekCount))")
            }
            guard keys[key] == nil else {
                throw PlanInputError(field: field, message: "session \(key) is placed more than once")
            }
            keys[key] = session.week
            if session.pinned { pinned.append(PinnedSession(key: key, week: session.week)) }
        }
        // A re-plan's record gives what the plan alone cannot: the freeze date (the weeks before it are past
        // for every session) and the published week of every session, which prices placing it elsewhere at
        // the `move` weight, as the planner did: moved and dropped sessions name theirs, and a placed session
        // that is not `added` kept its week. (Plans written before `added` existed: kept weeks are unknown.)
        var referenceWeeks: [SessionKey: Int] = [:]
        if let added = plan.replan?.added {
            let new = Set(added)
            for session in plan.sessions {
                let key = SessionKey(request: session.request, round: session.round, region: session.region)
                if !new.contains(key) { referenceWeeks[key] = session.week }
            }
        }
        for moved in plan.replan?.moved ?? [] {
            referenceWeeks[SessionKey(request: moved.request, round: moved.round, region: moved.region)] = moved.fromWeek
        }
        for dropped in plan.replan?.dropped ?? [] {
            referenceWeeks[SessionKey(request: dropped.request, round: dropped.round, region: dropped.region)] = dropped.week
        }
        let instance = PlanningInstance(scenario: scenario, calendar: calendar, pinned: pinned,
                                        referenceWeeks: referenceWeeks,
                                        earliestStart: plan.replan?.freezeUntil.flatMap(CivilDate.init(iso:)))
        for (position, session) in plan.sessions.enumerated() {
            let key = SessionKey(request: session.request, round: session.round, region: session.region)
            guard instance.sessionIndex[key] != nil else {
                let field = scenario.request(key.request) == nil ? "request" : (
                    scenario.request(key.request)!.regions.contains(key.region) ? "round" : "region")
                throw PlanInputError(field: "sessions[\(position)].\(field)",
                                     message: "\(key) is not a session of the scenario")
            }
        }
        let placement = instance.sessions.map { keys[$0.key] }
        return (instance, placement)
    }
}
