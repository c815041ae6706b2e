import Foundation

/// `scripts/axe-check`: axe-core (the copy in PyPI's axe-playwright-python) run over built pages
/// in headless Chromium through selenium and chromium-driver, and the 320 px reflow check.
public enum AxeCheck {
    /// The script in the repository.
    public static let script = Repository.url("scripts/axe-check")
    public static let python = ExternalTool.find("python3")
    public static let chromedriver = ExternalTool.find("chromedriver")

    /// Whether python3 can import selenium and axe-playwright-python (the script needs both).
    public static let hasPythonPackages: Bool = {
        guard let python,
              let found = try? python.run(["-c", "import selenium, axe_playwright_python"], timeout: 30) else { return false }
        return found.status == 0
    }()

    /// Whether the check runs here: python3 with its packages and chromium-driver, or CI (where
    /// they must be, so the test fails rather than skips).
    public static var available: Bool {
        (python != nil && chromedriver != nil && hasPythonPackages) || ProcessInfo.processInfo.environment["CI"] != nil
    }

    /// Runs the script over `pages` (paths or URLs), with `--reflow width` and `--wait-for
    /// selector` when given.
    public static func run(_ pages: [String], reflow width: Int? = nil, waitFor selector: String? = nil) throws -> (status: Int32, output: String) {
        guard let python else { throw Missing() }
        let options = (width.map { ["--reflow", "\($0)"] } ?? []) + (selector.map { ["--wait-for", $0] } ?? [])
        return try python.run([script.path] + options + pages, timeout: 600)
    }

    /// python3 is not installed.
    public struct Missing: Error, CustomStringConvertible {
        public var description: String { "python3 is missing: apt-get install python3, then pip install selenium axe-playwright-python" }
    }
}
