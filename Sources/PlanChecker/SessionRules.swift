import JointPlanCore

/// Sessions: existence, uniqueness (H1), completeness, per-session consistency and days (H2).
extension CheckRun {
    /// PLAN: the format name and the scenario year.
    mutating func checkHeader() {
        if plan.format != PlanDocument.formatName {
            log.add(.plan, "format is '\(plan.format)', expected '\(PlanDocument.formatName)'")
        }
        if plan.scenario.year != scenario.year {
            log.add(.plan, "plan is for year \(plan.scenario.year), the scenario for \(scenario.year)")
        }
        if plan.scenario.name != scenario.name {
            log.add(.plan, "scenario.name is '\(plan.scenario.name)', the scenario's name is '\(scenario.name)'")
        }
        checkRecordOrder()
    }

    /// PLAN: the arrays other than `sessions` are sorted by their keys (DESIGN.md §6): unscheduled by request,
    /// round, region; visits by target, region, week; load by department, pool, week.
    private mutating func checkRecordOrder() {
        func firstDisorder<T>(_ items: [T], _ less: (T, T) -> Bool) -> Int? {
            items.indices.dropFirst().first { less(items[$0], items[$0 - 1]) }
        }
        if let index = firstDisorder(plan.unscheduled, { ($0.request, $0.round, $0.region) < ($1.request, $1.round, $1.region) }) {
            log.add(.plan, "unscheduled is not sorted by request, round, region (entry \(index))")
        }
        if let index = firstDisorder(plan.visits, { ($0.target, $0.region, $0.week) < ($1.target, $1.region, $1.week) }) {
            log.add(.plan, "visits are not sorted by target, region, week (entry \(index))")
        }
        if let index = firstDisorder(plan.load, { ($0.department, $0.pool, $0.week) < ($1.department, $1.pool, $1.week) }) {
            log.add(.plan, "load is not sorted by department, pool, week (entry \(index))")
        }
    }

    /// Indexes the placed sessions and checks that every session of the scenario is either placed once or
    /// listed as unscheduled; mandatory sessions left unplaced break H1.
    mutating func indexSessions() {
        let known = Set(allKeys)
        var counts: [SessionKey: Int] = [:]
        for session in plan.sessions {
            let key = SessionKey(request: session.request, round: session.round, region: session.region)
            guard known.contains(key), let request = requestsByID[key.request] else {
                log.add(.plan, "session \(key) (week \(session.week)) is not a session of the scenario")
                continue
            }
            counts[key, default: 0] += 1
            if placed[key] == nil { placed[key] = makePlacement(key: key, session: session, request: request) }
        }
        for key in counts.keys.sorted() where counts[key]! > 1 {
            let weeks = plan.sessions.filter {
                $0.request == key.request && $0.round == key.round && $0.region == key.region
            }.map { String($0.week) }
            log.add(.h1, "session \(key) is placed \(counts[key]!) times (weeks \(weeks.joined(separator: ", ")))")
        }

        var listed: [SessionKey: Int] = [:]
        for entry in plan.unscheduled {
            let key = SessionKey(request: entry.request, round: entry.round, region: entry.region)
            guard known.contains(key), let request = requestsByID[key.request] else {
                log.add(.plan, "unscheduled session \(key) is not a session of the scenario")
                continue
            }
            listed[key, default: 0] += 1
            if listed[key] == 2 { log.add(.plan, "session \(key) is listed more than once as unscheduled") }
            if placed[key] != nil && listed[key] == 1 {
                log.add(.plan, "session \(key) is both placed (week \(placed[key]!.week)) and listed as unscheduled")
            }
            if entry.priority != request.priority.rawValue && listed[key] == 1 {
                log.add(.plan, "unscheduled session \(key) has priority '\(entry.priority)', the request '\(request.priority.rawValue)'")
            }
        }
        for key in allKeys where placed[key] == nil {
            if listed[key] == nil { log.add(.plan, "session \(key) is neither placed nor listed as unscheduled") }
            if requestsByID[key.request]?.priority == .mandatory {
                log.add(.h1, "mandatory session \(key) is unscheduled")
            }
        }
    }

    private func makePlacement(key: SessionKey, session: PlannedSession, request: Request) -> Placement {
        let weekIsValid = calendar.weeks.contains(session.week)
        let parsed = session.days.compactMap(CivilDate.init(iso:))
        let days: [CivilDate]
        if parsed.count == session.days.count || !weekIsValid {
            days = parsed
        } else {
            days = Array(openDays(inWeek: session.week, region: key.region).prefix(request.durationDays))
        }
        var pools: [String: String] = [:]
        for entry in request.officers {
            if let department = departmentsByID[entry.key], let pool = pool(of: department, for: key.region) {
                pools[entry.key] = pool
            }
        }
        return Placement(key: key, session: session, request: request, days: days, weekIsValid: weekIsValid,
                         pools: pools)
    }

    /// H2 (week, days, window) and PLAN (officers, pools, targets, in_preferred, order) for every placement.
    mutating func checkPlacements() {
        for placement in placementsInOrder {
            checkDays(placement)
            checkFields(placement)
        }
        checkSessionOrder()
    }

    private mutating func checkDays(_ placement: Placement) {
        let key = placement.key, week = placement.week, request = placement.request
        guard placement.weekIsValid else {
            log.add(.h2, "session \(key): week \(week) is not a plan week (1…\(calendar.weekCount))")
            return
        }
        let open = openDays(inWeek: week, region: key.region)
        for text in placement.session.days where CivilDate(iso: text) == nil {
            log.add(.h2, "session \(key): day '\(text)' is not a date")
        }
        if open.count < request.durationDays {
            log.add(.h2, "session \(key): week \(week) has \(open.count) open working days in \(key.region), needs \(request.durationDays)")
        } else {
            let expected = open.prefix(request.durationDays).map(\.iso)
            if placement.session.days != expected {
                log.add(.h2, "session \(key): days \(list(placement.session.days)) are not the first \(request.durationDays) open working days of week \(week) in \(key.region) (\(list(expected)))")
            }
        }
        if let window = request.window {
            let outside = placement.days.filter { !window.contains($0) }
            if !outside.isEmpty {
                log.add(.h2, "session \(key): days \(list(outside.map(\.iso))) lie outside the window \(window)")
            }
        }
    }

    private mutating func checkFields(_ placement: Placement) {
        let key = placement.key, session = placement.session, request = placement.request
        let officers = Dictionary(request.officers.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        if session.officers != officers {
            log.add(.plan, "session \(key): officers \(describe(session.officers)) differ from the request's \(describe(officers))")
        }
        for entry in request.officers where placement.pools[entry.key] == nil {
            log.add(.plan, "session \(key): department \(entry.key) has no staff pool covering \(key.region)")
        }
        if session.pools != placement.pools {
            log.add(.plan, "session \(key): pools \(describe(session.pools)) differ from the staff pools \(describe(placement.pools))")
        }
        if session.targets.sorted() != request.targets.sorted() {
            log.add(.plan, "session \(key): targets \(list(session.targets)) differ from the request's \(list(request.targets))")
        }
        if session.inPreferred != placement.inPreferred {
            let range = request.preferred.map { " (preferred \($0))" } ?? ""
            log.add(.plan, "session \(key): in_preferred is \(session.inPreferred), the days say \(placement.inPreferred)\(range)")
        }
    }

    /// PLAN: sessions are sorted by week, region, request, round (DESIGN.md §6).
    private mutating func checkSessionOrder() {
        let sessions = plan.sessions
        for index in sessions.indices.dropFirst() {
            let a = sessions[index - 1], b = sessions[index]
            if (b.week, b.region, b.request, b.round) < (a.week, a.region, a.request, a.round) {
                log.add(.plan, "sessions are not sorted by week, region, request, round: \(b.request) round \(b.round) in \(b.region) (week \(b.week)) follows \(a.request) round \(a.round) in \(a.region) (week \(a.week))")
                return
            }
        }
    }
}

/// `a, b, c`, or `none`.
func list(_ items: [String]) -> String { items.isEmpty ? "none" : items.joined(separator: ", ") }

/// `scjg:4, yjgl:2` in key order.
func describe<V>(_ map: [String: V]) -> String {
    map.isEmpty ? "none" : map.keys.sorted().map { "\($0):\(map[$0]!)" }.joined(separator: ", ")
}
