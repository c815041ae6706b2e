extension BundleLoader {
    /// The incidents folder's `policy.yaml` (``IncidentPolicy``), with its text for the build
    /// cache's keys; nil policy and no diagnostics when the folder has none.
    public func loadPolicy(incidents root: String) -> (policy: IncidentPolicy?, text: String, diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let path = join(root, IncidentPolicy.fileName)
        guard let text = readText(path, required: false, into: &diagnostics) else { return (nil, "", diagnostics) }
        let (policy, found) = PolicyDecoder.decode(text, file: path)
        return (policy, text, diagnostics + found)
    }
}
