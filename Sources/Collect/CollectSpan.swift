import Foundation
import Analysis
import IncidentModel

/// The time range collect asks for, from the manifest's windows unless `--from`/`--to` say.
///
/// Series: from the look-back of the longest burn-rate window the analyses evaluate (the SRE
/// workbook's 3-day ticket window) before `windows.baseline.start`, so the burn rate is fully
/// covered from the first baseline minute, to `windows.after.end` (or `windows.incident.end`
/// while there is no after window). A server holding less answers from its earliest data. The
/// start is rounded down to a multiple of the step, as Grafana aligns its queries, so the points
/// fall on the same times whichever range is asked for. Alerts: the incident window.
public struct CollectSpan: Sendable, Hashable {
    public var start: Double
    public var end: Double

    /// The longest look-back window of the burn-rate analysis, in seconds.
    public static var longestBurnRateWindow: Double {
        let options = BurnRateOptions()
        let windows = options.windows + options.alerts.flatMap { [$0.longWindow, $0.shortWindow] }
        return windows.map(\.seconds).max() ?? 0
    }

    /// The range of the manifest's series at `step` seconds.
    public static func series(_ windows: AnalysisWindows, step: Double) -> CollectSpan {
        let start = windows.baseline.start.timeIntervalSince1970 - longestBurnRateWindow
        let end = (windows.after ?? windows.incident).end.timeIntervalSince1970
        return CollectSpan(start: (start / step).rounded(.down) * step, end: end)
    }

    /// The range of the `ALERTS` query: the incident window.
    public static func alerts(_ windows: AnalysisWindows) -> CollectSpan {
        CollectSpan(start: windows.incident.start.timeIntervalSince1970, end: windows.incident.end.timeIntervalSince1970)
    }
}
