import JointPlanCore

/// Week-by-week reasons why a session is not in the final plan, in domain terms and with numbers:
/// `week 14: 市应急管理局 pool wuwei needs 12 officer-days, 6 free`. Consecutive weeks with the same
/// reason are grouped (`weeks 18–22: outside window`).
struct UnscheduledReasons {
    let instance: PlanningInstance
    let state: PlacementState

    init(instance: PlanningInstance, placement: [Int?]) {
        self.instance = instance
        var state = PlacementState(instance)
        for (index, week) in placement.enumerated() { if let week { state.place(index, week: week) } }
        self.state = state
    }

    func reasons(for index: Int) -> [String] {
        let session = instance.sessions[index]
        var lines: [(weeks: ClosedRange<Int>, text: String)] = []
        for week in instance.calendar.weeks {
            let text = reason(index, session, week: week)
            if let last = lines.last, last.text == text, last.weeks.upperBound == week - 1 {
                lines[lines.count - 1].weeks = last.weeks.lowerBound...week
            } else {
                lines.append((week...week, text))
            }
        }
        return lines.map { line in
            let weeks = line.weeks.count == 1 ? "week \(line.weeks.lowerBound)"
                : "weeks \(line.weeks.lowerBound)–\(line.weeks.upperBound)"
            return "\(weeks): \(line.text)"
        }
    }

    private func name(region id: String) -> String { instance.scenario.region(id)?.name ?? id }
    private func name(department id: String) -> String { instance.scenario.department(id)?.name ?? id }
    private func name(target id: String) -> String { instance.scenario.target(id)?.name ?? id }

    private func reason(_ index: Int, _ session: SessionInfo, week: Int) -> String {
        guard let blocker = state.blocker(index, week: week) else {
            let cost = state.addedCost(index, week: week)
            return cost >= 0 ? "placing it would cost \(format(cost + instance.weights.unscheduled(session.priority))) (visits, overload, preference) against \(format(instance.weights.unscheduled(session.priority))) saved"
                : "free; not placed by the solver (time limit reached before it was tried)"
        }
        let region = session.key.region
        switch blocker {
        case .notEligible:
            return eligibilityReason(session, week: week)
        case .capacity(let pool, let needed, let free):
            return "\(name(department: pool.department)) pool \(pool.pool) needs \(format(needed)) officer-days, \(format(free)) free"
        case .previousRoundUnplaced(let round):
            return "round \(round) is not placed"
        case .roundGap(let round, let other, let gap):
            return "round \(round) is in week \(other) (min gap \(gap) weeks)"
        case .synchronised(let partner, let other):
            return "synchronised with \(name(region: partner)) in week \(other)"
        case .revisit(let target, let other, let minRevisit):
            let by = state.sessions(visiting: target, region: region, week: other)
                .map { instance.sessions[$0].key.request }
            let requests = Array(Set(by)).sorted().joined(separator: ", ")
            return "\(name(target: target)) in \(name(region: region)) visited by \(requests) in week \(other) (min revisit \(minRevisit) weeks)"
        case .yearCap(let target, let cap):
            return "\(name(target: target)) in \(name(region: region)) already has \(cap) visit weeks (max \(cap) per year)"
        case .departmentCap(let target, let department, let cap):
            return "\(name(department: department)) already inspects \(name(target: target)) in \(name(region: region)) in \(cap) weeks (max \(cap) per department)"
        }
    }

    private func eligibilityReason(_ session: SessionInfo, week: Int) -> String {
        let request = instance.scenario.requests[session.requestIndex]
        let calendar = instance.calendar
        if let pinned = session.pinnedWeek, pinned != week { return "pinned to week \(pinned)" }
        let closures = instance.scenario.region(session.key.region)?.closed.map(\.range) ?? []
        let open = calendar.workingDays(ofWeek: week).filter { day in !closures.contains { $0.contains(day) } }
        if open.count < session.durationDays {
            return "\(open.count) working days open in \(name(region: session.key.region)), needs \(session.durationDays)"
        }
        if let window = request.window, !open.prefix(session.durationDays).allSatisfy(window.contains) {
            return "outside window"
        }
        return "not eligible"
    }

    private func format(_ value: Double) -> String {
        if value == value.rounded() { return String(Int(value)) }
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(abs(tenths % 10))"
    }
}
