import JointPlanCore
import PlanChecker
import Testing
@testable import JointPlanSolver

/// Mid-year re-planning (§7, H7) on a hand-made year where the least number of moves is known.
///
/// Department a has 10 officers at share 1: 50 officer-days a week; every request needs 10 officers for
/// 5 days, so each week holds exactly one session. First half: H1–H4, each allowed in one week only.
/// Second half: L1–L3 (high priority) preferred in weeks 30, 31, 32, each also allowed the week after,
/// and L4 in weeks 35–45, preferred in 40. Mid-year a mandatory request N arrives for week 30 only:
/// keeping everything needs exactly three moves (L1 30→31, L2 31→32, L3 32→33). A second new mandatory
/// request N2 wants week 10 only, which pinned H1 holds: it stays unscheduled, H1 does not move.
@Suite struct ReplanTests {
    static func week(_ number: Int) -> DateRange {
        let monday = CivilDate(year: 2024, month: 12, day: 30)!.adding(days: 7 * (number - 1))
        return DateRange(from: monday, to: monday.adding(days: 6))
    }

    static func weeks(_ first: Int, _ last: Int) -> DateRange {
        DateRange(from: week(first).from, to: week(last).to)
    }

    static func request(_ id: String, window: DateRange, preferred: DateRange? = nil,
                        priority: Priority = .normal) -> Request {
        Tiny.request(id, window: window, days: 5, officers: 10, priority: priority, preferred: preferred)
    }

    static let published = Tiny.scenario(requests: [
        request("H1", window: week(10)), request("H2", window: week(12)),
        request("H3", window: week(14)), request("H4", window: week(16)),
        request("L1", window: weeks(30, 31), preferred: week(30), priority: .high),
        request("L2", window: weeks(31, 32), preferred: week(31), priority: .high),
        request("L3", window: weeks(32, 33), preferred: week(32), priority: .high),
        request("L4", window: weeks(35, 45), preferred: week(40), priority: .high),
    ])

    static let freeze = CivilDate(year: 2025, month: 7, day: 1)!

    static func replanOptions(_ reference: PlanDocument) -> PlanOptions {
        var options = PlanOptions(timeLimit: 20, gap: 0)
        for session in reference.sessions {
            let key = SessionKey(request: session.request, round: session.round, region: session.region)
            options.referenceWeeks[key] = session.week
            let days = session.days.compactMap(CivilDate.init(iso:))
            if let first = days.first, first < freeze {
                options.pinned.append(PinnedSession(key: key, week: session.week, days: days))
            }
        }
        return options
    }

    @Test func frozenHalfStaysByteIdenticalAndOnlyTheNeededSessionsMove() throws {
        let reference = try Tiny.plan(Self.published)
        #expect(["H1", "H2", "H3", "H4", "L1", "L2", "L3", "L4"].map { Tiny.week(reference, $0) }
                == [10, 12, 14, 16, 30, 31, 32, 40])

        var changed = Self.published
        changed.requests += [Self.request("N", window: Self.week(30), priority: .mandatory),
                             Self.request("N2", window: Self.week(10), priority: .mandatory)]
        let options = Self.replanOptions(reference)
        #expect(options.pinned.count == 4)
        let replanned = try Tiny.plan(changed, options: options)

        // Every frozen session exactly as published (only the pinned flag is now set).
        for published in reference.sessions where published.week < 27 {
            var expected = published
            expected.pinned = true
            #expect(replanned.sessions.first { $0.request == published.request } == expected)
        }
        #expect(["N", "L1", "L2", "L3", "L4"].map { Tiny.week(replanned, $0) } == [30, 31, 32, 33, 40])
        #expect(replanned.kpis.moved == 3)
        #expect(replanned.unscheduled.map(\.request) == ["N2"])

        let report = PlanChecker.check(scenario: changed, plan: replanned, reference: reference, freezeUntil: Self.freeze)
        #expect(Set(report.violations.map(\.rule)) == [.h1], "\(report.violations)")
        #expect(try Planner.pinnedConflicts(scenario: changed, options: options).isEmpty)
    }

    @Test func pinnedSessionsInConflictStayAndAreReported() throws {
        let reference = try Tiny.plan(Self.published)
        // Eight officers instead of ten (40 officer-days a week) and east closed on Wednesday of week 12.
        var changed = Tiny.scenario(requests: Self.published.requests, staff: 8,
                                    regions: [Region(id: "city", name: "市"),
                                              Region(id: "east", name: "东区", parent: "city",
                                                     closed: [Closure(range: DateRange(single: Self.week(12).from.adding(days: 2)),
                                                                      reason: "沙尘暴")]),
                                              Region(id: "west", name: "西区", parent: "city")])
        changed.name = "tiny"
        let options = Self.replanOptions(reference)
        let replanned = try Tiny.plan(changed, options: options)
        for published in reference.sessions where published.week < 27 {
            let now = replanned.sessions.first { $0.request == published.request }
            #expect(now?.week == published.week && now?.days == published.days && now?.pinned == true)
        }
        let conflicts = try Planner.pinnedConflicts(scenario: changed, options: options)
        #expect(conflicts.filter { $0.rule == "H3" }.count == 4, "\(conflicts)")
        let closure = conflicts.filter { $0.rule == "H2" }
        #expect(closure.count == 1 && closure[0].session?.request == "H2")
        #expect(closure.first?.message.contains("falls in a closure of east (沙尘暴)") == true)
        // The second half cannot fit 50 officer-days into 40: nothing else is placed on top of the pinned.
        #expect(replanned.sessions.filter { !$0.pinned }.isEmpty)
    }

    /// The freeze date is "today": the weeks before it are past. A new request that could run all year is
    /// placed after it (week 27 begins on 30 June, before the 1 July freeze, so week 28 is the first);
    /// one that could only run before it stays unscheduled with that reason; `check` flags a session
    /// moved into the past by hand.
    @Test func nothingNewStartsBeforeTheFreezeDate() throws {
        let reference = try Tiny.plan(Self.published)
        var changed = Self.published
        // N3 prefers the first half: only the freeze keeps it out of there.
        changed.requests += [Self.request("N3", window: Self.weeks(2, 50), preferred: Self.weeks(2, 26), priority: .mandatory),
                             Self.request("N4", window: Self.week(20), priority: .mandatory)]
        var options = Self.replanOptions(reference)
        options.freezeUntil = Self.freeze
        let replanned = try Tiny.plan(changed, options: options)
        let n3 = try #require(Tiny.week(replanned, "N3"))
        #expect(n3 >= 28, "N3 in week \(n3)")
        for session in replanned.sessions where !session.pinned {
            #expect(session.days.allSatisfy { $0 >= Self.freeze.iso }, "\(session.request) on \(session.days)")
        }
        #expect(replanned.unscheduled.map(\.request) == ["N4"])
        let reasons = replanned.unscheduled.first?.reasons ?? []
        #expect(reasons.contains { $0.contains("早于冻结日期2025-07-01") }, "\(reasons)")
        // Without the freeze date the same re-plan takes a preferred early week for N3: the rule is what binds.
        options.freezeUntil = nil
        let unfrozen = try Tiny.plan(changed, options: options)
        #expect((Tiny.week(unfrozen, "N3") ?? 99) < 27)

        var edited = replanned
        let index = try #require(edited.sessions.firstIndex { $0.request == "N3" })
        edited.sessions[index].week = 5
        edited.sessions[index].days = (0..<5).map { Self.week(5).from.adding(days: $0).iso }
        // check warns (DESIGN's H7 only keeps the pinned sessions, so it is no violation of its own).
        let report = PlanChecker.check(scenario: changed, plan: edited, reference: reference, freezeUntil: Self.freeze)
        #expect(report.warnings.contains { $0.contains("N3 round 1 in east is not pinned but starts on 2025-01-27, before the freeze date 2025-07-01") },
                "\(report.warnings)")
        #expect(!report.violations.contains { $0.rule == .h7 }, "\(report.violations)")
    }

    /// `recommend` on a re-planned plan: it keeps the plan's frozen past (no option starts before the
    /// freeze date or moves a pinned session) and prices options from the plan as it stands, without the
    /// plan's own moves against its reference (3 × 500 here, which made every option look 1,500 cheaper).
    @Test func recommendKeepsARePlansFrozenPastAndPricesFromThePlanAsItStands() throws {
        let reference = try Tiny.plan(Self.published)
        var changed = Self.published
        changed.requests.append(Self.request("N", window: Self.week(30), priority: .mandatory))
        var options = Self.replanOptions(reference)
        options.freezeUntil = Self.freeze
        var current = try Tiny.plan(changed, options: options)
        current.replan = ReplanRecord(freezeUntil: Self.freeze.iso, pinned: options.pinned.count, moved: [], conflicts: [])
        #expect(current.kpis.moved == 3)

        var withRequest = changed
        withRequest.requests.append(Self.request("R", window: Self.weeks(2, 50), preferred: Self.weeks(9, 12), priority: .high))
        let found = try Recommender.recommend(scenario: withRequest, current: current, requestID: "R", digest: "test",
                                              timeLimit: 10)
        #expect(!found.isEmpty)
        let pinnedWeeks = Dictionary(uniqueKeysWithValues: current.sessions.filter(\.pinned).map { ($0.request, $0.week) })
        #expect(pinnedWeeks.count == 4)
        for option in found {
            #expect(option.week >= 28, "option starts in week \(option.week), before the freeze")
            #expect(option.cost >= 0, "week \(option.week): cost \(option.cost)")
            for (request, week) in pinnedWeeks {
                #expect(option.plan.sessions.first { $0.request == request }?.week == week, "week \(option.week) moves \(request)")
            }
            #expect(option.plan.replan?.freezeUntil == Self.freeze.iso)
            // The option's record against the current plan, re-derived here from the two plans.
            let now = Dictionary(uniqueKeysWithValues: option.plan.sessions.map { ("\($0.request)|\($0.round)|\($0.region)", $0.week) })
            let before = current.sessions.map { ("\($0.request)|\($0.round)|\($0.region)", $0.week) }
            let left = before.filter { now[$0.0] == nil }.map(\.0).sorted()
            let shifted = before.filter { key, week in now[key].map { $0 != week } ?? false }.map(\.0).sorted()
            #expect(option.plan.replan?.dropped.map { "\($0.request)|\($0.round)|\($0.region)" }.sorted() == left)
            #expect(option.plan.replan?.moved.map { "\($0.request)|\($0.round)|\($0.region)" }.sorted() == shifted)
        }
    }

    /// The shortfall is what would let the unscheduled mandatory sessions in: the overrun of pinned sessions
    /// alone (a staff cut under already-published weeks) is a pinned conflict in the past, not part of it.
    @Test func theShortfallLeavesOutWhatPinnedSessionsAloneOverrun() throws {
        let reference = try Tiny.plan(Self.published)
        // 8 officers: 40 officer-days a week against the 50 each session needs.
        var changed = Tiny.scenario(requests: Self.published.requests + [Self.request("N5", window: Self.week(34), priority: .mandatory)],
                                    staff: 8)
        changed.name = "tiny"
        var options = Self.replanOptions(reference)
        options.freezeUntil = Self.freeze
        let replanned = try Tiny.plan(changed, options: options)
        #expect(replanned.unscheduled.contains { $0.request == "N5" })
        let shortfall = try #require(replanned.shortfall)
        #expect(shortfall.map(\.weeks) == [[34]], "\(shortfall)")
        #expect(shortfall.first?.officerDays == 10)
    }

    /// `explain` on a re-plan prices moving a session that kept its published week (the plan's replan
    /// record lists the new sessions, so every other placed one has its week published). K was published in
    /// week 37 because B and C held its preferred weeks 35–36; C is withdrawn: week 36 would save 20
    /// (preference) but costs 500 (the move), so K stays, and `explain` must not call week 36 a missed gain.
    @Test func explainPricesLeavingAPublishedWeek() throws {
        let published = Tiny.scenario(requests: [
            Self.request("B", window: Self.week(35), priority: .high),
            Self.request("C", window: Self.week(36), priority: .high),
            Self.request("K", window: Self.weeks(35, 45), preferred: Self.weeks(35, 36)),
        ])
        let reference = try Tiny.plan(published)
        #expect(Tiny.week(reference, "K") == 37)
        var changed = published
        changed.requests.removeAll { $0.id == "C" }
        var options = Self.replanOptions(reference)
        options.freezeUntil = Self.freeze
        var replanned = try Tiny.plan(changed, options: options)
        #expect(Tiny.week(replanned, "K") == 37)
        replanned.replan = ReplanRecord(freezeUntil: Self.freeze.iso, pinned: 0, moved: [], dropped: [], added: [], conflicts: [])
        let text = ReasonText(scenario: changed, language: .en)
        let lines = try Explanations.explain(scenario: changed, plan: replanned, request: "K").flatMap(text.lines)
        #expect(lines.contains { $0.contains("week 36") && $0.contains("by 480 (500 of it for leaving its published week") }, "\(lines)")
        // A plan of the previous version (no `added`): the kept week is unknown, so week 36 reads as a gain.
        replanned.replan?.added = nil
        let older = try Explanations.explain(scenario: changed, plan: replanned, request: "K").flatMap(text.lines)
        #expect(older.contains { $0.contains("week 36") && $0.contains("lower the objective by 20") }, "\(older)")
    }
}
