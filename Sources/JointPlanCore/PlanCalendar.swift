/// Plan weeks and working days of one year (DESIGN.md §3).
///
/// Week 1 starts on the Monday on or before 1 January; the last week contains 31 December. A working
/// day is a date of the plan year that is Monday–Friday and not a holiday, or an adjusted working day.
/// Region closures and department unavailability are not part of this calendar: they are rules about
/// regions and departments applied on top of it.
public struct PlanCalendar: Sendable {
    public let year: Int
    public let firstMonday: CivilDate
    public let weekCount: Int
    private let workingDays: Set<CivilDate>

    public enum PresetError: Error, Equatable, Sendable {
        case unknownPreset(String)
        case unknownYear(Int, known: [Int])
    }

    /// Builds the calendar of `spec`. Dates outside `year` in `holidays`/`workdays` are ignored here
    /// (validation reports them); an unknown preset or a year the preset does not know throws.
    public init(year: Int, spec: CalendarSpec) throws(PresetError) {
        self.year = year
        let jan1 = CivilDate(year: year, month: 1, day: 1)!
        let dec31 = CivilDate(year: year, month: 12, day: 31)!
        firstMonday = jan1.adding(days: -(jan1.weekday - 1))
        weekCount = (dec31.ordinal - firstMonday.ordinal) / 7 + 1

        var presetOff = Set<CivilDate>()
        var presetOn = Set<CivilDate>()
        if let preset = spec.preset {
            guard preset == HolidayPresets.cnOfficial else { throw .unknownPreset(preset) }
            guard let schedule = HolidayPresets.schedule(year: year) else {
                throw .unknownYear(year, known: HolidayPresets.knownYears)
            }
            for range in schedule.daysOff { presetOff.formUnion(range.dates) }
            presetOn.formUnion(schedule.adjustedWorkdays)
        }
        var off = Set<CivilDate>()
        var on = Set<CivilDate>()
        for range in spec.holidays { off.formUnion(range.dates) }
        for range in spec.workdays { on.formUnion(range.dates) }
        // The scenario's own dates lie on top of the preset (§3): a local holiday on an official 调休 working
        // day makes it a day off, a local workday on an official holiday a working day. Within the scenario's
        // dates, one listed as a workday wins over a holiday listing it too.
        var days = Set<CivilDate>()
        for ordinal in jan1.ordinal...dec31.ordinal {
            let date = CivilDate(ordinal: ordinal)
            let working = on.contains(date) ? true
                : off.contains(date) ? false
                : presetOn.contains(date) ? true
                : presetOff.contains(date) ? false
                : !date.isWeekend
            if working { days.insert(date) }
        }
        workingDays = days
    }

    public var firstDay: CivilDate { CivilDate(year: year, month: 1, day: 1)! }
    public var lastDay: CivilDate { CivilDate(year: year, month: 12, day: 31)! }

    public func contains(_ date: CivilDate) -> Bool { date.year == year }

    public func isWorkingDay(_ date: CivilDate) -> Bool { workingDays.contains(date) }

    /// The plan week (1-based) containing `date`, or nil outside the plan weeks.
    public func week(of date: CivilDate) -> Int? {
        let offset = date.ordinal - firstMonday.ordinal
        guard offset >= 0 else { return nil }
        let week = offset / 7 + 1
        return week <= weekCount ? week : nil
    }

    /// Monday of plan week `week`.
    public func monday(ofWeek week: Int) -> CivilDate { firstMonday.adding(days: (week - 1) * 7) }

    /// The seven dates of plan week `week`, Monday first.
    public func dates(ofWeek week: Int) -> [CivilDate] {
        let monday = monday(ofWeek: week)
        return (0..<7).map { monday.adding(days: $0) }
    }

    /// The working days of plan week `week`, in order.
    public func workingDays(ofWeek week: Int) -> [CivilDate] { dates(ofWeek: week).filter(isWorkingDay) }

    /// Number of working days between two dates inclusive.
    public func workingDayCount(in range: DateRange) -> Int { range.dates.filter(isWorkingDay).count }

    public var weeks: ClosedRange<Int> { 1...weekCount }
}
