import ArgumentParser
import JointPlanCore
import JointPlanFormats

/// `jointplan validate SCENARIO`: lists every error and warning, then a one-line summary.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a scenario and list every error, not only the first.")

    @Argument(help: "A scenario folder (holding scenario.yaml), a scenario YAML file, or an intake workspace.")
    var scenario: String

    func run() throws {
        let loaded = try ScenarioInput.load(scenario)
        print(Self.summary(loaded.scenario))
    }

    /// `<name> (<year>): N regions, N departments, N targets, N requests, N sessions`.
    static func summary(_ scenario: Scenario) -> String {
        let sessions = scenario.requests.reduce(0) { $0 + $1.rounds * $1.regions.count }
        return "\(scenario.name) (\(scenario.year)): \(scenario.regions.count) regions, \(scenario.departments.count) departments, "
            + "\(scenario.targets.count) targets, \(scenario.requests.count) requests, \(sessions) sessions"
    }
}
