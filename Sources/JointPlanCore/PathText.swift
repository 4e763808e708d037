/// Path text without Foundation's NSString path methods: on Linux, `deletingLastPathComponent` of a
/// one-character path ("a", "m") traps in swift-corelibs-foundation, and such names are what users type
/// (`jointplan intake init a`, `export-model … --output m`).
public enum PathText {
    /// The folder part of `path`, as `NSString.deletingLastPathComponent` gives it: "" without a slash,
    /// "/" for a file at the root; trailing slashes are ignored.
    public static func parent(_ path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "" }
        var parent = trimmed[..<slash]
        while parent.count > 1, parent.hasSuffix("/") { parent = parent.dropLast() }
        return parent.isEmpty ? "/" : String(parent)
    }

    /// The last component of `path` ("b" for "a/b/"), as `NSString.lastPathComponent`.
    public static func lastComponent(_ path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/"), trimmed.count > 1 else { return String(trimmed) }
        return String(trimmed[trimmed.index(after: slash)...])
    }
}
