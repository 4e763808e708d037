import Foundation

/// Runs the built `jointplan` binary and captures what it did.
struct CLIResult {
    var stdout: String
    var stderr: String
    var exitCode: Int32
    /// True when the process died by a signal (a crash), not by exiting.
    var signaled: Bool
}

enum CLIRunner {
    /// The package root (this file is Tests/EndToEndTests/Support/CLIRunner.swift).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// `JOINTPLAN_BIN` first; else `jointplan` in the products directory holding the test bundle; else
    /// `.build/debug/jointplan` under the package root.
    static func binary() -> String? {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["JOINTPLAN_BIN"], !path.isEmpty { return path }
        var candidates: [String] = []
        let argument0 = URL(fileURLWithPath: CommandLine.arguments.first ?? "")
        var directory = argument0.deletingLastPathComponent()
        for _ in 0..<4 {  // the test binary may sit inside a .xctest bundle
            candidates.append(directory.appendingPathComponent("jointplan").path)
            directory = directory.deletingLastPathComponent()
        }
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("jointplan").path)
        candidates.append(packageRoot + "/.build/debug/jointplan")
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func run(_ arguments: [String], cwd: String? = nil, environment: [String: String]? = nil) throws -> CLIResult {
        guard let binary = binary() else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "jointplan binary not found; set JOINTPLAN_BIN"])
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        if let cwd { process.currentDirectoryURL = URL(fileURLWithPath: cwd) }
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes concurrently so a full pipe never blocks the child.
        let errBox = DataBox()
        let done = DispatchSemaphore(value: 0)
        let errHandle = err.fileHandleForReading
        DispatchQueue.global().async {
            errBox.data = errHandle.readDataToEndOfFile()
            done.signal()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        done.wait()
        let errData = errBox.data
        process.waitUntilExit()
        return CLIResult(stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self),
                         exitCode: process.terminationStatus, signaled: process.terminationReason == .uncaughtSignal)
    }
}

/// Holds the stderr bytes read on another thread (written once before the semaphore is signalled).
private final class DataBox: @unchecked Sendable {
    var data = Data()
}
