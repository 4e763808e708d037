import Foundation
import JointPlanCore
@testable import JointPlanFormats
import Testing

/// Overlays (§8) on the basic fixture: merge by id, field replacement, removal, scale, order, and
/// errors located in the overlay that caused them.
@Suite("Overlays")
struct OverlayTests {
    /// Writes each text to a fresh temporary file; returns the paths in order.
    static func overlays(_ texts: String...) -> [String] {
        let folder = NSTemporaryDirectory() + "jointplan-overlay-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return texts.enumerated().map { index, text in
            let path = "\(folder)/overlay\(index + 1).yaml"
            _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
            return path
        }
    }

    static func load(_ paths: [String]) throws(DiagnosticList) -> Scenario {
        try ScenarioLoader.load(path: basicFixture, overlays: paths).scenario
    }

    static func errors(_ paths: [String]) -> [String] {
        do throws(DiagnosticList) {
            _ = try load(paths)
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }

    static let header = "format: jointplan-overlay/v1\nname: test\n"

    @Test func addsReplacesFieldsAndMergesMapsKeyByKey() throws {
        let base = try ScenarioLoader.load(path: basicFixture).scenario
        let paths = Self.overlays(Self.header + """
            patch:
              policy: {max_visits_per_year: 6}
              departments:
                - {id: sthj, staff: {minqin: 5}}
              requests:
                - {id: R02, priority: low, officers: {scjg: 4}}
                - id: R30
                  title: 新增专项整治
                  lead: scjg
                  partners: [yjgl]
                  targets: [restaurant]
                  regions: [minqin]
                  duration_days: 2
                  officers: {scjg: 2, yjgl: 2}
            """)
        let changed = try Self.load(paths)
        #expect(changed.policy.maxVisitsPerYear == 6 && changed.policy.minRevisitWeeks == base.policy.minRevisitWeeks)
        #expect(changed.department("sthj")?.staff == [Entry("wuwei", 20), Entry("liangzhou", 8), Entry("minqin", 5)])
        let r02 = changed.request("R02")!
        #expect(r02.priority == .low && r02.officers == [Entry("scjg", 4), Entry("yjgl", 2)])
        #expect(r02.title == base.request("R02")!.title && r02.regions == base.request("R02")!.regions)
        #expect(changed.requests.map(\.id) == ["R01", "R02", "R03", "R04", "R30"])
        #expect(changed.request("R30")?.officers == [Entry("scjg", 2), Entry("yjgl", 2)])
        // Everything the overlay did not name is as it was.
        var untouched = changed
        untouched.policy = base.policy
        untouched.departments = base.departments
        untouched.requests = base.requests
        #expect(untouched == base)
    }

    @Test func removesAndReplacesPlainLists() throws {
        let paths = Self.overlays(Self.header + """
            patch:
              requests:
                - {id: R03, remove: true}
              regions:
                - id: minqin
                  closed: [{from: 2025-06-02, to: 2025-06-13, reason: 沙尘暴}]
            """)
        let changed = try Self.load(paths)
        #expect(changed.requests.map(\.id) == ["R01", "R02", "R04"])
        #expect(changed.region("minqin")?.closed.map(\.range.description) == ["2025-06-02..2025-06-13"])
    }

    @Test func scalesStaffOfOneDepartmentOrAll() throws {
        let one = try Self.load(Self.overlays(Self.header + "scale: {staff: {scjg: 0.5}}\n"))
        #expect(one.department("scjg")?.staff.map(\.value) == [20, 12.5, 6])
        #expect(one.department("sthj")?.staff.map(\.value) == [20, 8])
        let all = try Self.load(Self.overlays(Self.header + "scale: {staff: {all: 0.5}}\n"))
        #expect(all.department("yjgl")?.staff.map(\.value) == [6] && all.department("sthj")?.staff.map(\.value) == [10, 4])
    }

    @Test func overlaysApplyInOrder() throws {
        let first = Self.header + "scale: {staff: {scjg: 0.5}}\npatch:\n  requests:\n    - {id: R01, rounds: 1}\n"
        let second = Self.header + "patch:\n  departments:\n    - {id: scjg, staff: {minqin: 30}}\n  requests:\n    - {id: R01, rounds: 3}\n"
        let forward = try Self.load(Self.overlays(first, second))
        #expect(forward.department("scjg")?.staff.map(\.value) == [20, 12.5, 30])
        #expect(forward.request("R01")?.rounds == 3)
        let backward = try Self.load(Self.overlays(second, first))
        #expect(backward.department("scjg")?.staff.map(\.value) == [20, 12.5, 15])
        #expect(backward.request("R01")?.rounds == 1)
        // Within one overlay the scale comes first: the patch's numbers stand as written.
        let both = try Self.load(Self.overlays(Self.header + "scale: {staff: {scjg: 0.5}}\npatch:\n  departments:\n    - {id: scjg, staff: {minqin: 30}}\n"))
        #expect(both.department("scjg")?.staff.map(\.value) == [20, 12.5, 30])
    }

    /// A null replaces the field with what leaving it out of a scenario means: a cap lifted, a range
    /// dropped, the title back to the id. A merged map cannot be null.
    @Test func nullReplacesAFieldWithItsDefault() throws {
        let paths = Self.overlays(Self.header + """
            patch:
              policy: {max_visits_per_year: null}
              targets:
                - {id: gas-station, min_revisit_weeks: null}
              requests:
                - {id: R01, preferred: null, window: null, title: null}
            """)
        let changed = try Self.load(paths)
        #expect(changed.policy.maxVisitsPerYear == nil)
        #expect(changed.target("gas-station")?.minRevisitWeeks == nil)
        let r01 = try #require(changed.request("R01"))
        #expect(r01.preferred == nil && r01.window == nil && r01.title == "R01")
        #expect(r01.priority == .high)
        let map = Self.overlays(Self.header + "patch:\n  departments:\n    - {id: sthj, staff: null}\n")
        #expect(Self.errors(map) == [
            "\(map[0]):5: patch.departments[0].staff: 'staff' cannot be null in an overlay: it merges key by key (give the entries to change)",
        ])
    }

    @Test func unknownFieldsAndIdsAreLocatedErrors() {
        let paths = Self.overlays(Self.header + """
            patch:
              requests:
                - {id: R09, remove: true}
                - {id: R02, prority: high}
            """)
        #expect(Self.errors(paths) == [
            "\(paths[0]):5: patch.requests[0].id: cannot remove request 'R09': no such id in the scenario",
            "\(paths[0]):6: patch.requests[1].prority: unknown key 'prority' (did you mean 'priority'?)",
        ])
        let top = Self.overlays("format: jointplan-overlay/v1\nscales: {}\npatch:\n  year: 2026\n")
        #expect(Self.errors(top) == [
            "\(top[0]):2: scales: unknown key 'scales' (did you mean 'scale'?)",
            "\(top[0]):4: patch.year: 'year' cannot be changed by an overlay",
        ])
        let scale = Self.overlays(Self.header + "scale: {staff: {nobody: 0.8, scjg: -1}}\n")
        #expect(Self.errors(scale) == [
            "\(scale[0]):3: scale.staff.nobody: department 'nobody' is not defined (use a department id or 'all')",
            "\(scale[0]):3: scale.staff.scjg: a scale factor must be 0 or more, found -1.0",
        ])
        let format = Self.overlays("format: jointplan/v1\n")
        #expect(Self.errors(format) == ["\(format[0]):1: format: unsupported format 'jointplan/v1' (expected 'jointplan-overlay/v1')"])
    }

    @Test func validationOfTheChangedScenarioPointsIntoTheOverlay() {
        // A new request with a partner lacking officers, and a CSV request whose partner the overlay drops.
        let paths = Self.overlays(Self.header + """
            patch:
              requests:
                - id: R30
                  title: 新增
                  lead: scjg
                  partners: [yjgl]
                  regions: [minqin]
                  duration_days: 2
                  officers: {scjg: 2}
                - {id: R02, partners: []}
            """)
        // Each issue names the file that set the field: the overlay, or the request sheet whose officers
        // no longer match the partners the overlay changed.
        #expect(Self.errors(paths) == [
            "\(basicFixture)/requests/a-english.csv:2: column officers: department 'yjgl' is neither the lead nor a partner of this request",
            "\(paths[0]):11: patch.requests[0].officers: officers for department 'yjgl' are missing (officers must list exactly the lead and the partners)",
        ])
    }

    /// Dropping a partner needs its officers entry gone too: an entry of a merged map set to null removes
    /// it. Removing an entry that is not there is an error at the overlay's line.
    @Test func aNullEntryRemovesItFromAMergedMap() throws {
        let drop = Self.overlays(Self.header + "patch:\n  requests:\n    - {id: R02, partners: [], officers: {yjgl: null}}\n")
        let request = try #require(try Self.load(drop).request("R02"))
        #expect(request.partners.isEmpty)
        #expect(request.officers.map(\.key) == ["scjg"])
        let missing = Self.overlays(Self.header + "patch:\n  requests:\n    - {id: R02, officers: {gaj: null}}\n")
        #expect(Self.errors(missing) == ["\(missing[0]):5: patch.requests[0].officers.gaj: cannot remove 'gaj' from officers: request 'R02' has no such entry"])
    }

    @Test func aMisspeltLeadOrPartnerIsOneError() {
        // The sheet's officers entry is most likely meant for the misspelt department: blaming the sheet as
        // well would send the user to a line that is right.
        let lead = Self.overlays(Self.header + "patch:\n  requests:\n    - {id: R02, lead: nobody}\n")
        #expect(Self.errors(lead) == ["\(lead[0]):5: patch.requests[0].lead: department 'nobody' is not defined"])
        let partner = Self.overlays(Self.header + "patch:\n  requests:\n    - {id: R02, partners: [yjg]}\n")
        #expect(Self.errors(partner) == ["\(partner[0]):5: patch.requests[0].partners[0]: department 'yjg' is not defined"])
        // Two stray officers for one misspelt partner: one may be meant for it, but not both.
        let two = Self.overlays(Self.header + "patch:\n  requests:\n    - {id: R02, lead: nobody, partners: []}\n")
        #expect(Self.errors(two).count == 3, "\(Self.errors(two))")
        #expect(Self.errors(two).filter { $0.contains("is neither the lead nor a partner") }.count == 2, "\(Self.errors(two))")
    }
}
