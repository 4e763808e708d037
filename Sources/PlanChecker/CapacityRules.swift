import JointPlanCore

/// One department's staff pool in one plan week.
struct LoadKey: Hashable, Comparable, CustomStringConvertible {
    var department: String
    var pool: String
    var week: Int

    /// Ordered by week first, so messages read through the year.
    static func < (a: LoadKey, b: LoadKey) -> Bool {
        (a.week, a.department, a.pool) < (b.week, b.department, b.pool)
    }

    /// `scjg pool liangzhou week 15`.
    var description: String { "\(department) pool \(pool) week \(week)" }
}

/// H3 capacity and the plan's `load` records.
extension CheckRun {
    /// Sums officer-days per department, pool and week, checks them against the capacities (H3) and
    /// checks the plan's load records against the same sums (PLAN).
    mutating func checkCapacity() {
        for placement in placementsInOrder where placement.weekIsValid {
            for entry in placement.request.officers {
                guard let pool = placement.pools[entry.key] else { continue }
                let key = LoadKey(department: entry.key, pool: pool, week: placement.week)
                used[key, default: 0] += Double(entry.value * placement.request.durationDays)
            }
        }
        for key in used.keys.sorted() {
            let capacity = capacity(of: key)
            if used[key]! > capacity + 1e-6 {
                log.add(.h3, "week \(key.week): \(key.department) pool \(key.pool) uses \(formatNumber(used[key]!)) officer-days, capacity \(formatNumber(capacity))")
            }
        }
        checkLoadRecords()
    }

    /// Capacity of a load key whose department is known (0 otherwise).
    func capacity(of key: LoadKey) -> Double {
        guard let department = departmentsByID[key.department] else { return 0 }
        return capacity(of: department, pool: key.pool, week: key.week)
    }

    private mutating func checkLoadRecords() {
        var seen = Set<LoadKey>()
        for record in plan.load {
            let key = LoadKey(department: record.department, pool: record.pool, week: record.week)
            guard seen.insert(key).inserted else {
                log.add(.plan, "load record \(key) appears more than once")
                continue
            }
            guard let department = departmentsByID[key.department],
                  department.staff.contains(where: { $0.key == key.pool }), calendar.weeks.contains(key.week) else {
                log.add(.plan, "load record \(key) names no staff pool of the scenario in a plan week")
                continue
            }
            let usedHere = used[key] ?? 0
            // §6 lists the pool-weeks with work; one without any is not re-derived from the plan.
            if usedHere == 0, record.used == 0 {
                log.add(.plan, "load record \(key) has no work in it (no placed session uses that pool that week)")
                continue
            }
            if !nearlyEqual(record.used, usedHere) {
                log.add(.plan, "load record \(key): used \(formatNumber(record.used)), recomputed \(formatNumber(usedHere)) officer-days")
            }
            let capacity = capacity(of: department, pool: key.pool, week: key.week)
            if !nearlyEqual(record.capacity, capacity) {
                log.add(.plan, "load record \(key): capacity \(formatNumber(record.capacity)), recomputed \(formatNumber(capacity)) officer-days")
            }
        }
        for key in used.keys.sorted() where used[key]! > 0 && !seen.contains(key) {
            log.add(.plan, "no load record for \(key), which uses \(formatNumber(used[key]!)) officer-days")
        }
    }

    /// Per department: Σ over pools and weeks of max(0, used − balance_threshold × capacity).
    func overloadByDepartment() -> [String: Double] {
        var overload: [String: Double] = [:]
        for key in used.keys.sorted() {
            let excess = used[key]! - scenario.objective.balanceThreshold * capacity(of: key)
            overload[key.department, default: 0] += max(0, excess)
        }
        return overload
    }

    /// Per department: the largest used / capacity over pools and weeks with capacity > 0.
    func peakUtilisationByDepartment() -> [String: Double] {
        var peak: [String: Double] = [:]
        for key in used.keys.sorted() {
            let capacity = capacity(of: key)
            guard capacity > 0 else { continue }
            peak[key.department] = max(peak[key.department] ?? 0, used[key]! / capacity)
        }
        return peak
    }
}
