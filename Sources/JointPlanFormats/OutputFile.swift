#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import JointPlanCore

/// A failure to write an output file, naming the path and what went wrong.
public struct OutputFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The path as the caller gave it.
    public var path: String
    /// What failed, in words: `cannot create directory`, `cannot write`, `cannot rename`.
    public var operation: String
    /// The system's reason (strerror text) or a short explanation.
    public var reason: String

    public init(path: String, operation: String, reason: String) {
        self.path = path
        self.operation = operation
        self.reason = reason
    }

    public var description: String { "\(path): \(operation): \(reason)" }
}

/// Writes output files so that an interrupted or failed run never leaves a half-written file.
///
/// A regular file (or a path that does not exist yet) is written to a temporary name in the same
/// directory, flushed with fsync and renamed over the target. A target that exists and is not a regular
/// file (a device such as /dev/null or /dev/stdout, a FIFO, a socket) is written directly and never
/// renamed over: renaming onto /dev/null once replaced it with a regular file on this kind of machine
/// (GLPK-NOTES.md). A symbolic link to a regular file is resolved, so the link survives and its target
/// is replaced.
public enum OutputFile {
    /// Writes `data` to `path` atomically, creating parent directories as needed.
    public static func write(_ data: Data, to path: String) throws {
        try writeAll([(path: path, data: data)])
    }

    /// Writes every file, or none of the regular ones: all temporaries (and direct writes to devices)
    /// first, then the renames. A failure before the renames removes every temporary and leaves the
    /// previous outputs intact. (A rename itself failing midway, which needs the directory to change
    /// under us, can leave the earlier renames done; the remaining temporaries are still removed.)
    public static func writeAll(_ files: [(path: String, data: Data)]) throws {
        var staged: [(temporary: String, target: String, original: String)] = []
        // Directories this call created, in creation order: a failure removes them again (nothing written).
        var created: [String] = []
        func discardStaged() {
            for item in staged { unlink(item.temporary) }
            staged.removeAll()
            for directory in created.reversed() { rmdir(directory) }
        }
        do {
            // Every target is classified before anything is created, so a target that cannot be written
            // (a directory in its place) fails the call before the first directory or temporary exists.
            let dispositions = try files.map { try classify($0.path) }
            for (file, disposition) in zip(files, dispositions) {
                switch disposition {
                case .direct:
                    try writeDirectly(file.data, to: file.path)
                case .replace(let target):
                    try createParentDirectories(of: target, reportedAs: file.path, created: &created)
                    let temporary = try writeTemporary(file.data, beside: target, reportedAs: file.path)
                    staged.append((temporary, target, file.path))
                }
            }
        } catch {
            discardStaged()
            throw error
        }
        var renamed = Set<String>()
        for (index, item) in staged.enumerated() {
            if rename(item.temporary, item.target) != 0 {
                let reason = errnoText()
                for later in staged[index...] { unlink(later.temporary) }
                throw OutputFileError(path: item.original, operation: "cannot rename the temporary file into place",
                                      reason: reason)
            }
            renamed.insert(directory(of: item.target))
        }
        // Make the renames themselves durable.
        for directoryPath in renamed.sorted() {
            let descriptor = open(directoryPath, O_RDONLY)
            if descriptor >= 0 {
                _ = fsync(descriptor)
                close(descriptor)
            }
        }
    }

    // MARK: Internals

    private enum Disposition {
        /// Write straight into the existing non-regular file.
        case direct
        /// Write a temporary and rename it onto this path (the resolved target).
        case replace(String)
    }

    private static func classify(_ path: String) throws -> Disposition {
        guard !path.isEmpty else {
            throw OutputFileError(path: path, operation: "cannot write", reason: "empty path")
        }
        var info = stat()
        if stat(path, &info) == 0 {
            let kind = info.st_mode & S_IFMT
            if kind == S_IFDIR {
                throw OutputFileError(path: path, operation: "cannot write", reason: "is a directory")
            }
            if kind != S_IFREG { return .direct }
            var linkInfo = stat()
            if lstat(path, &linkInfo) == 0, linkInfo.st_mode & S_IFMT == S_IFLNK,
               let resolved = realpath(path, nil) {
                defer { free(resolved) }
                return .replace(String(cString: resolved))
            }
            return .replace(path)
        }
        // A dangling symbolic link: do not replace the link with a file silently.
        var linkInfo = stat()
        if lstat(path, &linkInfo) == 0, linkInfo.st_mode & S_IFMT == S_IFLNK {
            throw OutputFileError(path: path, operation: "cannot write", reason: "is a dangling symbolic link")
        }
        return .replace(path)
    }

    private static func writeDirectly(_ data: Data, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw OutputFileError(path: path, operation: "cannot open for writing", reason: errnoText())
        }
        defer { close(descriptor) }
        try writeFully(data, to: descriptor, reportedAs: path)
    }

    private static func writeTemporary(_ data: Data, beside target: String, reportedAs original: String) throws
        -> String {
        let directoryPath = directory(of: target)
        let base = PathText.lastComponent(target)
        var mode: mode_t = 0o666
        var existing = stat()
        if stat(target, &existing) == 0 { mode = existing.st_mode & 0o7777 }
        var attempt = 0
        while true {
            attempt += 1
            let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 16)
            let temporary = directoryPath + "/." + base + ".tmp-\(getpid())-" + suffix
            let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
            if descriptor < 0 {
                if errno == EEXIST && attempt < 100 { continue }
                throw OutputFileError(path: original, operation: "cannot create a temporary file",
                                      reason: errnoText())
            }
            do {
                try writeFully(data, to: descriptor, reportedAs: original)
                // Keep the mode of the file being replaced (open applied the umask).
                if existing.st_mode != 0 { _ = fchmod(descriptor, mode) }
                guard fsync(descriptor) == 0 else {
                    throw OutputFileError(path: original, operation: "cannot flush", reason: errnoText())
                }
            } catch {
                close(descriptor)
                unlink(temporary)
                throw error
            }
            guard close(descriptor) == 0 else {
                let reason = errnoText()
                unlink(temporary)
                throw OutputFileError(path: original, operation: "cannot write", reason: reason)
            }
            return temporary
        }
    }

    private static func writeFully(_ data: Data, to descriptor: Int32, reportedAs path: String) throws {
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            guard var pointer = buffer.baseAddress else { return }
            var remaining = buffer.count
            while remaining > 0 {
                let written = posixWrite(descriptor, pointer, remaining)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw OutputFileError(path: path, operation: "cannot write", reason: errnoText())
                }
                pointer += written
                remaining -= written
            }
        }
    }

    /// `mkdir -p` of the target's directory, naming the component that is in the way.
    private static func createParentDirectories(of target: String, reportedAs original: String,
                                                created: inout [String]) throws {
        let parent = directory(of: target)
        var prefix = parent.hasPrefix("/") ? "/" : ""
        for component in parent.split(separator: "/", omittingEmptySubsequences: true) {
            prefix += (prefix.isEmpty || prefix.hasSuffix("/") ? "" : "/") + component
            var info = stat()
            if stat(prefix, &info) == 0 {
                if info.st_mode & S_IFMT == S_IFDIR { continue }
                throw OutputFileError(path: original, operation: "cannot create directory \(prefix)",
                                      reason: "a file that is not a directory is in the way")
            }
            if mkdir(prefix, 0o777) == 0 {
                created.append(prefix)
            } else if errno != EEXIST {
                throw OutputFileError(path: original, operation: "cannot create directory \(prefix)",
                                      reason: errnoText())
            }
        }
    }

    private static func directory(of path: String) -> String {
        let parent = PathText.parent(path)
        return parent.isEmpty ? "." : parent
    }

    private static func errnoText() -> String { String(cString: strerror(errno)) }
}

/// The C `write`, out of reach of `OutputFile.write`'s name.
private func posixWrite(_ descriptor: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, pointer, count)
}
