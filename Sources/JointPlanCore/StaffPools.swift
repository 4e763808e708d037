extension Scenario {
    /// The staff pool a department draws on for work in `region`: the region itself if the department
    /// lists it under `staff`, else its nearest ancestor that is listed; nil when none is (§4).
    public func pool(department departmentID: String, region regionID: String) -> String? {
        guard let department = department(departmentID) else { return nil }
        var current: String? = regionID
        var seen = Set<String>()
        while let id = current, seen.insert(id).inserted {
            if department.staff.contains(where: { $0.key == id }) { return id }
            current = region(id)?.parent
        }
        return nil
    }
}
