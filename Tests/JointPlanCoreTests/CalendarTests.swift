import JointPlanCore
import Testing

@Suite("PlanCalendar")
struct CalendarTests {
    func calendar(_ year: Int, holidays: [DateRange] = [], workdays: [DateRange] = []) throws -> PlanCalendar {
        try PlanCalendar(year: year, spec: CalendarSpec(preset: HolidayPresets.cnOfficial, holidays: holidays, workdays: workdays))
    }

    func date(_ text: String) -> CivilDate { CivilDate(iso: text)! }

    func quarterCounts(_ calendar: PlanCalendar) -> [Int] {
        (0..<4).map { quarter in
            let from = CivilDate(year: calendar.year, month: quarter * 3 + 1, day: 1)!
            let lastMonth = quarter * 3 + 3
            let to = CivilDate(year: calendar.year, month: lastMonth, day: CivilDate.daysInMonth(year: calendar.year, month: lastMonth))!
            return calendar.workingDayCount(in: DateRange(from: from, to: to))
        }
    }

    @Test("working days per year and quarter", arguments: [
        (2024, 251, [61, 62, 66, 62]),
        (2025, 248, [59, 61, 67, 61]),
        (2026, 248, [59, 61, 66, 62]),
    ])
    func workingDays(year: Int, total: Int, quarters: [Int]) throws {
        let calendar = try calendar(year)
        #expect(calendar.workingDayCount(in: DateRange(from: calendar.firstDay, to: calendar.lastDay)) == total)
        #expect(quarterCounts(calendar) == quarters)
    }

    @Test func weeksOf2025() throws {
        let calendar = try calendar(2025)
        #expect(calendar.weekCount == 53)
        #expect(calendar.monday(ofWeek: 1) == date("2024-12-30"))
        #expect(calendar.week(of: date("2024-12-29")) == nil)
        #expect(calendar.week(of: date("2024-12-30")) == 1)
        #expect(calendar.week(of: date("2025-01-05")) == 1)
        #expect(calendar.week(of: date("2025-01-06")) == 2)
        #expect(calendar.week(of: date("2025-12-31")) == 53)
        #expect(calendar.week(of: date("2026-01-05")) == nil)
        // Days outside the plan year are never working days, even in week 1.
        #expect(calendar.workingDays(ofWeek: 1) == [date("2025-01-02"), date("2025-01-03")])
        #expect(calendar.workingDays(ofWeek: 53).map(\.iso) == ["2025-12-29", "2025-12-30", "2025-12-31"])
    }

    @Test func adjustedWorkdaysAndHolidays() throws {
        let calendar = try calendar(2025)
        #expect(calendar.isWorkingDay(date("2025-01-26")))      // Sunday, 调休上班
        #expect(!calendar.isWorkingDay(date("2025-01-28")))     // Spring Festival
        #expect(!calendar.isWorkingDay(date("2025-10-08")))
        #expect(calendar.isWorkingDay(date("2025-10-11")))      // Saturday, 调休上班
        // Week 41 is 2025-10-06..12: the holiday ends on the 8th, the Saturday is worked.
        #expect(calendar.workingDays(ofWeek: 41).map(\.iso) == ["2025-10-09", "2025-10-10", "2025-10-11"])
        #expect(calendar.workingDays(ofWeek: 40).map(\.iso) == ["2025-09-29", "2025-09-30"])
    }

    @Test func extraHolidaysAndWorkdays() throws {
        let base = try calendar(2025)
        let extra = try calendar(2025, holidays: [DateRange(single: date("2025-07-01")),
                                                   DateRange(from: date("2025-08-11"), to: date("2025-08-12"))],
                                 workdays: [DateRange(single: date("2025-07-05"))])
        #expect(base.isWorkingDay(date("2025-07-01")) && !extra.isWorkingDay(date("2025-07-01")))
        #expect(!extra.isWorkingDay(date("2025-08-12")))
        #expect(!base.isWorkingDay(date("2025-07-05")) && extra.isWorkingDay(date("2025-07-05")))
        let total = { (c: PlanCalendar) in c.workingDayCount(in: DateRange(from: c.firstDay, to: c.lastDay)) }
        #expect(total(extra) == 248 - 3 + 1)
    }

    /// The scenario's dates lie on top of the preset: a local holiday on an official 调休 working day (Sunday
    /// 28 September 2025) is a day off, a local workday on an official holiday (1 October) a working day.
    @Test func scenarioDatesOverrideThePreset() throws {
        let base = try calendar(2025)
        #expect(base.isWorkingDay(date("2025-09-28")) && !base.isWorkingDay(date("2025-10-01")))
        let local = try calendar(2025, holidays: [DateRange(single: date("2025-09-28"))],
                                 workdays: [DateRange(single: date("2025-10-01"))])
        #expect(!local.isWorkingDay(date("2025-09-28")))
        #expect(local.isWorkingDay(date("2025-10-01")))
        // Within the scenario's own dates a workday still wins over a holiday listing it too.
        let both = try calendar(2025, holidays: [DateRange(single: date("2025-07-01"))],
                                workdays: [DateRange(single: date("2025-07-01"))])
        #expect(both.isWorkingDay(date("2025-07-01")))
    }

    @Test func unknownPresetAndYear() {
        #expect(throws: PlanCalendar.PresetError.unknownPreset("us")) {
            try PlanCalendar(year: 2025, spec: CalendarSpec(preset: "us"))
        }
        #expect(throws: PlanCalendar.PresetError.unknownYear(2031, known: [2024, 2025, 2026])) {
            try PlanCalendar(year: 2031, spec: CalendarSpec(preset: HolidayPresets.cnOfficial))
        }
        // Without a preset any year works: Monday–Friday only.
        #expect((try? PlanCalendar(year: 2031, spec: CalendarSpec()))?.weekCount == 53)
    }
}
