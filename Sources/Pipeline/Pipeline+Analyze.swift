import Analysis
import IncidentModel

extension Pipeline {
    /// The loader every command uses, with the size limits of ``options``.
    var loader: BundleLoader {
        var loader = BundleLoader()
        loader.maxTextBytes = options.maxTextBytes
        loader.maxSignalBytes = options.maxSignalBytes
        return loader
    }

    /// One bundle folder through load -> parse -> analyze, the stages `build` and `check` run
    /// for every bundle; no review, nothing rendered or written. Findings only when there are
    /// no errors, so that figures from a bundle that does not load cleanly are never shown.
    public func analyze(directory: String) -> AnalysisResult {
        let (loaded, loadDiagnostics) = loader.load(directory: directory)
        guard let bundle = loaded else { return AnalysisResult(findings: nil, bundle: nil, diagnostics: loadDiagnostics.sorted()) }
        let (signals, parseDiagnostics) = SignalLoader().load(bundle)
        let diagnostics = (loadDiagnostics + parseDiagnostics).sorted()
        guard !diagnostics.hasErrors else { return AnalysisResult(findings: nil, bundle: bundle, diagnostics: diagnostics) }
        return AnalysisResult(findings: IncidentAnalysis.analyze(bundle.manifest, signals: signals), bundle: bundle,
                              diagnostics: diagnostics)
    }
}
