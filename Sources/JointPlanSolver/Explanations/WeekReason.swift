import JointPlanCore

/// Why a session is not in one week of the plan, as data: the rule, its numbers and the ids involved.
/// `ReasonText` renders it in Chinese or English; names come from the scenario either way.
public indirect enum WeekReason: Hashable, Sendable {
    /// H2: the session's days would fall outside the request's window.
    case outsideWindow
    /// H2: the week has `open` working days (in `closedRegion`, after its closures, when they count).
    case tooFewWorkingDays(open: Int, needed: Int, closedRegion: String?)
    /// H7: the session is pinned to another week.
    case pinned(week: Int)
    /// H7 (re-planning): the session would start before the freeze date, in days that are past.
    case beforeFreeze(date: String)
    /// H3: the pool has `free` officer-days left that week, the session needs `needed`.
    case capacity(department: String, pool: String, needed: Double, free: Double)
    /// H4: the previous round is not in the plan.
    case previousRoundUnplaced(round: Int)
    /// H4: round `round` is in `week`, less than `gap` weeks away.
    case roundGap(round: Int, week: Int, gap: Int)
    /// H5: the round's session in `region` is in `week`.
    case synchronised(region: String, week: Int)
    /// H6: the target in the region is visited by `requests` in `week`, within `minRevisit` weeks.
    case revisit(target: String, region: String, requests: [String], week: Int, minRevisit: Int)
    /// H6: the target in the region already has its yearly number of visit weeks.
    case yearCap(target: String, region: String, cap: Int)
    /// H6: the department already takes part in its yearly number of visit weeks at the target.
    case departmentCap(target: String, region: String, department: String, cap: Int)
    /// `blocker` holds only because of lower-priority placed sessions: placing this one would displace
    /// `sessions`, losing `cost` (their unscheduled weights).
    case displace(blocker: WeekReason, sessions: [DisplacedSession], cost: Double)
    /// Unscheduled, and the week is free: placing it would add `cost` (visits, overload, preference, and
    /// in a re-plan `move` of it for a week other than the reference week), more than the `saved`
    /// unscheduled weight.
    case costsMore(cost: Double, saved: Double, move: Double = 0)
    /// Unscheduled, the week is free and placing it would pay: the search did not get to it.
    case notTried
    /// Placed outside its preferred range: the week it is in.
    case placedHere
    /// Placed outside its preferred range: this week is outside the preferred range too.
    case outsidePreferred
    /// Placed outside its preferred range: this preferred week is free, but moving there would raise the
    /// objective by `delta` (visits, overload).
    case moveCostsMore(delta: Double, move: Double = 0)
    /// Placed outside its preferred range: moving to this free preferred week would lower the objective
    /// by `saving`; the search did not find it.
    case moveWouldPay(saving: Double)
}

/// A placed session a placement would push out of the plan.
public struct DisplacedSession: Hashable, Sendable {
    public var key: SessionKey
    public var priority: Priority
}

/// The week-by-week explanation of one session: consecutive weeks with the same reason grouped.
public struct SessionExplanation: Equatable, Sendable {
    public enum Status: Equatable, Sendable {
        case unscheduled
        /// Placed in `week`, outside the request's preferred range.
        case outsidePreferred(week: Int)
    }

    public var key: SessionKey
    public var priority: Priority
    public var status: Status
    public var lines: [(weeks: ClosedRange<Int>, reason: WeekReason)]

    public static func == (a: SessionExplanation, b: SessionExplanation) -> Bool {
        a.key == b.key && a.priority == b.priority && a.status == b.status
            && a.lines.map(\.weeks) == b.lines.map(\.weeks) && a.lines.map(\.reason) == b.lines.map(\.reason)
    }

    /// Groups per-week reasons (weeks ascending) into runs of consecutive weeks with the same reason.
    static func group(_ reasons: [(week: Int, reason: WeekReason)]) -> [(weeks: ClosedRange<Int>, reason: WeekReason)] {
        var lines: [(weeks: ClosedRange<Int>, reason: WeekReason)] = []
        for (week, reason) in reasons {
            if let last = lines.last, last.reason == reason, last.weeks.upperBound == week - 1 {
                lines[lines.count - 1].weeks = last.weeks.lowerBound...week
            } else {
                lines.append((week...week, reason))
            }
        }
        return lines
    }
}
