import ArgumentParser
import Foundation
import JointPlanFormats

/// `jointplan template requests [--lang zh|en] --output FILE.csv`: an empty request sheet for departments.
struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "Write an empty request sheet (DESIGN §4 headers, one commented example row) for departments.",
        discussion: """
        The sheet is UTF-8 with BOM and CRLF line ends, so Excel and WPS open it. Rows whose first cell \
        starts with # are comments: the example row is not read.
        """)

    enum Kind: String, ExpressibleByArgument, CaseIterable { case requests }

    @Argument(help: "What to write: requests.")
    var kind: Kind

    @Option(name: .long, help: "Header language: zh (Chinese, the default) or en.")
    var lang: PublishLanguage = .zh

    @Option(name: .long, help: "The plan year of the example row's dates (default: next year from October on, else this year).")
    var year: Int?

    @Option(name: .long, help: "The CSV file to write.")
    var output: String

    func validate() throws {
        try requireOutputPath(output, option: "--output")
        if let year, !(1900...9999).contains(year) { throw ValidationError("--year must be a year such as 2026, got \(year)") }
    }

    /// Requests are gathered in the last quarter for the coming year: from October the example row shows
    /// next year's dates, so a clerk copying it does not enter last year's.
    static func planningYear(now: Date = Date()) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month], from: now)
        return (parts.year ?? 2025) + ((parts.month ?? 1) >= 10 ? 1 : 0)
    }

    func run() throws {
        let text = RequestSheets.template(chinese: lang == .zh, year: year ?? Self.planningYear())
        try OutputFile.write(Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8), to: output)
        FileHandleOutput.standardError("wrote \(output): \(RequestSheets.columnNames.count) columns, one example row (commented with #)")
    }
}
