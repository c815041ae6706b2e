import Foundation
import IncidentModel

/// A new, valid incident bundle for `postmortem new`: a commented `incident.yaml` showing every
/// field, a narrative outline, and an empty `signals/` folder.
public struct BundleScaffold: Sendable {
    public var slug: String
    /// The incident's day; times in the template fall on it.
    public var day: CalendarDay

    public init(slug: String, day: CalendarDay) {
        self.slug = slug
        self.day = day
    }

    /// Why `slug` cannot name a bundle, or nil.
    public static func problem(with slug: String) -> String? {
        let ok = !slug.isEmpty && slug.count <= 100 && slug.first != "-"
            && slug.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
        return ok ? nil : "a bundle name is lower-case letters, digits and dashes, like 2026-03-12-checkout-p99"
    }

    /// Creates `<incidents>/<slug>/` with the scaffold; fails if it already exists. With
    /// `singleFile`, the manifest is the YAML front matter of `postmortem.md` (a one-file bundle).
    public func create(in incidents: String, singleFile: Bool) throws -> String {
        guard singleFile else { return try create(in: incidents) }
        let dir = (incidents.hasSuffix("/") ? incidents : incidents + "/") + slug
        if FileManager.default.fileExists(atPath: dir) {
            throw ScaffoldError("`\(dir)` already exists; choose another name")
        }
        try FileManager.default.createDirectory(atPath: dir + "/signals", withIntermediateDirectories: true)
        try Data(singleFileNarrative.utf8).write(to: URL(fileURLWithPath: dir + "/" + BundleLoader.narrativeName))
        try Data().write(to: URL(fileURLWithPath: dir + "/signals/.keep"))
        return dir
    }

    /// `postmortem.md` of a one-file bundle: the commented manifest between `---` lines, then the outline.
    public var singleFileNarrative: String { "---\n" + manifest + (manifest.hasSuffix("\n") ? "" : "\n") + "---\n\n" + narrative }

    /// Creates `<incidents>/<slug>/` with the scaffold; fails if it already exists.
    public func create(in incidents: String) throws -> String {
        let dir = (incidents.hasSuffix("/") ? incidents : incidents + "/") + slug
        let fm = FileManager.default
        if fm.fileExists(atPath: dir) {
            throw ScaffoldError("`\(dir)` already exists; choose another name")
        }
        try fm.createDirectory(atPath: dir + "/signals", withIntermediateDirectories: true)
        try Data(manifest.utf8).write(to: URL(fileURLWithPath: dir + "/" + BundleLoader.manifestName))
        try Data(narrative.utf8).write(to: URL(fileURLWithPath: dir + "/" + BundleLoader.narrativeName))
        try Data().write(to: URL(fileURLWithPath: dir + "/signals/.keep"))
        return dir
    }

    var dueDay: CalendarDay {
        var d = day
        d.day += 7
        let length = CalendarDay.days(inMonth: d.month, year: d.year)
        if d.day > length {
            d.day -= length
            d.month += 1
            if d.month > 12 { d.month = 1; d.year += 1 }
        }
        return d
    }

    /// The commented manifest.
    public var manifest: String {
        let t = "\(day)T"
        return """
        # Incident bundle, format version 1. Full reference: docs/bundle-format.md
        # `postmortem check` validates this file; `postmortem build` renders it.
        format_version: 1
        id: \(slug)                # must equal the folder name
        title: Describe the incident in one line
        service: my-service            # the service whose SLO burned
        endpoint: /my-endpoint         # optional
        severity: sev3                 # sev1 (worst) .. sev4
        status: draft                  # draft | published; published bundles must have a preventive action
        authors: [your-name]
        summary: >
          Two sentences for the summary page: what broke, for whom, and why.

        slo:
          objective: 99%               # share of requests that must be good (99% or 0.99)
          latency_threshold: 300ms     # a request slower than this is a bad event
          window: 30d                  # compliance window of the error budget

        windows:                       # how continuous signals are sliced (RFC 3339 times with a zone)
          baseline: {start: \(t)08:00:00Z, end: \(t)09:00:00Z}
          incident: {start: \(t)09:05:00Z, end: \(t)09:45:00Z}
          after:    {start: \(t)09:50:00Z, end: \(t)10:20:00Z}   # optional

        timeline:                      # in time order; kinds: deploy onset alert observe diagnose mitigate verify resolve note
          - at: \(t)09:10:00Z
            kind: alert
            text: The burn-rate alert paged the on-call.
          - at: \(t)09:40:00Z
            kind: mitigate
            took: 10m                  # optional: how long the step took, by your account
            text: Rolled back the release.

        deploys: []                    # deploys you suspect: {at, service, version, change, suspected: true}

        signals: []                    # raw files under signals/, e.g.
        #  - path: signals/latency.prom.json
        #    kind: latency-histogram   # latency-histogram requests profile traces payload-sizes deploys
        #    role: timeline            # baseline incident after timeline
        #    format: prometheus-json   # optional; detected from the content when left out

        frame_groups: {}               # e.g. gc: [runtime.scanobject, runtime.mallocgc]
        amdahl_groups: []              # frame groups whose removal the Amdahl bound is computed for

        claims: []                     # figures you state, recomputed by the tool, e.g.
        #  - {figure: latency.p99.peak, value: 1.4s, source: "p99 reached 1.4 s", tolerance: 5%}

        actions:                       # pr-gate, alert and prevent count as a gate; fix, mitigate, detect, process, runbook do not
          - id: first-gate
            kind: pr-gate              # pr-gate | alert | prevent | fix | mitigate | detect | process | runbook
            title: The check that would have stopped this change
            owner: my-team
            due: \(dueDay)
            status: open               # open | in-progress | done | wont-do
            # priority: p1             # p0 | p1 | p2 | p3
            # ticket: https://link-to-the-issue
            # evidence: https://link-to-the-pr-or-alert
            # done_on: YYYY-MM-DD      # with status done: the day it was done
            # rule: {signal: payload-bytes, statistic: median, window: 5m, above: 2x baseline}
            # rule: {signal: error-ratio, window: 5m, above: 1%, for: 5m}

        """
    }

    /// The narrative outline.
    public var narrative: String {
        """
        # Describe the incident in one line

        ## Summary

        What happened, who was affected, and for how long.

        ## Detection

        How the problem was noticed.

        ## Diagnosis

        The steps from the page to the cause, and the signals that showed each step.

        ## Resolution

        What fixed it, and how the fix was verified.

        ## Enforcement

        The gates and alerts that stop this class of problem from returning.

        """
    }
}

/// A scaffold that could not be created.
public struct ScaffoldError: Error, CustomStringConvertible {
    public var description: String
    init(_ message: String) { description = message }
}
