/// The rules reported while loading a bundle (`Sources/IncidentModel`, `Sources/Signals`,
/// `Sources/Pipeline`): a bundle with one of these errors is not analysed further, and `build`
/// writes no site.
extension Rule {
    /// Every loading rule, in documentation order.
    public static let loadingRules: [Rule] = [
        bundleMissing, bundleNone, bundleFileMissing, bundleUnreadable, bundleTooLarge, bundleEmptyFile, bundleEncoding, bundleID,
        manifestSyntax, manifestEncoding, manifestEmpty, manifestDuplicateKey, manifestTooLarge, manifestType,
        manifestUnknownKey, manifestMissingField, manifestVersion, manifestID, manifestValue, manifestQuantity,
        manifestTimestamp, manifestDate, manifestSLO, sloSpec, manifestSelector, manifestWindows, manifestFigure, manifestRule, manifestReference,
        manifestDuplicateID,
        signalPath, signalMissing, signalTooLarge, signalParse, signalKind, signalProvenance, signalProvenanceMismatch,
    ]

    // MARK: The bundle folder

    public static let bundleMissing = Rule("bundle-missing", .error, .bundle,
        "The incidents folder does not exist.")
    public static let bundleNone = Rule("bundle-none", .warning, .bundle,
        "The incidents folder holds no bundles.")
    public static let bundleFileMissing = Rule("bundle-file-missing", .error, .bundle,
        "A bundle has no `incident.yaml` or no `postmortem.md`.")
    public static let bundleUnreadable = Rule("bundle-unreadable", .error, .bundle,
        "A bundle file cannot be read.")
    public static let bundleTooLarge = Rule("bundle-too-large", .error, .bundle,
        "`incident.yaml` or `postmortem.md` is over 1 MiB.")
    public static let bundleEmptyFile = Rule("bundle-empty-file", .error, .bundle,
        "`incident.yaml` or `postmortem.md` is empty.")
    public static let bundleEncoding = Rule("bundle-encoding", .error, .bundle,
        "A bundle file is not UTF-8.")
    public static let bundleID = Rule("bundle-id", .error, .bundle,
        "`id` differs from the bundle's folder name.")

    // MARK: The manifest

    public static let manifestSyntax = Rule("manifest-syntax", .error, .manifest,
        "The manifest is not valid YAML.")
    public static let manifestEncoding = Rule("manifest-encoding", .error, .manifest,
        "The YAML parser cannot read the manifest's text.")
    public static let manifestEmpty = Rule("manifest-empty", .error, .manifest,
        "The manifest holds no document.")
    public static let manifestDuplicateKey = Rule("manifest-duplicate-key", .error, .manifest,
        "A key appears twice in one mapping.")
    public static let manifestTooLarge = Rule("manifest-too-large", .error, .manifest,
        "The document expands to more than 50,000 nodes.")
    public static let manifestType = Rule("manifest-type", .error, .manifest,
        "A value has the wrong shape (mapping, list, text, number, boolean).")
    public static let manifestUnknownKey = Rule("manifest-unknown-key", .error, .manifest,
        "A key the format does not know; the nearest known key is suggested.")
    public static let manifestMissingField = Rule("manifest-missing-field", .error, .manifest,
        "A required key is missing or empty.")
    public static let manifestVersion = Rule("manifest-version", .error, .manifest,
        "`format_version` is not 1.")
    public static let manifestID = Rule("manifest-id", .error, .manifest,
        "`id` is not lower-case letters, digits and dashes.")
    public static let manifestValue = Rule("manifest-value", .error, .manifest,
        "A value outside its fixed list; the nearest one is suggested.")
    public static let manifestQuantity = Rule("manifest-quantity", .error, .manifest,
        "A quantity without a known unit, of the wrong kind, or negative.")
    public static let manifestTimestamp = Rule("manifest-timestamp", .error, .manifest,
        "A time that is not RFC 3339 with a zone.")
    public static let manifestDate = Rule("manifest-date", .error, .manifest,
        "A date that is not `YYYY-MM-DD` or does not exist.")
    public static let manifestSLO = Rule("manifest-slo", .error, .manifest,
        "An SLO objective outside (0, 100%), a zero threshold or window, no SLO kind, or a key of the other kind.")
    public static let sloSpec = Rule("slo-spec", .error, .manifest,
        "`slo.spec` names a file outside the incidents folder or no SLO in it, or the Sloth, Pyrra or OpenSLO spec uses a construct the analysis cannot reproduce.")
    public static let manifestSelector = Rule("manifest-selector", .error, .manifest,
        "`slo.bad` or a signal's `select` is not valid label-matcher syntax, or uses regex syntax RE2 lacks.")
    public static let manifestWindows = Rule("manifest-windows", .error, .manifest,
        "Analysis windows that are empty, overlapping or out of order.")
    public static let manifestFigure = Rule("manifest-figure", .error, .manifest,
        "A claim's `figure` is not a dotted name.")
    public static let manifestRule = Rule("manifest-rule", .error, .manifest,
        "A gate rule's `above`, `window`, `long`, `short` or `for` cannot be used, or a key does not apply to its `signal`.")
    public static let manifestReference = Rule("manifest-reference", .error, .manifest,
        "`amdahl_groups` or a profile-share rule names an undefined frame group, or `related` / `recurrence_of` is not another incident's id.")
    public static let manifestDuplicateID = Rule("manifest-duplicate-id", .error, .manifest,
        "Two actions with one `id`, or a signal path listed twice.")


    // MARK: Signal files

    public static let signalPath = Rule("signal-path", .error, .signal,
        "A signal path is absolute, uses `\\`, has `..` or leads outside the bundle.")
    public static let signalMissing = Rule("signal-missing", .error, .signal,
        "A signal file does not exist, is a folder, or cannot be read.")
    public static let signalTooLarge = Rule("signal-too-large", .error, .signal,
        "A signal file is over 512 MiB.")
    public static let signalParse = Rule("signal-parse", .error, .signal,
        "A signal file cannot be parsed in its format.")
    public static let signalKind = Rule("signal-kind", .error, .signal,
        "A signal file's content does not fit its `kind`, or a kind and role are listed twice.")
    public static let signalProvenance = Rule("signal-provenance", .warning, .signal,
        "`signals/provenance.json` cannot be read.")
    public static let signalProvenanceMismatch = Rule("signal-provenance-mismatch", .warning, .signal,
        "A collected signal file no longer matches the SHA-256 recorded when it was collected.")
}
