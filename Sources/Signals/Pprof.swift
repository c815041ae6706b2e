import Foundation
import SwiftProtobuf

/// Reads a pprof profile (`perftools.profiles.Profile`, gzip-compressed or not) into a
/// ``StackProfile``.
///
/// Format reference: `proto/profile.proto` in https://github.com/google/pprof (the copy the decoder
/// is generated from is `Proto/profile.proto`). This is what Go's `runtime/pprof`, `go tool pprof`,
/// Pyroscope and Parca write.
///
/// Mapping to ``StackProfile``:
/// - **Sample type.** A profile carries several values per sample (Go CPU profiles:
///   `samples/count` and `cpu/nanoseconds`; heap profiles: `alloc_objects`, `alloc_space`,
///   `inuse_objects`, `inuse_space`). The one used is the `sampleType` argument when given, else
///   the profile's `default_sample_type`, else the **last** one, as `go tool pprof` does.
///   ``StackProfile/sampleType`` and ``StackProfile/unit`` are its type and unit strings.
/// - **Frames.** A sample's `location_id`s are leaf first; a location with several `line`s holds
///   inlined calls, innermost first. Both are reversed, so ``StackProfile/Stack/frames`` runs from
///   the root to the leaf with inlined functions as frames of their own (as pprof's reports show
///   them). A frame is the function's `name` (its `system_name` when the name is empty). A
///   location without a function (an unsymbolized address) becomes its address and the mapping's
///   file name, `0x4a1f2c [libc.so.6]`, either part only when known, or `<unknown>` when neither is.
/// - **Weights.** The chosen value, summed over samples with the same frames; samples whose value
///   is 0 are skipped (they add nothing; pprof's reports skip them too). Values may be negative
///   (delta and diff profiles) and are kept as they are, so ``StackProfile/totalWeight`` is the
///   signed sum. Stacks are sorted by frames. Labels, mappings and line numbers are not kept. A
///   sample without locations keeps its value as the one frame ``StackProfile/Stack/noStackFrame``.
///
/// Errors (a ``SignalError`` naming the file, never a crash): corrupt or truncated gzip (inflated by
/// zlib, see ``GzipInflater``), data that is not a protobuf `Profile`, a profile without sample
/// types, a string index outside the string table, a sample whose value count differs from the
/// sample types, and a sample or location that refers to a location or function id the profile
/// does not have.
public enum Pprof {
    /// Parses a pprof profile; `file` names it in errors. `sampleType` picks a value by its type
    /// name (e.g. `alloc_space` in a heap profile) instead of the default.
    public static func parse(_ data: Data, file: String, sampleType: String? = nil) throws(SignalError) -> StackProfile {
        func fail(_ message: String) -> SignalError { SignalError(file: file, message: message) }
        var bytes = data
        if GzipInflater.isGzip(data) {
            do throws(GzipError) {
                bytes = try GzipInflater.inflate(data)
            } catch {
                throw fail("cannot decompress the gzip-compressed profile: \(error.message)")
            }
            if let first = bytes.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }),
               first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
                throw fail("the gzip file holds JSON, not a pprof profile; decompress it (gunzip) and declare its format")
            }
        }
        let profile: Perftools_Profiles_Profile
        do {
            profile = try Perftools_Profiles_Profile(serializedBytes: bytes)
        } catch let error as BinaryDecodingError {
            throw fail("not a pprof profile: \(describe(error))")
        } catch {
            throw fail("not a pprof profile: \(error)")
        }
        return try convert(profile, sampleType: sampleType, fail: fail)
    }

    private static func describe(_ error: BinaryDecodingError) -> String {
        switch error {
        case .truncated: "the protobuf data is truncated"
        case .malformedProtobuf: "the data is not valid protobuf"
        case .invalidUTF8: "a string is not valid UTF-8"
        case .messageDepthLimit: "the protobuf messages are nested too deeply"
        default: "protobuf decoding failed (\(error))"
        }
    }

    private static func convert(
        _ profile: Perftools_Profiles_Profile, sampleType requested: String?, fail: (String) -> SignalError
    ) throws(SignalError) -> StackProfile {
        let strings = profile.stringTable
        func string(_ index: Int64, _ what: @autoclosure () -> String) throws(SignalError) -> String {
            guard index >= 0, index < strings.count else {
                throw fail("\(what()) refers to string \(index), but the string table has \(strings.count) entries (0…\(strings.count - 1))")
            }
            return strings[Int(index)]
        }
        guard !profile.sampleType.isEmpty else {
            throw fail("not a pprof profile: it has no sample types")
        }
        guard strings.first == "" else {
            throw fail(strings.isEmpty
                ? "not a pprof profile: the string table is empty"
                : "not a pprof profile: the string table must start with \"\" (found \"\(strings[0].prefix(40))\")")
        }

        // Which value of each sample to use.
        var types: [(type: String, unit: String)] = []
        for (i, valueType) in profile.sampleType.enumerated() {
            types.append((try string(valueType.type, "sample_type[\(i)].type"), try string(valueType.unit, "sample_type[\(i)].unit")))
        }
        var wanted = requested
        if wanted == nil, profile.defaultSampleType != 0 {
            wanted = try string(profile.defaultSampleType, "default_sample_type")
        }
        let chosen: Int
        if let wanted {
            guard let i = types.firstIndex(where: { $0.type == wanted }) else {
                throw fail("the sample type \"\(wanted)\" is not in the profile (it has: \(types.map(\.type).joined(separator: ", ")))")
            }
            chosen = i
        } else {
            chosen = types.count - 1
        }

        // Function id -> name.
        var functionNames: [UInt64: String] = [:]
        functionNames.reserveCapacity(profile.function.count)
        for function in profile.function {
            var name = try string(function.name, "function \(function.id)'s name")
            if name.isEmpty { name = try string(function.systemName, "function \(function.id)'s system_name") }
            functionNames[function.id] = name
        }
        var mappingFiles: [UInt64: String] = [:]
        for mapping in profile.mapping {
            let path = try string(mapping.filename, "mapping \(mapping.id)'s filename")
            if let base = path.split(separator: "/").last { mappingFiles[mapping.id] = String(base) }
        }

        // Location id -> frames, leaf first (innermost inlined function first).
        var locationFrames: [UInt64: [String]] = [:]
        locationFrames.reserveCapacity(profile.location.count)
        for location in profile.location {
            // An address without a function name: `0x4a1f2c [libc.so.6]`, or `<unknown>`.
            func unsymbolized() -> String {
                var parts: [String] = []
                if location.address != 0 { parts.append("0x" + String(location.address, radix: 16)) }
                if let mapping = mappingFiles[location.mappingID], !mapping.isEmpty { parts.append("[\(mapping)]") }
                return parts.isEmpty ? "<unknown>" : parts.joined(separator: " ")
            }
            var frames: [String] = []
            for line in location.line {
                if line.functionID == 0 {  // a line without a function, as pprof allows
                    frames.append(unsymbolized())
                    continue
                }
                guard let name = functionNames[line.functionID] else {
                    throw fail("location \(location.id) refers to function id \(line.functionID), which is not in the profile")
                }
                frames.append(name.isEmpty ? unsymbolized() : name)
            }
            if frames.isEmpty { frames.append(unsymbolized()) }
            locationFrames[location.id] = frames
        }

        // Sum the chosen value per location sequence, then per frame sequence.
        var byLocations: [[UInt64]: Double] = [:]
        for (i, sample) in profile.sample.enumerated() {
            guard sample.value.count == types.count else {
                throw fail("sample \(i) has \(sample.value.count) values, but the profile has \(types.count) sample types")
            }
            for id in sample.locationID where locationFrames[id] == nil {
                throw fail("sample \(i) refers to location id \(id), which is not in the profile")
            }
            let value = sample.value[chosen]
            if value == 0 { continue }
            byLocations[sample.locationID, default: 0] += Double(value)
        }
        var byFrames: [[String]: Double] = [:]
        byFrames.reserveCapacity(byLocations.count)
        for (ids, weight) in byLocations {
            var frames: [String] = []
            for id in ids.reversed() {
                frames.append(contentsOf: locationFrames[id, default: []].reversed())
            }
            byFrames[frames.isEmpty ? [StackProfile.Stack.noStackFrame] : frames, default: 0] += weight
        }
        let stacks = byFrames
            .map { StackProfile.Stack(frames: $0.key, weight: $0.value) }
            .sorted { $0.frames.lexicographicallyPrecedes($1.frames) }
        return StackProfile(sampleType: types[chosen].type, unit: types[chosen].unit, stacks: stacks)
    }
}
