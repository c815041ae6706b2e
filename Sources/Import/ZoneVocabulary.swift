/// Time-zone names a postmortem states its times in, with their offsets from UTC in seconds,
/// as data. "Pacific Time" and the like name a zone with daylight saving: its offset depends on
/// the date (see ``ZoneStatement``).
enum ZoneVocabulary {
    static let fixed: [String: Int] = [
        "UTC": 0, "GMT": 0, "Z": 0,
        "PDT": -7 * 3600, "PST": -8 * 3600, "MDT": -6 * 3600, "MST": -7 * 3600,
        "CDT": -5 * 3600, "CST": -6 * 3600, "EDT": -4 * 3600, "EST": -5 * 3600,
        "BST": 3600, "CET": 3600, "CEST": 2 * 3600, "EET": 2 * 3600, "EEST": 3 * 3600,
        "IST": 19800, "JST": 9 * 3600, "AEST": 10 * 3600, "AEDT": 11 * 3600,
    ]

    /// US zones named without saying standard or daylight time: (standard, daylight) offsets.
    static let seasonal: [String: (standard: Int, daylight: Int)] = [
        "pacific time": (-8 * 3600, -7 * 3600), "pt": (-8 * 3600, -7 * 3600),
        "mountain time": (-7 * 3600, -6 * 3600), "central time": (-6 * 3600, -5 * 3600),
        "eastern time": (-5 * 3600, -4 * 3600), "et": (-5 * 3600, -4 * 3600),
    ]
}
