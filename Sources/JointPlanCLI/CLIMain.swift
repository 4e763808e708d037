import ArgumentParser
import Foundation
import JointPlanFormats

/// Exit codes of §7.
public enum ExitStatus {
    public static let done: Int32 = 0
    public static let internalError: Int32 = 1
    public static let invalidInput: Int32 = 2
    /// The plan was written but mandatory sessions are unscheduled, or `check` found violations.
    public static let attention: Int32 = 3
}

extension JointPlanCommand {
    /// Runs the command line with the exit codes of §7: ArgumentParser's usage errors (its own code 64)
    /// become 2; errors nobody anticipated become 1.
    public static func runMain(_ arguments: [String]? = nil) -> Never {
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            terminate(ExitStatus.done)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                // --help and --version.
                JointPlanCommand.exit(withError: error)
            }
            if code == .validationFailure || error is ValidationError {
                FileHandleOutput.standardError(fullMessage(for: error))
                terminate(ExitStatus.invalidInput)
            }
            if let exitCode = error as? ExitCode { terminate(exitCode.rawValue) }
            if let output = error as? OutputFileError {
                // An output path that cannot be written (a file in the way, a device, no permission) is the
                // user's to fix: invalid usage, and OutputFile has removed every temporary it made.
                FileHandleOutput.standardError("jointplan: \(output); nothing was written")
                terminate(ExitStatus.invalidInput)
            }
            FileHandleOutput.standardError("jointplan: internal error: \(error)")
            terminate(ExitStatus.internalError)
        }
    }
}

/// Ends the process with `code`.
func terminate(_ code: Int32) -> Never {
    Foundation.exit(code)
}

/// Unbuffered writes to the standard streams.
enum FileHandleOutput {
    static func standardError(_ text: String) {
        standardErrorRaw(text.hasSuffix("\n") ? text : text + "\n")
    }

    static func standardOutput(_ text: String) {
        FileHandle.standardOutput.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    static func standardErrorRaw(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    static var standardErrorIsTerminal: Bool { isatty(2) != 0 }
}

/// An output path option must name something: `--out ""` would otherwise write `/plan.json`, at the root.
func requireOutputPath(_ path: String?, option: String) throws {
    if let path, path.trimmingCharacters(in: .whitespaces).isEmpty {
        throw ValidationError("\(option) needs a path, got an empty one")
    }
}
