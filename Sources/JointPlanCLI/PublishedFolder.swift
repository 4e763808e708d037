import Foundation
import JointPlanCore
import JointPlanFormats

/// The output folder of `plan --out` and `whatif --out`: plan.json and the published files beside it.
enum PublishedFolder {
    /// Writes `files` (all or nothing, `OutputFile.writeAll`), then removes the calendars an earlier run
    /// left in `folder/calendar` that this plan no longer has (a department gone from the scenario): a
    /// re-plan published into the same folder must not leave a department a calendar of dropped actions.
    /// Only regular `.ics` files that jointplan wrote (its PRODID) are removed; one that cannot be is
    /// warned about. Someone else's calendar in the folder stays.
    static func write(_ files: [(path: String, data: Data)], folder: String) throws {
        try OutputFile.writeAll(files)
        let calendars = folder + "/calendar"
        let written = Set(files.filter { $0.path.hasPrefix(calendars + "/") }.map { PathText.lastComponent($0.path) })
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: calendars) else { return }
        for name in names.sorted() where name.hasSuffix(".ics") && !written.contains(name) {
            let path = calendars + "/" + name
            guard (try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType) == .typeRegular,
                  writtenByJointplan(path) else { continue }
            do {
                try FileManager.default.removeItem(atPath: path)
            } catch {
                FileHandleOutput.standardError("warning: \(path): an earlier plan's calendar could not be removed: \(error.localizedDescription)")
            }
        }
    }

    /// Whether the calendar file starts as jointplan writes them (its PRODID within the first lines).
    static func writtenByJointplan(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 512)) ?? Data()
        return String(decoding: head, as: UTF8.self).contains("PRODID:-//jointplan//")
    }
}
