import ArgumentParser

/// The `jointplan` command: builds a city's annual joint administrative-enforcement plan.
public struct JointPlanCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "jointplan",
        abstract: "Build a city's annual joint administrative-enforcement plan (年度联合执法计划) with GLPK.",
        subcommands: [ValidateCommand.self, PlanCommand.self, CheckCommand.self, ExplainCommand.self,
                      ExportModelCommand.self, WhatifCommand.self, CompareCommand.self, RecommendCommand.self,
                      TemplateCommand.self, IntakeCommand.self])

    public init() {}
}
