import JointPlanCore

/// A target category in a region in a plan week.
struct VisitKey: Hashable, Comparable, CustomStringConvertible {
    var target: String
    var region: String
    var week: Int

    static func < (a: VisitKey, b: VisitKey) -> Bool { (a.target, a.region, a.week) < (b.target, b.region, b.week) }

    /// `gas-station in liangzhou week 15`.
    var description: String { "\(target) in \(region) week \(week)" }
}

/// H6 visits and the plan's `visits` list.
extension CheckRun {
    /// Derives the visits, checks revisit gaps and caps per (target, region) (H6) and compares the plan's
    /// visit list with the derived one (PLAN).
    mutating func checkVisits() {
        // Departments taking part in each visit (lead or partner of any session making it).
        var departments: [VisitKey: Set<String>] = [:]
        for placement in placementsInOrder where placement.weekIsValid {
            for target in Set(placement.request.targets) {
                let key = VisitKey(target: target, region: placement.key.region, week: placement.week)
                visits[key, default: []].insert(placement.request.id)
                departments[key, default: []].formUnion(placement.request.departments)
            }
        }
        var weeksByPair: [VisitKey: [Int]] = [:]  // keyed with week 0: one entry per (target, region)
        for key in visits.keys.sorted() {
            weeksByPair[VisitKey(target: key.target, region: key.region, week: 0), default: []].append(key.week)
        }
        for pair in weeksByPair.keys.sorted() {
            let weeks = weeksByPair[pair]!
            let target = scenario.target(pair.target)
            let subject = "\(pair.target) in \(pair.region)"
            let minRevisit = target?.minRevisitWeeks ?? scenario.policy.minRevisitWeeks
            for (earlier, later) in zip(weeks, weeks.dropFirst()) where later - earlier < minRevisit {
                log.add(.h6, "\(subject) visited in weeks \(earlier) and \(later) (min revisit \(minRevisit) weeks)")
            }
            if let cap = target?.maxVisitsPerYear ?? scenario.policy.maxVisitsPerYear, weeks.count > cap {
                log.add(.h6, "\(subject) visited in \(weeks.count) weeks (\(weekList(weeks))), max \(cap) per year")
            }
            guard let cap = target?.maxVisitsPerDepartment ?? scenario.policy.maxVisitsPerDepartment else { continue }
            for department in scenario.departments {
                let taking = weeks.filter {
                    departments[VisitKey(target: pair.target, region: pair.region, week: $0)]!.contains(department.id)
                }
                if taking.count > cap {
                    log.add(.h6, "\(subject) visited by \(department.id) in \(taking.count) weeks (\(weekList(taking))), max \(cap) per department")
                }
            }
        }
        checkVisitRecords()
    }

    private mutating func checkVisitRecords() {
        var listed: [VisitKey: [String]] = [:]
        for record in plan.visits {
            let key = VisitKey(target: record.target, region: record.region, week: record.week)
            guard listed[key] == nil else {
                log.add(.plan, "visit \(key) is listed more than once")
                continue
            }
            listed[key] = record.requests
            guard let requests = visits[key] else {
                log.add(.plan, "visit \(key) (\(list(record.requests))) is made by no placed session")
                continue
            }
            if record.requests != requests.sorted() {
                log.add(.plan, "visit \(key) lists requests \(list(record.requests)), the sessions are \(list(requests.sorted()))")
            }
        }
        for key in visits.keys.sorted() where listed[key] == nil {
            log.add(.plan, "visit \(key) (\(list(visits[key]!.sorted()))) is missing from visits")
        }
    }
}

/// `15, 17, 30`.
func weekList(_ weeks: [Int]) -> String { weeks.map(String.init).joined(separator: ", ") }
