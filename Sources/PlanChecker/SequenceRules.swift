import JointPlanCore

/// Rounds (H4), synchronised regions (H5) and pinned sessions of a reference plan (H7).
extension CheckRun {
    /// H4: in each region, round k+1 only if round k is placed, and at least `min_gap_weeks` weeks later.
    mutating func checkRounds() {
        for request in scenario.requests where request.rounds > 1 {
            for region in request.regions {
                for round in 1..<request.rounds {
                    let earlier = placed[SessionKey(request: request.id, round: round, region: region)]
                    guard let later = placed[SessionKey(request: request.id, round: round + 1, region: region)] else {
                        continue
                    }
                    guard let earlier else {
                        log.add(.h4, "\(request.id) round \(round + 1) in \(region) is placed (week \(later.week)) but round \(round) is not")
                        continue
                    }
                    let gap = later.week - earlier.week
                    if gap < 0 {
                        log.add(.h4, "\(request.id) in \(region): round \(round + 1) in week \(later.week) comes before round \(round) in week \(earlier.week)")
                    } else if gap < request.minGapWeeks {
                        log.add(.h4, "\(request.id) in \(region): round \(round + 1) in week \(later.week) is only \(gap) weeks after round \(round) in week \(earlier.week) (min gap \(request.minGapWeeks) weeks)")
                    }
                }
            }
        }
    }

    /// H5: with `sync_regions`, all placed sessions of one round share one week.
    mutating func checkSync() {
        for request in scenario.requests where request.syncRegions {
            for round in 1...max(1, request.rounds) {
                let sessions = request.regions.compactMap {
                    placed[SessionKey(request: request.id, round: round, region: $0)]
                }
                if Set(sessions.map(\.week)).count > 1 {
                    let weeks = sessions.map { "\($0.key.region) in week \($0.week)" }
                    log.add(.h5, "\(request.id) round \(round) (sync_regions): \(weeks.joined(separator: ", "))")
                }
            }
        }
    }

    /// H7 and moves. Reference sessions whose first day is before `freezeUntil` must be in the plan with
    /// the same week and days and marked pinned; only they may be marked pinned, and every other session
    /// starts on or after the freeze date. Without a reference the moves cannot be derived and the plan's
    /// own count is used.
    mutating func checkPinned(reference: PlanDocument?, freezeUntil: CivilDate?) {
        let recordedFreeze = plan.replan?.freezeUntil.flatMap(CivilDate.init(iso:))
        if let freezeUntil, let recordedFreeze, freezeUntil != recordedFreeze {
            log.add(.plan, "replan.freeze_until is \(recordedFreeze.iso), --freeze-until \(freezeUntil.iso)")
        }
        // The plan's own freeze date stands in for --freeze-until: a re-plan is checked as what it says it is.
        let freezeUntil = freezeUntil ?? recordedFreeze
        guard let reference else {
            checkNothingNewInThePast(freezeUntil: freezeUntil, frozen: [])
            checkPinnedBeforeTheFreeze(freezeUntil: freezeUntil)
            moved = plan.kpis.moved
            if moved < 0 || moved > placed.count {
                log.add(.plan, "kpis.moved is \(moved), outside 0…\(placed.count) scheduled sessions")
                moved = 0
            }
            return
        }
        var referenceSessions: [SessionKey: PlannedSession] = [:]
        for session in reference.sessions {
            let key = SessionKey(request: session.request, round: session.round, region: session.region)
            if referenceSessions[key] == nil { referenceSessions[key] = session }
        }
        moved = placed.values.filter { placement in
            referenceSessions[placement.key].map { $0.week != placement.week } ?? false
        }.count

        guard let freezeUntil else { return }
        var frozen = Set<SessionKey>()
        for key in referenceSessions.keys.sorted() {
            let old = referenceSessions[key]!
            guard let first = old.days.compactMap(CivilDate.init(iso:)).min(), first < freezeUntil else { continue }
            frozen.insert(key)
            let what = "pinned session \(key) (reference week \(old.week), first day \(first.iso) before \(freezeUntil.iso))"
            guard let now = placed[key] else {
                log.add(.h7, "\(what) is not placed")
                continue
            }
            if now.week != old.week || now.session.days != old.days {
                log.add(.h7, "\(what) moved to week \(now.week), days \(list(now.session.days))")
            }
            if !now.session.pinned { log.add(.h7, "\(what) is not marked pinned") }
        }
        for placement in placementsInOrder where placement.session.pinned && !frozen.contains(placement.key) {
            log.add(.h7, "session \(placement.key) is marked pinned but is no reference session starting before \(freezeUntil.iso)")
        }
        checkNothingNewInThePast(freezeUntil: freezeUntil, frozen: frozen)
    }

    /// A re-plan's days before the freeze date are past, so only pinned sessions should start before it
    /// (jointplan's planner never places another there). DESIGN.md's H7 only keeps the pinned sessions, so
    /// this is a warning, not a violation. The date is `--freeze-until` when given, else the plan's own.
    /// Sessions that should have been pinned (`frozen`) are reported as such above, not again here.
    /// (See `checkPinnedBeforeTheFreeze` for the converse without a reference.)
    mutating func checkNothingNewInThePast(freezeUntil: CivilDate?, frozen: Set<SessionKey>) {
        guard let freezeUntil else { return }
        for placement in placementsInOrder where !placement.session.pinned && !frozen.contains(placement.key) {
            guard let first = placement.session.days.compactMap(CivilDate.init(iso:)).min(), first < freezeUntil else {
                continue
            }
            log.warn("session \(placement.key) is not pinned but starts on \(first.iso), before the freeze date \(freezeUntil.iso) (in the past)")
        }
    }

    /// Without the reference plan the pinned sessions cannot be re-derived, but a session marked pinned
    /// must at least start before the freeze date: only the past is pinned.
    mutating func checkPinnedBeforeTheFreeze(freezeUntil: CivilDate?) {
        guard let freezeUntil else { return }
        for placement in placementsInOrder where placement.session.pinned {
            guard let first = placement.session.days.compactMap(CivilDate.init(iso:)).min(), first >= freezeUntil else {
                continue
            }
            log.add(.h7, "session \(placement.key) is marked pinned but starts on \(first.iso), not before the freeze date \(freezeUntil.iso)")
        }
    }
}
