import CGLPK

/// Facts about the linked GLPK library.
public enum GLPKLibrary {
    /// The version string of the linked GLPK (`glp_version()`), e.g. "5.0".
    ///
    /// Note: `glp_version` creates the calling thread's GLPK environment if it has none.
    public static var version: String { String(cString: glp_version()) }

    /// Throws `GLPKError.unsupportedVersion` unless the linked GLPK is 5.x or newer, or at least 4.65.
    /// Call once at start-up; the wrapper relies on 4.65+ behaviour (`glp_ios_*`, `ps_heur`, TLS).
    public static func checkVersion() throws {
        let text = version
        guard isSupported(text) else { throw GLPKError.unsupportedVersion(text) }
    }

    static func isSupported(_ text: String) -> Bool {
        let parts = text.split(separator: ".").map { Int($0.prefix { $0.isNumber }) ?? -1 }
        guard parts.count >= 2 else { return false }
        return parts[0] >= 5 || (parts[0] == 4 && parts[1] >= 65)
    }
}
