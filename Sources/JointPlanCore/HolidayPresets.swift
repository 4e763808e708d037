/// The State Council's published holiday schedules (国务院办公厅关于…部分节假日安排的通知), shipped with
/// the program for `calendar.preset: cn-official`. Source: shared/data/holidays-cn.yaml.
public struct OfficialHolidaySchedule: Sendable {
    public let year: Int
    public let notice: String
    public let daysOff: [DateRange]
    /// Adjusted working days (调休上班日) that fall on weekends.
    public let adjustedWorkdays: [CivilDate]
}

public enum HolidayPresets {
    /// The name of the only preset.
    public static let cnOfficial = "cn-official"

    /// The years the shipped preset knows.
    public static var knownYears: [Int] { schedules.keys.sorted() }

    public static func schedule(year: Int) -> OfficialHolidaySchedule? { schedules[year] }

    private static func d(_ text: String) -> CivilDate { CivilDate(iso: text)! }
    private static func r(_ from: String, _ to: String) -> DateRange { DateRange(from: d(from), to: d(to)) }
    private static func one(_ text: String) -> DateRange { DateRange(single: d(text)) }

    private static let schedules: [Int: OfficialHolidaySchedule] = [
        2024: OfficialHolidaySchedule(
            year: 2024, notice: "国办发明电〔2023〕7号",
            daysOff: [one("2024-01-01"), r("2024-02-10", "2024-02-17"), r("2024-04-04", "2024-04-06"),
                      r("2024-05-01", "2024-05-05"), one("2024-06-10"), r("2024-09-15", "2024-09-17"),
                      r("2024-10-01", "2024-10-07")],
            adjustedWorkdays: ["2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-05-11",
                               "2024-09-14", "2024-09-29", "2024-10-12"].map(d)),
        2025: OfficialHolidaySchedule(
            year: 2025, notice: "国办发明电〔2024〕12号",
            daysOff: [one("2025-01-01"), r("2025-01-28", "2025-02-04"), r("2025-04-04", "2025-04-06"),
                      r("2025-05-01", "2025-05-05"), r("2025-05-31", "2025-06-02"), r("2025-10-01", "2025-10-08")],
            adjustedWorkdays: ["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"].map(d)),
        2026: OfficialHolidaySchedule(
            year: 2026, notice: "国务院办公厅关于2026年部分节假日安排的通知",
            daysOff: [r("2026-01-01", "2026-01-03"), r("2026-02-15", "2026-02-23"), r("2026-04-04", "2026-04-06"),
                      r("2026-05-01", "2026-05-05"), r("2026-06-19", "2026-06-21"), r("2026-09-25", "2026-09-27"),
                      r("2026-10-01", "2026-10-07")],
            adjustedWorkdays: ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20",
                               "2026-10-10"].map(d)),
    ]
}
