import CGLPK
import CGLPKGuard
import Foundation
import Testing
@testable import GLPK

/// Export and re-import, the fatal-error guard and output capture.
@Suite struct FileAndGuardTests {
    @Test func lpAndMpsRoundTrip() throws {
        try onTestThread {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("glpk-tests-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let data = Models.randomKnapsack(items: 12, seed: 3)
            let original = try Models.knapsack(data)
            try original.setObjectiveConstant(5)
            let expected = try #require(try original.solveMIP().objective)
            let lpPath = directory.appendingPathComponent("model.lp").path
            let mpsPath = directory.appendingPathComponent("model.mps").path
            try original.writeLP(to: lpPath)
            try original.writeMPS(to: mpsPath)
            // GLPK's formats each lose something: LP keeps the direction but writes the objective
            // constant only as a comment; MPS keeps the constant but has no objective sense.
            let fromLP = try Problem.readLP(path: lpPath)
            #expect(try fromLP.direction == .maximize)
            #expect(try fromLP.objectiveConstant == 0)
            let fromMPS = try Problem.readMPS(path: mpsPath)
            #expect(try fromMPS.direction == .minimize)
            #expect(try fromMPS.objectiveConstant == 5)
            try fromMPS.setDirection(.maximize)
            for (reread, constant) in [(fromLP, 5.0), (fromMPS, 0)] {
                #expect(try reread.columnCount == 12)
                #expect(try reread.columnIndex(named: "take_3") == 3)
                #expect(try reread.kind(ofColumn: 3) == .binary)
                let result = try reread.solveMIP()
                #expect(result.status == .optimal)
                #expect(abs((result.objective ?? 0) + constant - expected) < 1e-6)
                #expect(!reread.log.isEmpty) // "Reading problem data from ..." was captured
            }
            #expect(original.log.contains { $0.contains("Writing problem data") })
        }
    }

    @Test func refusesDevicesDirectoriesAndMissingFiles() throws {
        try onTestThread {
            let problem = try Problem()
            try problem.addColumns([.binary("x")])
            #expect(throws: GLPKError.invalidPath(path: "/dev/null",
                                                  reason: "not a regular file (devices, pipes and directories are refused)")) {
                try problem.writeLP(to: "/dev/null")
            }
            #expect(throws: GLPKError.self) { try problem.writeMPS(to: "/tmp") }
            #expect(throws: GLPKError.self) { try Problem.readLP(path: "/nonexistent/model.lp") }
            #expect(throws: GLPKError.self) { try Problem.readMPS(path: "/dev/zero") }
        }
    }

    @Test func malformedFileIsAnErrorNotACrash() throws {
        try onTestThread {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).lp").path
            try Data("this is not an LP file\n".utf8).write(to: URL(fileURLWithPath: path))
            defer { try? FileManager.default.removeItem(atPath: path) }
            #expect(throws: GLPKError.self) { try Problem.readLP(path: path) }
        }
    }

    /// An out-of-range index passed straight to the C layer: the guard turns GLPK's abort() into a
    /// Swift error, the thread's problems are marked dead, and the process goes on. Runs on its own
    /// solver thread, so the environment reset touches no other test's problems.
    @Test func guardTurnsAFatalErrorIntoASwiftError() throws {
        try onTestThread {
            let victim = try Problem()
            try victim.addColumns([.binary("a")])
            let problem = try Problem()
            try problem.addColumns([.binary("x"), .binary("y")])
            var caught: GLPKError?
            do {
                try problem.rawGuardedCall { jp_guarded_set_col_bnds($0, 999, GLP_DB, 0, 1) }
            } catch let error as GLPKError {
                caught = error
            }
            guard case let .fatal(message)? = caught else {
                Issue.record("expected a fatal error, got \(String(describing: caught))")
                return
            }
            #expect(message.contains("out of range"))
            #expect(throws: GLPKError.environmentReset) { try problem.columnCount }
            #expect(throws: GLPKError.environmentReset) { try victim.solveMIP() }
            // The thread gets a fresh environment: new problems work.
            let fresh = try Models.knapsack(Models.randomKnapsack(items: 8, seed: 1))
            #expect(try fresh.solveMIP().status == .optimal)
        }
    }

    @Test func closeFreesOnceAndLaterCallsThrow() throws {
        try onTestThread {
            let problem = try Problem()
            try problem.addColumns([.binary("x")])
            problem.close()
            problem.close()
            #expect(throws: GLPKError.closed) { try problem.columnCount }
        }
    }

    /// GLPK's output goes into `log`, never to the process's stdout/stderr.
    @Test func outputIsCapturedNotPrinted() throws {
        try onTestThread {
            let problem = try Models.knapsack(Models.randomKnapsack(items: 20, seed: 9))
            let captured = try captureStandardStreams {
                _ = try problem.simplex(options: LPOptions(messageLevel: .all))
                _ = try problem.solveMIP(options: MIPOptions(messageLevel: .all))
                _ = try problem.solveMIP() // quiet, but GLPK still prints a few lines
            }
            #expect(problem.log.contains { $0.contains("GLPK Integer Optimizer") })
            #expect(problem.log.contains { $0.contains("GLPK Simplex Optimizer") })
            #expect(!captured.contains("GLPK Integer Optimizer"))
            #expect(!captured.contains("GLPK Simplex Optimizer"))
            #expect(!captured.contains("INTEGER OPTIMAL"))
        }
    }
}

/// Redirects fds 1 and 2 into a file while `body` runs, then replays what was written (other tests
/// may print meanwhile) and returns it.
private func captureStandardStreams(_ body: () throws -> Void) throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("streams-\(UUID().uuidString)").path
    let fd = open(path, O_CREAT | O_RDWR | O_TRUNC, 0o600)
    precondition(fd >= 0)
    defer { unlink(path) }
    fflush(nil)
    let savedOut = dup(1)
    let savedErr = dup(2)
    dup2(fd, 1)
    dup2(fd, 2)
    var thrown: Error?
    do { try body() } catch { thrown = error }
    fflush(nil)
    dup2(savedOut, 1)
    dup2(savedErr, 2)
    close(savedOut)
    close(savedErr)
    close(fd)
    let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    if !text.isEmpty { FileHandle.standardOutput.write(Data(text.utf8)) }
    if let thrown { throw thrown }
    return text
}
