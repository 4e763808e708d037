import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `request_files` patterns: `*` and `?` (and `[...]`) per path component, matched with fnmatch(3).
/// A wildcard does not match a leading dot. Matches are regular files, sorted by path.
enum Glob {
    /// Paths relative to `base` (as written: `requests/a.csv`) of the files matching `pattern`.
    static func expand(_ pattern: String, base: String) -> [String] {
        let components = pattern.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        let absolute = pattern.hasPrefix("/")
        var results: [String] = []
        func walk(_ prefix: String, _ rest: ArraySlice<String>) {
            guard let component = rest.first else {
                var isDirectory: ObjCBool = false
                let full = absolute ? prefix : join(base, prefix)
                if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
                    results.append(prefix)
                }
                return
            }
            let next = rest.dropFirst()
            if !component.contains(where: { "*?[".contains($0) }) {
                walk(prefix.isEmpty ? component : join(prefix, component), next)
                return
            }
            let directory = absolute ? prefix : (prefix.isEmpty ? base : join(base, prefix))
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.isEmpty ? "." : directory)) ?? []
            for name in names.sorted() where fnmatch(component, name, FNM_PERIOD) == 0 {
                walk(prefix.isEmpty ? name : join(prefix, name), next)
            }
        }
        walk(absolute ? "/" : "", components[...])
        return results.sorted()
    }

    /// Joins display paths: `.` and an empty base vanish.
    static func join(_ base: String, _ name: String) -> String {
        if base.isEmpty || base == "." { return name }
        if name.hasPrefix("/") { return name }
        return base.hasSuffix("/") ? base + name : base + "/" + name
    }
}
