import Foundation
import JointPlanFormats
import JointPlanPublish
import Testing

@Suite struct OutputFileTests {
    /// A fresh scratch directory under the system temporary directory.
    func scratch() throws -> String {
        let path = NSTemporaryDirectory() + "jointplan-output-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    func contents(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    func entries(_ directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    }

    @Test func replacesAtomicallyAndLeavesNoTemporaries() throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/plan.csv"
        try OutputFile.write(Data("old".utf8), to: path)
        #expect(contents(path) == "old")
        let before = try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int
        try OutputFile.write(Data("new".utf8), to: path)
        #expect(contents(path) == "new")
        let after = try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int
        #expect(before != after, "the file was replaced by rename, not rewritten in place")
        #expect(try entries(directory) == ["plan.csv"])
    }

    @Test func createsParentDirectories() throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try OutputFile.writeAll([(path: directory + "/out/calendar/scjg.ics", data: Data("x".utf8)),
                                 (path: directory + "/out/report.html", data: Data("y".utf8))])
        #expect(contents(directory + "/out/calendar/scjg.ics") == "x")
        #expect(contents(directory + "/out/report.html") == "y")
        #expect(try entries(directory + "/out") == ["calendar", "report.html"])
    }

    @Test func writingToDevNullDoesNotReplaceIt() throws {
        try OutputFile.write(Data("discarded".utf8), to: "/dev/null")
        try OutputFile.writeAll([(path: "/dev/null", data: Data("again".utf8))])
        var info = stat()
        #expect(lstat("/dev/null", &info) == 0)
        #expect(info.st_mode & S_IFMT == S_IFCHR, "/dev/null is still a character device")
        #expect(!(try entries("/dev")).contains { $0.hasPrefix(".null.tmp") })
    }

    @Test func aFailureMidwayLeavesPreviousOutputsAndNoTemporaries() throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try OutputFile.writeAll([(path: directory + "/plan.csv", data: Data("old plan".utf8)),
                                 (path: directory + "/summary.md", data: Data("old summary".utf8))])
        // A regular file where a directory should be: the third output cannot be written.
        try OutputFile.write(Data("in the way".utf8), to: directory + "/calendar")
        #expect(throws: OutputFileError.self) {
            try OutputFile.writeAll([(path: directory + "/plan.csv", data: Data("new plan".utf8)),
                                     (path: directory + "/summary.md", data: Data("new summary".utf8)),
                                     (path: directory + "/calendar/scjg.ics", data: Data("ics".utf8))])
        }
        #expect(contents(directory + "/plan.csv") == "old plan")
        #expect(contents(directory + "/summary.md") == "old summary")
        #expect(try entries(directory) == ["calendar", "plan.csv", "summary.md"])
    }

    /// A failure leaves no directory the call created either: a folder where report.html should go, with
    /// calendar/ and out/ not there before (the second failure is found only after out/calendar exists).
    @Test func aFailureLeavesNoNewDirectories() throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory + "/plan/report.html", withIntermediateDirectories: true)
        #expect(throws: OutputFileError.self) {
            try OutputFile.writeAll([(path: directory + "/plan/calendar/scjg.ics", data: Data("ics".utf8)),
                                     (path: directory + "/plan/report.html", data: Data("html".utf8))])
        }
        #expect(try entries(directory + "/plan") == ["report.html"])
        try OutputFile.write(Data("in the way".utf8), to: directory + "/file")
        #expect(throws: OutputFileError.self) {
            try OutputFile.writeAll([(path: directory + "/out/calendar/scjg.ics", data: Data("ics".utf8)),
                                     (path: directory + "/file/report.html", data: Data("html".utf8))])
        }
        #expect(try entries(directory) == ["file", "plan"])
    }

    @Test func errorsNameThePath() throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try OutputFile.write(Data(), to: directory + "/blocker")
        let target = directory + "/blocker/report.html"
        do {
            try OutputFile.write(Data("x".utf8), to: target)
            Issue.record("expected an error")
        } catch let error as OutputFileError {
            #expect(error.path == target)
            #expect(error.description.hasPrefix(target + ": "))
        }
        #expect(throws: OutputFileError.self) { try OutputFile.write(Data(), to: directory) }
    }

    /// What `plan --out DIR` does with the published files. With JOINTPLAN_SAMPLE_OUT set, the sample
    /// outputs are also written there, for Tools/check-published.sh.
    @Test func publishedFilesWriteTogether() throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var targets = [directory]
        if let sample = ProcessInfo.processInfo.environment["JOINTPLAN_SAMPLE_OUT"], !sample.isEmpty {
            targets.append(sample)
        }
        for target in targets {
            let lang = ProcessInfo.processInfo.environment["JOINTPLAN_SAMPLE_LANG"] == "en" ? Language.en : .zh
            let files = Publisher.files(plan: Fixture.plan, scenario: Fixture.scenario,
                                        options: PublishOptions(lang: target == directory ? .zh : lang,
                                                                generatedAt: Fixture.stamp))
            try OutputFile.writeAll(files.map { (path: target + "/" + $0.relativePath, data: $0.data) })
        }
        #expect(try entries(directory) == ["calendar", "plan.csv", "report.html", "summary.md"])
        #expect(try entries(directory + "/calendar") == ["scjg.ics", "sthj.ics", "yjgl.ics"])
    }

    @Test func symbolicLinksKeepPointingAtTheReplacedFile() throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try OutputFile.write(Data("old".utf8), to: directory + "/real.md")
        try FileManager.default.createSymbolicLink(atPath: directory + "/link.md", withDestinationPath: "real.md")
        try OutputFile.write(Data("new".utf8), to: directory + "/link.md")
        #expect(contents(directory + "/real.md") == "new")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: directory + "/link.md") == "real.md")
    }
}
