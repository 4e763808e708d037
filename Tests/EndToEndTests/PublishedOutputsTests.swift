import Foundation
import Testing

/// The published outputs of a real `plan --out` run, checked by independent tools: Python's icalendar
/// parses every calendar, and headless Chromium renders report.html (Tools/check-published.sh).
@Suite("published outputs (binary + independent parsers)")
struct PublishedOutputsTests {
    @Test(arguments: ["zh", "en"])
    func calendarsParseAndTheReportRenders(lang: String) throws {
        let out = NSTemporaryDirectory() + "jointplan-published-\(UUID().uuidString)"
        let scenario = CLIRunner.packageRoot + "/Scenarios/wuwei-2025"
        let plan = try CLIRunner.run(["plan", scenario, "--out", out, "--lang", lang, "--quiet", "--time-limit", "5"])
        #expect(plan.exitCode == 0, "\(plan.stderr)")

        let csv = try Data(contentsOf: URL(fileURLWithPath: out + "/plan.csv"))
        #expect(csv.starts(with: [0xEF, 0xBB, 0xBF]), "plan.csv starts with the UTF-8 BOM")
        let header = String(decoding: csv.dropFirst(3), as: UTF8.self).split(separator: "\r\n").first.map(String.init)
        let expected = lang == "zh" ? "序号,联合执法事项,牵头部门,配合部门,执法对象,执法区域,轮次,时间安排,参与人员"
            : "No.,Joint action,Lead,Partners,Targets,Region,Round,Dates,Officers"
        #expect(header == expected)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [CLIRunner.packageRoot + "/Tools/check-published.sh", out, out + "/report.png"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(output)")
        #expect(FileManager.default.fileExists(atPath: out + "/report.png"))
        try? FileManager.default.removeItem(atPath: out)
    }
}
