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

    @Option(name: .long, help: "The CSV file to write.")
    var output: String

    func validate() throws {
        try requireOutputPath(output, option: "--output")
    }

    func run() throws {
        let year = Calendar(identifier: .gregorian).component(.year, from: Date())
        let text = RequestSheets.template(chinese: lang == .zh, year: year)
        try OutputFile.write(Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8), to: output)
        FileHandleOutput.standardError("wrote \(output): \(RequestSheets.columnNames.count) columns, one example row (commented with #)")
    }
}
