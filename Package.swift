// swift-tools-version:6.0
// jointplan: the annual joint administrative-enforcement planner.
// Dependencies point downward only: CLI → Formats/Solver/Checker → Core; Solver → GLPK → CGLPK.
import PackageDescription

let package = Package(
    name: "jointplan",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "jointplan", targets: ["jointplan"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // MARK: C interop

        /// GLPK's C API as a Swift module (Debian's libglpk-dev; no pkg-config file exists).
        .systemLibrary(name: "CGLPK", path: "Sources/CGLPK", providers: [.apt(["libglpk-dev"])]),
        /// A little C: the error-hook + setjmp guard that turns GLPK's fatal errors into error returns.
        .target(name: "CGLPKGuard", dependencies: ["CGLPK"], path: "Sources/CGLPKGuard"),

        // MARK: Solver

        /// A safe Swift wrapper over GLPK; knows nothing about enforcement.
        .target(name: "GLPK", dependencies: ["CGLPK", "CGLPKGuard"]),

        // MARK: Domain

        /// Domain types, the calendar and scenario validation rules; no I/O, no solver.
        .target(name: "JointPlanCore"),
        /// Scenario → MILP (one builder per rule family), greedy start, solve, decode.
        .target(name: "JointPlanSolver", dependencies: ["JointPlanCore", "GLPK"]),
        /// Re-derives every hard rule from the scenario alone; shares no code with the solver.
        .target(name: "PlanChecker", dependencies: ["JointPlanCore"]),

        // MARK: Formats

        /// YAML/CSV scenario reading with located errors; plan JSON reading and writing; digests.
        .target(name: "JointPlanFormats", dependencies: [
            "JointPlanCore",
            .product(name: "Yams", package: "Yams"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),

        /// Published outputs: plan.csv, department .ics calendars, report.html, summary.md.
        .target(name: "JointPlanPublish", dependencies: ["JointPlanCore", "JointPlanFormats"]),

        // MARK: Intake

        /// Department submissions in a workspace (SQLite through GRDB): validation, versions, audit trail.
        .target(name: "JointPlanIntake", dependencies: [
            "JointPlanCore", "JointPlanFormats",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Yams", package: "Yams"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),

        // MARK: CLI

        /// One file per subcommand; owns files, diagnostics and exit codes.
        .target(name: "JointPlanCLI", dependencies: [
            "JointPlanCore", "JointPlanFormats", "JointPlanSolver", "PlanChecker", "JointPlanPublish", "JointPlanIntake",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        /// The executable: `@main` only.
        .executableTarget(name: "jointplan", dependencies: ["JointPlanCLI"]),

        // MARK: Tests

        .testTarget(name: "GLPKTests", dependencies: ["GLPK", "CGLPK", "CGLPKGuard"]),
        .testTarget(name: "JointPlanCoreTests", dependencies: ["JointPlanCore"]),
        .testTarget(name: "JointPlanFormatsTests", dependencies: ["JointPlanFormats", "JointPlanCore"],
                    exclude: ["BadInput", "Fixtures"]),
        .testTarget(name: "JointPlanSolverTests", dependencies: ["JointPlanSolver", "JointPlanFormats", "PlanChecker"]),
        .testTarget(name: "PlanCheckerTests", dependencies: ["PlanChecker", "JointPlanFormats"]),
        .testTarget(name: "JointPlanPublishTests", dependencies: ["JointPlanPublish", "JointPlanFormats"],
                    exclude: ["Golden"]),
        .testTarget(name: "JointPlanIntakeTests", dependencies: [
            "JointPlanIntake", "JointPlanFormats", "JointPlanCore", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "EndToEndTests", dependencies: ["JointPlanFormats"]),
    ]
)
