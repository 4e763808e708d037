/// One problem found by `ScenarioValidator`: a severity, the field path (`requests[3].officers.yjgl`,
/// indices 0-based) and a message (`department 'yjgl' is not defined`). The loader maps the path back to
/// a file and line.
public struct ScenarioIssue: Equatable, Hashable, Sendable, CustomStringConvertible {
    public var severity: Diagnostic.Severity
    public var path: String
    public var message: String

    public init(_ severity: Diagnostic.Severity = .error, path: String, message: String) {
        self.severity = severity
        self.path = path
        self.message = message
    }

    public var description: String {
        (severity == .warning ? "warning: " : "") + "\(path): \(message)"
    }
}

extension Scenario {
    /// The staff pool `department` draws on in `region`: the region itself or its nearest ancestor that
    /// is listed in the department's `staff`. Nil when the department or region is unknown, or no pool
    /// covers the region. Safe on cyclic parent chains (it stops at the first repeat).
    public func pool(department: String, region: String) -> String? {
        guard let dept = self.department(department) else { return nil }
        var current: String? = region
        var seen = Set<String>()
        while let id = current, seen.insert(id).inserted {
            if dept.staff.contains(where: { $0.key == id }) { return id }
            current = self.region(id)?.parent
        }
        return nil
    }
}

/// Pure validation of a `Scenario` against every rule of DESIGN.md §4 (no I/O).
///
/// Conventions: `policy.min_revisit_weeks` and a target's `min_revisit_weeks` must be ≥ 1 (1 means no
/// spacing rule: one visit week per week is always true); visit caps must be ≥ 0. `year` must lie in
/// 1900...2999.
public enum ScenarioValidator {
    /// Identifiers match `[A-Za-z0-9][A-Za-z0-9_.-]*`.
    public static func isValidIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, isAlnum(first) else { return false }
        return text.unicodeScalars.allSatisfy { isAlnum($0) || $0 == "_" || $0 == "." || $0 == "-" }
    }

    private static func isAlnum(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar))
    }

    /// Every error and warning of `scenario`, in a stable order (by section, then by list index).
    public static func validate(_ scenario: Scenario) -> [ScenarioIssue] {
        var check = Checker(scenario: scenario)
        check.run()
        return check.issues
    }
}

/// Upper bounds that keep every sum the planner forms finite and exact (officer-days in Int, objective
/// terms in Double) and the model small enough to build: beyond them an input is refused, not planned.
public let maximumOfficers = 1_000_000_000
public let maximumWeight = 1e9
public let maximumSessions = 50_000

/// Required training hours per officer per year (the Wuwei measures; 国办发〔2023〕27号).
let requiredTrainingHours = 60.0

private struct Checker {
    let scenario: Scenario
    var issues: [ScenarioIssue] = []
    var calendar: PlanCalendar?

    init(scenario: Scenario) { self.scenario = scenario }

    mutating func error(_ path: String, _ message: String) { issues.append(ScenarioIssue(.error, path: path, message: message)) }
    mutating func warning(_ path: String, _ message: String) { issues.append(ScenarioIssue(.warning, path: path, message: message)) }

    mutating func run() {
        checkYearAndCalendar()
        checkPolicy()
        checkRegions()
        checkDepartments()
        checkTargets()
        checkRequests()
        checkObjective()
    }

    // MARK: Helpers

    var yearRange: DateRange? {
        guard let first = CivilDate(year: scenario.year, month: 1, day: 1),
              let last = CivilDate(year: scenario.year, month: 12, day: 31) else { return nil }
        return DateRange(from: first, to: last)
    }

    mutating func checkDate(_ date: CivilDate, _ path: String) {
        if date.year != scenario.year {
            error(path, "date \(date.iso) is outside the plan year \(scenario.year)")
        }
    }

    mutating func checkRange(_ range: DateRange, _ path: String) {
        checkDate(range.from, path + ".from")
        checkDate(range.to, path + ".to")
        if range.from > range.to {
            error(path, "'from' \(range.from.iso) is after 'to' \(range.to.iso)")
        }
    }

    mutating func checkIds(_ ids: [String], list: String) {
        var seen = Set<String>()
        for (index, id) in ids.enumerated() {
            let path = "\(list)[\(index)].id"
            if !ScenarioValidator.isValidIdentifier(id) {
                error(path, "'\(id)' is not a valid identifier (letters, digits, '_', '.', '-'; starting with a letter or digit)")
            } else if !seen.insert(id).inserted {
                error(path, "duplicate id '\(id)'")
            }
        }
    }

    mutating func nonNegative(_ value: Double, _ path: String) {
        if !(value >= 0) || !value.isFinite { error(path, "must be a non-negative number (found \(format(value)))") }
    }

    mutating func fraction(_ value: Double, _ path: String) {
        if !(value >= 0 && value <= 1) { error(path, "must be between 0 and 1 (found \(format(value)))") }
    }

    func format(_ value: Double) -> String {
        value.isFinite && value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)"
    }

    // MARK: Sections

    mutating func checkYearAndCalendar() {
        guard (1900...2999).contains(scenario.year) else {
            error("year", "year \(scenario.year) is out of range (1900...2999)")
            return
        }
        for (index, range) in scenario.calendar.holidays.enumerated() { checkRange(range, "calendar.holidays[\(index)]") }
        for (index, range) in scenario.calendar.workdays.enumerated() { checkRange(range, "calendar.workdays[\(index)]") }
        do {
            calendar = try PlanCalendar(year: scenario.year, spec: scenario.calendar)
        } catch {
            switch error {
            case .unknownPreset(let name):
                self.error("calendar.preset", "unknown calendar preset '\(name)' (known: \(HolidayPresets.cnOfficial))")
            case .unknownYear(let year, let known):
                self.error("calendar.preset", "preset '\(HolidayPresets.cnOfficial)' does not know the year \(year) (known: \(known.map { "\($0)" }.joined(separator: ", ")))")
            }
        }
    }

    mutating func checkPolicy() {
        let policy = scenario.policy
        if policy.minRevisitWeeks < 1 {
            error("policy.min_revisit_weeks", "must be at least 1 (found \(policy.minRevisitWeeks))")
        }
        if let cap = policy.maxVisitsPerYear, cap < 0 {
            error("policy.max_visits_per_year", "must be non-negative (found \(cap))")
        }
        if let cap = policy.maxVisitsPerDepartment, cap < 0 {
            error("policy.max_visits_per_department", "must be non-negative (found \(cap))")
        }
    }

    mutating func checkRegions() {
        checkIds(scenario.regions.map(\.id), list: "regions")
        for (index, region) in scenario.regions.enumerated() {
            let path = "regions[\(index)]"
            if let parent = region.parent {
                if scenario.region(parent) == nil {
                    error(path + ".parent", "region '\(parent)' is not defined")
                } else if parent == region.id {
                    error(path + ".parent", "region '\(region.id)' is its own parent")
                } else if let cycle = parentCycle(from: region.id) {
                    error(path + ".parent", "region parents form a cycle: \(cycle.joined(separator: " → "))")
                }
            }
            for (closureIndex, closure) in region.closed.enumerated() {
                checkRange(closure.range, "\(path).closed[\(closureIndex)]")
            }
        }
    }

    /// The cycle reached from `start` through parents, if `start` lies on one.
    func parentCycle(from start: String) -> [String]? {
        var chain = [start]
        var current = scenario.region(start)?.parent
        while let id = current {
            if id == start { return chain + [start] }
            if chain.contains(id) { return nil }  // a cycle further up; reported on its own members
            chain.append(id)
            current = scenario.region(id)?.parent
        }
        return nil
    }

    mutating func checkDepartments() {
        checkIds(scenario.departments.map(\.id), list: "departments")
        for (index, department) in scenario.departments.enumerated() {
            let path = "departments[\(index)]"
            for entry in department.staff {
                if scenario.region(entry.key) == nil {
                    error("\(path).staff.\(entry.key)", "region '\(entry.key)' is not defined")
                }
                nonNegative(entry.value, "\(path).staff.\(entry.key)")
                if entry.value.isFinite && entry.value > Double(maximumOfficers) {
                    error("\(path).staff.\(entry.key)", "must be at most \(maximumOfficers) officers (found \(format(entry.value)))")
                }
            }
            fraction(department.share, path + ".share")
            for (entryIndex, entry) in department.unavailable.enumerated() {
                let entryPath = "\(path).unavailable[\(entryIndex)]"
                checkRange(entry.range, entryPath)
                fraction(entry.fraction, entryPath + ".fraction")
            }
            checkTraining(department, path: path)
        }
    }

    /// Warns when a department lists training but less than 60 hours per officer per year: 8 hours per
    /// working day × the fraction of officers in training that day (overlapping entries add, capped at 1).
    mutating func checkTraining(_ department: Department, path: String) {
        let training = department.unavailable.filter(\.training)
        guard !training.isEmpty, let year = yearRange else { return }
        var hours = 0.0
        for date in year.dates where calendar?.isWorkingDay(date) ?? !date.isWeekend {
            let away = training.filter { $0.range.contains(date) }.reduce(0) { $0 + max(0, $1.fraction) }
            hours += 8 * min(1, away)
        }
        if hours < requiredTrainingHours {
            warning(path + ".unavailable",
                    "listed training is \(format((hours * 10).rounded() / 10)) hours per officer per year, below the required \(format(requiredTrainingHours))")
        }
    }

    mutating func checkTargets() {
        checkIds(scenario.targets.map(\.id), list: "targets")
        for (index, target) in scenario.targets.enumerated() {
            let path = "targets[\(index)]"
            for entry in target.count {
                if scenario.region(entry.key) == nil {
                    error("\(path).count.\(entry.key)", "region '\(entry.key)' is not defined")
                }
                if entry.value < 0 { error("\(path).count.\(entry.key)", "must be non-negative (found \(entry.value))") }
            }
            if let weeks = target.minRevisitWeeks, weeks < 1 {
                error(path + ".min_revisit_weeks", "must be at least 1 (found \(weeks))")
            }
            if let cap = target.maxVisitsPerYear, cap < 0 {
                error(path + ".max_visits_per_year", "must be non-negative (found \(cap))")
            }
            if let cap = target.maxVisitsPerDepartment, cap < 0 {
                error(path + ".max_visits_per_department", "must be non-negative (found \(cap))")
            }
        }
    }

    mutating func checkObjective() {
        let weights = scenario.objective
        let named: [(String, Double)] = [
            ("unscheduled.mandatory", weights.unscheduledMandatory), ("unscheduled.high", weights.unscheduledHigh),
            ("unscheduled.normal", weights.unscheduledNormal), ("unscheduled.low", weights.unscheduledLow),
            ("visit", weights.visit), ("outside_preferred", weights.outsidePreferred),
            ("overload", weights.overload), ("move", weights.move),
        ]
        for (name, value) in named {
            nonNegative(value, "objective." + name)
            // Weights beyond this make the objective's sums lose all precision (or overflow to inf) in GLPK.
            if value.isFinite && value > maximumWeight {
                error("objective." + name, "must be at most \(format(maximumWeight)) (found \(format(value)))")
            }
        }
        fraction(weights.balanceThreshold, "objective.balance_threshold")
    }
}

// MARK: Requests

extension Checker {
    mutating func checkRequests() {
        checkIds(scenario.requests.map(\.id), list: "requests")
        for (index, request) in scenario.requests.enumerated() {
            checkRequest(request, path: "requests[\(index)]")
        }
        checkSessionCount()
    }

    /// The planner builds one binary per session and candidate week: a scenario above `maximumSessions`
    /// (rounds × regions, summed over requests) is refused rather than planned for hours or out of memory.
    mutating func checkSessionCount() {
        var total = 0
        var largest: (index: Int, sessions: Int)?
        for (index, request) in scenario.requests.enumerated() where request.rounds >= 1 {
            let (sessions, overflow) = request.rounds.multipliedReportingOverflow(by: max(1, request.regions.count))
            let count = overflow ? Int.max : sessions
            total = total.addingReportingOverflow(count).overflow ? Int.max : total + count
            if count > (largest?.sessions ?? 0) { largest = (index, count) }
        }
        guard total > maximumSessions, let largest else { return }
        let request = scenario.requests[largest.index]
        error("requests[\(largest.index)].rounds",
              "the scenario would have \(total == Int.max ? "more than \(Int.max)" : "\(total)") sessions (\(request.rounds) rounds × \(request.regions.count) regions here); the limit is \(maximumSessions)")
    }

    mutating func checkReferences(_ ids: [String], path: String, kind: String, exists: (String) -> Bool) {
        var seen = Set<String>()
        for (index, id) in ids.enumerated() {
            if !exists(id) {
                error("\(path)[\(index)]", "\(kind) '\(id)' is not defined")
            } else if !seen.insert(id).inserted {
                error("\(path)[\(index)]", "\(kind) '\(id)' is listed twice")
            }
        }
    }

    mutating func checkRequest(_ request: Request, path: String) {
        if scenario.department(request.lead) == nil {
            error(path + ".lead", "department '\(request.lead)' is not defined")
        }
        let scenario = self.scenario
        checkReferences(request.partners, path: path + ".partners", kind: "department") { scenario.department($0) != nil }
        for (index, partner) in request.partners.enumerated() where partner == request.lead {
            error("\(path).partners[\(index)]", "department '\(partner)' is the lead and cannot also be a partner")
        }
        checkReferences(request.targets, path: path + ".targets", kind: "target") { scenario.target($0) != nil }
        checkReferences(request.regions, path: path + ".regions", kind: "region") { scenario.region($0) != nil }
        if request.regions.isEmpty { error(path + ".regions", "at least one region is required") }
        if request.rounds < 1 { error(path + ".rounds", "must be at least 1 (found \(request.rounds))") }
        if request.minGapWeeks < 0 { error(path + ".min_gap_weeks", "must be non-negative (found \(request.minGapWeeks))") }
        if !(1...5).contains(request.durationDays) {
            error(path + ".duration_days", "must be between 1 and 5 working days (found \(request.durationDays))")
        }
        if let window = request.window { checkRange(window, path + ".window") }
        if let preferred = request.preferred { checkRange(preferred, path + ".preferred") }
        checkOfficers(request, path: path)
        checkTargetCounts(request, path: path)
        checkWindowFeasibility(request, path: path)
    }

    mutating func checkOfficers(_ request: Request, path: String) {
        let taking = request.departments
        // With the lead or a partner misspelt, an officers entry may well be meant for it: that error is
        // reported once, at the lead or partner, not again here; but only as many such entries as there are
        // misspelt departments, and only then: more are errors of their own.
        let misspelt = taking.filter { scenario.department($0) == nil }.count
        let strays = request.officers.filter { scenario.department($0.key) != nil && !taking.contains($0.key) }.count
        let everyTakerDefined = misspelt == 0 || strays > misspelt
        var seen = Set<String>()
        for entry in request.officers {
            let entryPath = "\(path).officers.\(entry.key)"
            // Twice in a sheet's 人员 cell (`wsjk:2;wsjk:9`): the planner would take one, the checker the sum.
            guard seen.insert(entry.key).inserted else {
                error(entryPath, "department '\(entry.key)' is listed twice")
                continue
            }
            if scenario.department(entry.key) == nil {
                error(entryPath, "department '\(entry.key)' is not defined")
                continue
            }
            if !taking.contains(entry.key) {
                if everyTakerDefined {
                    error(entryPath, "department '\(entry.key)' is neither the lead nor a partner of this request")
                }
                continue
            }
            if entry.value < 2 {
                error(entryPath, "at least 2 officers are required per action (found \(entry.value))")
            } else if entry.value > maximumOfficers {
                error(entryPath, "must be at most \(maximumOfficers) officers per day (found \(entry.value))")
            }
            for region in request.regions where scenario.region(region) != nil {
                if scenario.pool(department: entry.key, region: region) == nil {
                    error(entryPath, "department '\(entry.key)' has no staff pool covering region '\(region)' (neither it nor an ancestor is listed in its staff)")
                }
            }
        }
        for department in taking where scenario.department(department) != nil
            && !request.officers.contains(where: { $0.key == department }) {
            error(path + ".officers", "officers for department '\(department)' are missing (officers must list exactly the lead and the partners)")
        }
    }

    mutating func checkTargetCounts(_ request: Request, path: String) {
        for (index, targetID) in request.targets.enumerated() {
            guard let target = scenario.target(targetID) else { continue }
            for region in request.regions where scenario.region(region) != nil {
                let count: Int = target.count.value(for: region) ?? 0
                if count <= 0 {
                    error("\(path).targets[\(index)]", "target '\(targetID)' has no enterprises in region '\(region)' (count must be > 0)")
                }
            }
        }
    }

    /// Warns for each region of the request in which no week can hold a session inside the window.
    mutating func checkWindowFeasibility(_ request: Request, path: String) {
        guard let calendar, let year = yearRange, (1...5).contains(request.durationDays) else { return }
        let window = request.window ?? year
        guard window.from <= window.to else { return }
        for regionID in request.regions {
            guard let region = scenario.region(regionID) else { continue }
            let open = calendar.weeks.contains { week in
                let days = calendar.workingDays(ofWeek: week).filter { day in
                    !region.closed.contains { $0.range.contains(day) }
                }
                guard days.count >= request.durationDays else { return false }
                return days.prefix(request.durationDays).allSatisfy(window.contains)
            }
            if !open {
                warning(path + ".window",
                        "no week of the window \(window) can hold a \(request.durationDays)-day session in region '\(regionID)'")
            }
        }
    }
}
