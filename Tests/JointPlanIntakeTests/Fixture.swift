import Foundation
import JointPlanCore
import JointPlanFormats
@testable import JointPlanIntake

/// A tiny city for intake tests: one county, `departments` departments (d01, d02, …) each with a city
/// pool, one target, one bureau request in the YAML and one request sheet of d01 under request_files.
enum Fixture {
    static func scenarioYAML(departments: Int = 3) -> String {
        let ids = (1...departments).map { String(format: "d%02d", $0) }
        return """
            format: jointplan/v1
            name: 测试市2025年度联合执法计划
            year: 2025
            regions:
              - {id: city, name: 测试市}
              - {id: county, name: 测试县, parent: city}
            departments:
            \(ids.map { "  - {id: \($0), name: 部门\($0), staff: {city: 40}}" }.joined(separator: "\n"))
            targets:
              - {id: shop, name: 商店, count: {county: 50}}
            requests:
              - {id: B01, title: 司法局协调事项, lead: d01, regions: [county], duration_days: 1, officers: {d01: 2}}
            request_files: [sheets/*.csv]

            """
    }

    /// A sheet of `department` with one row per id (English headers unless `chinese`).
    static func sheet(_ department: String, ids: [String], title: String = "检查", chinese: Bool = false) -> String {
        let header = chinese ? "编号,事项名称,牵头部门,执法对象,执法区域,天数,人员,优先级"
            : "id,title,lead,targets,regions,duration_days,officers,priority"
        let quoted = { (text: String) in "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        let rows = ids.map { "\($0),\(quoted("\(title) \($0)")),\(department),shop,county,1,\(department):2,\(chinese ? "高" : "high")" }
        return ([header] + rows).joined(separator: "\n") + "\n"
    }

    /// A new temporary folder holding the scenario (with d01's sheet S01) and the path of a workspace to create.
    static func make(departments: Int = 3) throws -> (scenario: String, workspace: String) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("intake-test-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root + "/scenario/sheets", withIntermediateDirectories: true)
        try scenarioYAML(departments: departments).write(toFile: root + "/scenario/scenario.yaml", atomically: true, encoding: .utf8)
        try sheet("d01", ids: ["S01"]).write(toFile: root + "/scenario/sheets/d01.csv", atomically: true, encoding: .utf8)
        return (root + "/scenario", root + "/ws")
    }

    static func workspace(departments: Int = 3) throws -> Workspace {
        let paths = try make(departments: departments)
        return try Workspace.create(at: paths.workspace, from: paths.scenario, actor: "tester")
    }

    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }
}
