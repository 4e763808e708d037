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

    /// A run that takes longer than `timeout` seconds is killed (SIGTERM, then SIGKILL) and reported as
    /// died by a signal, with a note on stderr, so a hung command fails its test instead of stalling CI.
    static func run(_ arguments: [String], cwd: String? = nil, environment: [String: String]? = nil,
                    timeout: Double = 600) throws -> CLIResult {
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
        let watchdog = Watchdog(process)
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout) { watchdog.fire() }
        defer { watchdog.disarm() }
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
        var stderr = String(decoding: errData, as: UTF8.self)
        if watchdog.fired { stderr += "\n[CLIRunner: killed after \(timeout) s: jointplan \(arguments.joined(separator: " "))]\n" }
        return CLIResult(stdout: String(decoding: outData, as: UTF8.self), stderr: stderr,
                         exitCode: process.terminationStatus, signaled: process.terminationReason == .uncaughtSignal)
    }
}

/// Holds the stderr bytes read on another thread (written once before the semaphore is signalled).
private final class DataBox: @unchecked Sendable {
    var data = Data()
}

/// Kills a child that overruns; `fired` tells the runner it did. Guarded by a lock: it fires on a
/// dispatch queue while the runner reads.
private final class Watchdog: @unchecked Sendable {
    private let process: Process
    private let lock = NSLock()
    private var armed = true
    private var didFire = false

    init(_ process: Process) { self.process = process }

    var fired: Bool { lock.withLock { didFire } }

    func disarm() { lock.withLock { armed = false } }

    func fire() {
        let pid: Int32? = lock.withLock {
            guard armed, process.isRunning else { return nil }
            didFire = true
            return process.processIdentifier
        }
        guard let pid else { return }
        kill(pid, SIGTERM)
        DispatchQueue.global().asyncAfter(deadline: .now() + 5) { [self] in
            if lock.withLock({ armed }) && process.isRunning { kill(pid, SIGKILL) }
        }
    }
}
