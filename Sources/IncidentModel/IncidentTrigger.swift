/// What set an incident off (`trigger:` on the manifest), for the summary's trend by trigger.
public enum IncidentTrigger: String, Sendable, Hashable, Codable, CaseIterable {
    /// A release of code.
    case deploy
    /// A configuration or feature-flag change.
    case config
    /// A dependency failed or changed (a third party, another team's service).
    case dependency
    /// Load outgrew the capacity provisioned for it.
    case capacity
    /// Anything else.
    case other
}

/// Who noticed an incident first (`detected_by:`): an alert, or a person (a customer, a
/// colleague, someone looking at a dashboard).
public enum DetectionSource: String, Sendable, Hashable, Codable, CaseIterable {
    case alert, person

    /// Who noticed first by the timeline: an alert when its first `alert` event comes before
    /// any `observe`, `diagnose` or `mitigate` event, else a person; nil without any of them.
    public static func fromTimeline(_ timeline: [TimelineEvent]) -> DetectionSource? {
        let first = timeline.first { [.alert, .observe, .diagnose, .mitigate].contains($0.kind) }
        return first.map { $0.kind == .alert ? .alert : .person }
    }
}

extension IncidentManifest {
    /// `detected_by:` when stated, else what the timeline shows.
    public var detection: DetectionSource? { detectedBy ?? DetectionSource.fromTimeline(timeline) }

    /// The earlier incidents this one repeats: `recurrence_of` and `related`, without duplicates.
    public var recurrenceOfIDs: [String] {
        var seen: Set<String> = []
        return ([recurrenceOf].compactMap { $0 } + related).filter { seen.insert($0).inserted }
    }
}
