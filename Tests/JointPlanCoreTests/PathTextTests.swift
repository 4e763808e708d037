import JointPlanCore
import Testing

@Suite struct PathTextTests {
    /// What NSString's path methods give, without their trap on one-character paths.
    @Test(arguments: [("a", "", "a"), ("a/", "", "a"), ("ab", "", "ab"), ("a/b", "a", "b"), ("a//b", "a", "b"),
                      ("/a", "/", "a"), ("/", "/", "/"), ("./a", ".", "a"), ("x/y/z.ics", "x/y", "z.ics"), ("", "", "")])
    func parentAndLastComponent(path: String, parent: String, last: String) {
        #expect(PathText.parent(path) == parent)
        #expect(PathText.lastComponent(path) == last)
    }
}
