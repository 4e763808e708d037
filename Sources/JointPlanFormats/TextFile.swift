import Foundation
import JointPlanCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads input files defensively: size limit, binary and encoding checks. Every failure is a
/// located `Diagnostic` naming the file as the user named it.
enum TextFile {
    /// Files above this size are refused (a scenario or a request sheet is a few hundred KiB at most).
    static let maximumBytes = 20 * 1024 * 1024

    enum Encoding { case utf8, utf8OrGB18030 }

    /// Reads `path` and decodes it. A UTF-8 BOM is dropped. With `.utf8OrGB18030`, bytes that are not
    /// valid UTF-8 are decoded as GB18030 (through iconv: Foundation on Linux lacks GB18030).
    static func read(_ path: String, display: String, encoding: Encoding) throws(Diagnostic) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw Diagnostic(file: display, message: "no such file or directory")
        }
        guard !isDirectory.boolValue else { throw Diagnostic(file: display, message: "is a directory, not a file") }
        if let attributes = try? FileManager.default.attributesOfItem(atPath: path),
           let size = attributes[.size] as? NSNumber, size.intValue > maximumBytes {
            throw Diagnostic(file: display, message: "file is too large (\(size.intValue) bytes; the limit is \(maximumBytes / 1024 / 1024) MiB)")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw Diagnostic(file: display, message: "cannot read the file (permission denied?)")
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: maximumBytes + 1) ?? Data()
        } catch {
            throw Diagnostic(file: display, message: "cannot read the file: \(error.localizedDescription)")
        }
        guard data.count <= maximumBytes else {
            throw Diagnostic(file: display, message: "file is too large (the limit is \(maximumBytes / 1024 / 1024) MiB)")
        }
        return try decode(Array(data), display: display, encoding: encoding)
    }

    static func decode(_ input: [UInt8], display: String, encoding: Encoding) throws(Diagnostic) -> String {
        var bytes = input[...]
        let hadBOM = bytes.starts(with: [0xEF, 0xBB, 0xBF])
        if hadBOM { bytes = bytes.dropFirst(3) }
        if let nul = bytes.firstIndex(of: 0) {
            let line = bytes[..<nul].count(where: { $0 == 0x0A }) + 1
            throw Diagnostic(file: display, line: line, message: "binary file (contains NUL bytes); expected text")
        }
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        let badLine = firstInvalidUTF8Line(bytes)
        if encoding == .utf8OrGB18030, !hadBOM, let text = decodeGB18030(Array(bytes)) { return text }
        let expected = encoding == .utf8 ? "UTF-8" : "UTF-8 or GB18030"
        throw Diagnostic(file: display, line: badLine, message: "the file is not valid \(expected) text")
    }

    /// The 1-based line of the first byte sequence that is not valid UTF-8.
    static func firstInvalidUTF8Line(_ bytes: ArraySlice<UInt8>) -> Int {
        var line = 1
        var start = bytes.startIndex
        while start < bytes.endIndex {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.endIndex
            if String(validating: bytes[start..<end], as: UTF8.self) == nil { return line }
            line += 1
            start = end < bytes.endIndex ? end + 1 : end
        }
        return line
    }

    /// Decodes GB18030 with iconv; nil when the bytes are not valid GB18030 either.
    static func decodeGB18030(_ bytes: [UInt8]) -> String? {
        let converter = iconv_open("UTF-8", "GB18030")
        guard let converter, converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var input = bytes.map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: bytes.count * 4 + 16)
        let produced: Int? = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer = inBuffer.baseAddress
                var inLeft = inBuffer.count
                var outPointer = outBuffer.baseAddress
                var outLeft = outBuffer.count
                let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                guard result != -1, inLeft == 0 else { return nil }
                return outBuffer.count - outLeft
            }
        }
        guard let produced else { return nil }
        let utf8 = output[..<produced].map { UInt8(bitPattern: $0) }
        return String(validating: utf8, as: UTF8.self)
    }
}
