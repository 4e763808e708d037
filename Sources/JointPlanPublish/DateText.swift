import JointPlanCore

/// Dates as published documents write them.
///
/// Chinese follows official documents: `2025年4月7日`, `2025年4月7日—9日`, `2025年4月29日—5月6日`;
/// separate runs of days are joined with `、` and repeat only what changed (`2025年4月3日、7日—8日`).
/// English: `7 Apr 2025`, `7–9 Apr 2025`, `29 Apr – 6 May 2025`, `3, 7–8 Apr 2025`.
enum DateText {
    /// Sorted dates grouped into runs of consecutive calendar days.
    static func ranges(_ dates: [CivilDate]) -> [DateRange] {
        var result: [DateRange] = []
        for date in dates.sorted() {
            if let last = result.last, date.ordinal <= last.to.ordinal + 1 {
                result[result.count - 1].to = Swift.max(last.to, date)
            } else {
                result.append(DateRange(single: date))
            }
        }
        return result
    }

    static func format(_ ranges: [DateRange], lang: Language) -> String {
        lang == .zh ? chinese(ranges) : english(ranges)
    }

    static func chinese(_ ranges: [DateRange]) -> String {
        var pieces: [String] = []
        var context: CivilDate?
        func part(_ date: CivilDate, after previous: CivilDate?) -> String {
            let c = date.components
            var text = ""
            let newYear = previous.map { $0.year != c.year } ?? true
            if newYear { text += "\(c.year)年" }
            if newYear || previous.map({ $0.month != c.month }) ?? true { text += "\(c.month)月" }
            return text + "\(c.day)日"
        }
        for range in ranges {
            var text = part(range.from, after: context)
            if range.to != range.from { text += "—" + part(range.to, after: range.from) }
            pieces.append(text)
            context = range.to
        }
        return pieces.joined(separator: "、")
    }

    static let monthAbbreviations = ["Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func english(_ ranges: [DateRange]) -> String {
        func month(_ date: CivilDate) -> String { monthAbbreviations[date.month - 1] }
        var pieces: [String] = []
        for (index, range) in ranges.enumerated() {
            let next = index + 1 < ranges.count ? ranges[index + 1].from : nil
            let (from, to) = (range.from, range.to)
            let showYear = next.map { $0.year != to.year } ?? true
            let showMonth = showYear || next.map { $0.month != to.month } ?? true
            var text: String
            if from == to {
                text = "\(from.day)"
            } else if from.year != to.year {
                text = "\(from.day) \(month(from)) \(from.year) – \(to.day)"
            } else if from.month != to.month {
                text = "\(from.day) \(month(from)) – \(to.day)"
            } else {
                text = "\(from.day)–\(to.day)"
            }
            if showMonth || from.month != to.month || from.year != to.year { text += " \(month(to))" }
            if showYear { text += " \(to.year)" }
            pieces.append(text)
        }
        return pieces.joined(separator: ", ")
    }

    /// `4月7日` / `7 Apr`: a short day label for charts.
    static func short(_ date: CivilDate, lang: Language) -> String {
        lang == .zh ? "\(date.month)月\(date.day)日" : "\(date.day) \(monthAbbreviations[date.month - 1])"
    }
}
