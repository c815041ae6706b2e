import Foundation

/// Reads a speedscope JSON file into a ``StackProfile``.
///
/// Format reference: https://www.speedscope.app/file-format-schema.json and its TypeScript source
/// `src/lib/file-format-spec.ts` in https://github.com/jlfwong/speedscope. Shape:
/// `{"$schema": …, "shared": {"frames": [{"name", "file"?, "line"?, "col"?}]}, "profiles": [...]}`
/// where each profile is
/// - `{"type": "sampled", "unit", "samples": [[frame index, …]], "weights": [n, …]}`: each sample
///   lists indices into `shared.frames` from the root to the leaf, with the weight at the same
///   position in `weights`;
/// - `{"type": "evented", "unit", "events": [{"type": "O"|"C", "at", "frame"}]}`: frames opened
///   and closed at times `at`, which never decrease; each stretch of time between two events is
///   self time of the stack open during it (time with no frame open is idle and not counted).
///
/// Mapping to ``StackProfile``:
/// - **All profiles are merged** (weights of equal stacks summed). A file with several profiles
///   is usually one recording split per thread, and the postmortem wants the whole process, as a
///   pprof profile gives it; `activeProfileIndex` only says which one the viewer shows first.
///   Profiles must then share one `unit`; a file mixing units is an error (split it).
/// - ``StackProfile/unit`` is the profile's `unit` (`none`, `nanoseconds`, `microseconds`,
///   `milliseconds`, `seconds` or `bytes`); ``StackProfile/sampleType`` is `samples` for `none`,
///   `space` for `bytes` and `time` for the time units.
/// - Frames are the frames' `name`s (file, line and column are not kept, as pprof's function-level
///   reports do not); stacks are sorted by frames. An empty sample (`[]`, the program was idle)
///   keeps its weight as the one frame ``StackProfile/Stack/noStackFrame``.
///
/// Checks, as speedscope's importer makes them: `samples` and `weights` of equal length, no
/// negative weight (zero weights are skipped), frame indices inside `shared.frames`, events in
/// non-decreasing `at` order, each `C` closing the frame on top of the stack, and no frame left open
/// at the end. Errors carry the JSON path, line and column.
public enum SpeedscopeJSON {
    /// Parses a speedscope file; `file` names it in errors.
    public static func parse(_ data: Data, file: String) throws(SignalError) -> StackProfile {
        try parse(JSONDocument.parse(data, file: file))
    }

    static func parse(_ doc: JSONDocument) throws(SignalError) -> StackProfile {
        let top = try doc.object(doc.root, "a speedscope object with \"shared\" and \"profiles\"")
        let shared = try doc.object(try doc.require(top, "shared"), "\"shared\" to be an object")
        var names: [String] = []
        for frameNode in try doc.array(try doc.require(shared, "frames"), "\"frames\" to be an array") {
            names.append(try doc.requireString(try doc.object(frameNode, "a frame object"), "name"))
        }
        let profilesNode = try doc.require(top, "profiles")
        let profiles = try doc.array(profilesNode, "\"profiles\" to be an array")
        guard !profiles.isEmpty else { throw doc.error("the file has no profiles", at: profilesNode) }

        var unit: String?
        var weights: [[Int]: Double] = [:]
        for profileNode in profiles {
            let profile = try doc.object(profileNode, "a profile object")
            let unitNode = try doc.require(profile, "unit")
            let thisUnit = try doc.string(unitNode, "\"unit\" to be a string")
            if let unit, unit != thisUnit {
                throw doc.error("this profile's unit is \"\(thisUnit)\" but an earlier one's is \"\(unit)\"; profiles with different units cannot be merged", at: unitNode)
            }
            unit = thisUnit
            let typeNode = try doc.require(profile, "type")
            switch try doc.string(typeNode, "\"type\" to be a string") {
            case "sampled": try sampled(profile, frameCount: names.count, doc, into: &weights)
            case "evented": try evented(profile, names: names, doc, into: &weights)
            case let other: throw doc.error("unknown profile type \"\(other.prefix(40))\" (expected \"sampled\" or \"evented\")", at: typeNode)
            }
        }
        let stacks = weights
            .map { StackProfile.Stack(frames: $0.key.isEmpty ? [StackProfile.Stack.noStackFrame] : $0.key.map { names[$0] }, weight: $0.value) }
            .sorted { $0.frames.lexicographicallyPrecedes($1.frames) }
        let sampleType: String
        switch unit {
        case "none": sampleType = "samples"
        case "bytes": sampleType = "space"
        default: sampleType = "time"
        }
        return StackProfile(sampleType: sampleType, unit: unit ?? "none", stacks: stacks)
    }

    private static func frameIndex(_ node: JSONNode, count: Int, _ doc: JSONDocument) throws(SignalError) -> Int {
        let index = try doc.int64(node, "a frame index")
        guard index >= 0, index < count else {
            throw doc.error("frame index \(index) is outside shared.frames (\(count) frames)", at: node)
        }
        return Int(index)
    }

    private static func sampled(
        _ profile: JSONObject, frameCount: Int, _ doc: JSONDocument, into weights: inout [[Int]: Double]
    ) throws(SignalError) {
        let samplesNode = try doc.require(profile, "samples")
        let samples = try doc.array(samplesNode, "\"samples\" to be an array of stacks")
        let weightsNode = try doc.require(profile, "weights")
        let sampleWeights = try doc.array(weightsNode, "\"weights\" to be an array of numbers")
        guard samples.count == sampleWeights.count else {
            throw doc.error("\"weights\" has \(sampleWeights.count) entries but \"samples\" has \(samples.count)", at: weightsNode)
        }
        for (stackNode, weightNode) in zip(samples, sampleWeights) {
            let weight = try doc.number(weightNode, "a weight (a number)")
            guard weight >= 0 else { throw doc.error("negative weight \(formatNumber(weight))", at: weightNode) }
            var stack: [Int] = []
            for frameNode in try doc.array(stackNode, "a stack (an array of frame indices)") {
                stack.append(try frameIndex(frameNode, count: frameCount, doc))
            }
            if weight == 0 { continue }
            weights[stack, default: 0] += weight
        }
    }

    private static func evented(
        _ profile: JSONObject, names: [String], _ doc: JSONDocument, into weights: inout [[Int]: Double]
    ) throws(SignalError) {
        let eventsNode = try doc.require(profile, "events")
        var stack: [Int] = []
        var last: Double?
        for eventNode in try doc.array(eventsNode, "\"events\" to be an array") {
            let event = try doc.object(eventNode, "an event object")
            let atNode = try doc.require(event, "at")
            let at = try doc.number(atNode, "\"at\" to be a number")
            if let last {
                guard at >= last else {
                    throw doc.error("events go back in time: \"at\" is \(formatNumber(at)) after \(formatNumber(last))", at: atNode)
                }
                if at > last, !stack.isEmpty { weights[stack, default: 0] += at - last }
            }
            last = at
            let frameNode = try doc.require(event, "frame")
            let frame = try frameIndex(frameNode, count: names.count, doc)
            let typeNode = try doc.require(event, "type")
            switch try doc.string(typeNode, "\"type\" to be \"O\" or \"C\"") {
            case "O":
                stack.append(frame)
            case "C":
                guard let top = stack.last else {
                    throw doc.error("closes frame \(frame) (\"\(names[frame].prefix(60))\") but no frame is open", at: eventNode)
                }
                guard top == frame else {
                    throw doc.error("closes frame \(frame) (\"\(names[frame].prefix(60))\") while frame \(top) (\"\(names[top].prefix(60))\") is open on top of it", at: eventNode)
                }
                stack.removeLast()
            case let other:
                throw doc.error("unknown event type \"\(other.prefix(40))\" (expected \"O\" or \"C\")", at: typeNode)
            }
        }
        if let innermost = stack.last {
            throw doc.error("\(stack.count) frame(s) still open after the last event (innermost: \"\(names[innermost].prefix(60))\")", at: eventsNode)
        }
    }
}
