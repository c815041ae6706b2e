import Foundation
import Analysis
import IncidentModel
import Site

/// The content-hash cache of per-bundle results, in a folder of its own (`.postmortem-cache/`
/// by default, git-ignored), so that a bundle whose files did not change is neither loaded,
/// parsed, analysed nor rendered again.
///
/// Five kinds of entry, one file each per bundle folder (a new result replaces the old one, so
/// the cache holds at most five files per bundle), and the site-wide pages:
/// - `bundles/<folder>` (``Entry``): what a same-day rebuild of an unchanged bundle reads of it:
///   its load and parse diagnostics (warnings only: a bundle with errors is not stored), the
///   review diagnostics and the bundle's ``IncidentSummary`` (what the site-wide pages show of
///   it) with the day they were judged against, and its id (the page's path). Keyed by the hash of the tool
///   (version and executable), the loader's limits, the folder's path and every file under the
///   folder (relative path and bytes; a symbolic link by its target, never followed), and every
///   file of the incidents folder outside its bundles (the SLO specs `slo.spec` names);
/// - `manifests/<folder>` (``Body``): the loaded bundle's manifest and narrative, under the same
///   key. Read only when the page, review or summary must be made again, or when the caller
///   keeps the bundles (``BuildOptions/keepsBundles``): decoding them was most of a rebuild;
/// - `findings/<folder>`: the whole ``Findings``, under the same key: everything the pages show
///   that was computed from the signals. Read only when something must be made from them: the
///   page after a template edit, the review and summary on another day, or the findings for a
///   caller that keeps them (a large bundle's findings take longer to decode than everything
///   else of a cached bundle);
/// - `pages/<folder>`: the rendered incident page, keyed by the bundle key, the templates (every
///   file's name and bytes) and the generator name; after a template edit it is rendered again
///   from the stored findings, without parsing or analysing the bundle.
/// - `digests/<folder>`: the digest of each file of the folder with its identity and times
///   (``FileDigests``), so that computing the keys reads only the files that changed;
/// - `site/`: the site-wide pages (one entry each, and one listing them), keyed by every
///   bundle's key without its narrative, the day, the templates and the base URL
///   (``siteKey(summaries:incidentPaths:templates:generator:today:baseURL:servedRoot:)``): editing a
///   narrative does not render the index, summaries, audit or runbook again; only the search
///   index, which holds the narratives' words, is keyed by them too
///   (``narrativesKey(siteKey:bundles:)``).
///
/// An entry is used only when its stored key equals the key computed now and its payload matches
/// the checksum in its header, so a changed file, another tool build, a template edit, or a
/// truncated or garbled entry all count as misses, and a miss is simply recomputed and stored
/// again. Entries are written to a temporary file and renamed, so concurrent builds never see
/// half an entry.
public struct BuildCache: Sendable {
    /// The cache folder.
    public let directory: String
    /// Identifies the code that produced an entry (see ``toolFingerprint``).
    let tool: String

    /// The format of entries; bump to ignore every older entry.
    static let formatVersion = "postmortem-cache 5"

    public init(directory: String) {
        self.directory = directory
        self.tool = Self.toolFingerprint
    }

    /// The keys of one bundle's entries.
    struct Keys: Sendable {
        var bundle: String
        var page: String
        /// The bundle key without the narrative (`postmortem.md`): what the bundle's row on the
        /// site-wide pages comes from (manifest and signals; the narrative is on its own page only).
        var summary: String
    }

    /// Keys for the bundle folder `directory` (cached under `name`) as it is on disk now, or nil
    /// when it cannot be read (the bundle then goes through the stages, which report the problem).
    /// A file whose identity and times are those remembered in `digests/<name>` is not read again
    /// (``FileDigests``).
    /// `now` (Unix seconds) decides which files have settled long enough to be remembered.
    /// `shared` is ``sharedKey(incidents:limits:now:)`` of the bundle's incidents folder, computed
    /// once per build (nil: read it here, for a caller that keys one bundle).
    func keys(directory: String, name: String, limits: (text: Int, signal: Int), templates: String, generator: String,
              policy: String = "", shared: String? = nil, now: Int64 = Int64(Date().timeIntervalSince1970)) -> Keys? {
        // An SLO spec (`slo.spec`) lives beside the bundles, shared by them: the files of the
        // incidents folder outside every bundle are part of each bundle's key.
        guard let shared = shared ?? sharedKey(incidents: BundleLoader.incidentsFolder(of: directory), limits: limits, now: now)
        else { return nil }
        var hash = ContentHash()
        hash.add(Self.formatVersion)
        hash.add(tool)
        // The folder's policy.yaml decides the review; without one the keys are as before.
        if !policy.isEmpty { hash.add(policy) }
        hash.add("\(limits.text) \(limits.signal)")
        hash.add(directory)
        hash.add(shared)
        let known = fileDigests(name: name)
        var tree = TreeWalk(known: known, maxFileBytes: max(limits.text, limits.signal), now: now)
        tree.summary = hash
        guard tree.add(directory, prefix: "", to: &hash, depth: 0) else { return nil }
        if !tree.remembered.isSame(as: known) { storeFileDigests(tree.remembered, name: name) }
        let bundle = hash.hex
        var page = ContentHash()
        page.add(bundle)
        page.add(templates)
        page.add(generator)
        return Keys(bundle: bundle, page: page.hex, summary: tree.summary.hex)
    }

    /// The digest of the files the incidents folder `incidents` holds outside its bundles (the
    /// SLO specs they share), as part of every bundle's key; nil when one of them cannot be read
    /// (no bundle is then cached). Computed once per build and handed to
    /// ``keys(directory:name:limits:templates:generator:policy:shared:now:)``: walking the folder
    /// per bundle made keying n bundles O(n²). Their digests are remembered like a bundle's
    /// files, under a name no bundle folder can have.
    func sharedKey(incidents: String, limits: (text: Int, signal: Int), now: Int64 = Int64(Date().timeIntervalSince1970)) -> String? {
        let name = "../shared"
        let known = fileDigests(name: name)
        var tree = TreeWalk(known: known, maxFileBytes: max(limits.text, limits.signal), now: now)
        var hash = ContentHash()
        hash.add("shared")
        guard tree.addShared(incidents, to: &hash) else { return nil }
        if !tree.remembered.isSame(as: known) { storeFileDigests(tree.remembered, name: name) }
        return hash.hex
    }

    /// One walk over a bundle folder for its key.
    private struct TreeWalk {
        let known: FileDigests
        let maxFileBytes: Int
        let now: Int64
        var remembered = FileDigests()
        /// The same walk without the top-level narrative file.
        var summary = ContentHash()

        /// Adds `piece` to `hash`, and to ``summary`` unless it belongs to the narrative.
        private mutating func add(_ piece: String, to hash: inout ContentHash, narrative: Bool) {
            hash.add(piece)
            if !narrative { summary.add(piece) }
        }

        /// Adds every entry under `path`, in name order: folders by name, files by name and the
        /// digest of their bytes, symbolic links by name and target (not followed: a link out of
        /// the bundle is refused by the loader, and one inside points at files hashed under their
        /// own names). A file over `maxFileBytes` (which the loader refuses unread, and which may
        /// be an unlisted 10 GB dump) makes the bundle uncacheable instead of being read.
        mutating func add(_ path: String, prefix: String, to hash: inout ContentHash, depth: Int) -> Bool {
            guard depth < 32, let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return false }
            for name in names.sorted() {
                let full = path.hasSuffix("/") ? path + name : path + "/" + name
                // A one-file bundle's narrative holds its manifest, so it counts for the site-wide pages.
                let narrative = depth == 0 && name == BundleLoader.narrativeName && names.contains(BundleLoader.manifestName)
                var info = stat()
                guard lstat(full, &info) == 0 else { return false }
                switch info.st_mode & S_IFMT {
                case S_IFDIR:
                    add("d " + prefix + name, to: &hash, narrative: narrative)
                    guard add(full, prefix: prefix + name + "/", to: &hash, depth: depth + 1) else { return false }
                case S_IFLNK:
                    add("l " + prefix + name + " " + ((try? FileManager.default.destinationOfSymbolicLink(atPath: full)) ?? ""),
                        to: &hash, narrative: narrative)
                case S_IFREG:
                    guard addFile(full, relative: prefix + name, info: info, to: &hash, narrative: narrative) else { return false }
                default:
                    add("o " + prefix + name, to: &hash, narrative: narrative)
                }
            }
            return true
        }

        /// A regular file by name and the digest of its bytes (remembered by its signature).
        private mutating func addFile(_ full: String, relative: String, info: stat, to hash: inout ContentHash, narrative: Bool) -> Bool {
            guard info.st_size <= maxFileBytes else { return false }
            let signature = FileDigests.Signature(info)
            let digest: String
            if let remembered = known.digest(relative, signature) {
                digest = remembered
            } else {
                guard let data = FileBytes.contents(atPath: full) else { return false }
                var file = ContentHash()
                file.add(data)
                digest = file.hex
            }
            remembered.remember(relative, signature, digest: digest, now: now)
            add("f " + relative, to: &hash, narrative: narrative)
            add(digest, to: &hash, narrative: narrative)
            return true
        }

        /// The entries of the incidents folder `folder` that are not bundles
        /// (``BundleLoader/isBundle(_:)``) or hidden, under `../`: the SLO specs bundles may share.
        mutating func addShared(_ folder: String, to hash: inout ContentHash) -> Bool {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return true }
            for name in names.sorted() where !name.hasPrefix(".") {
                let full = folder.hasSuffix("/") ? folder + name : folder + "/" + name
                var info = stat()
                guard lstat(full, &info) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFDIR:
                    if BundleLoader.isBundle(full) { continue }
                    add("d ../" + name, to: &hash, narrative: false)
                    guard add(full, prefix: "../" + name + "/", to: &hash, depth: 1) else { return false }
                case S_IFREG:
                    guard addFile(full, relative: "../" + name, info: info, to: &hash, narrative: false) else { return false }
                case S_IFLNK:
                    add("l ../" + name + " " + ((try? FileManager.default.destinationOfSymbolicLink(atPath: full)) ?? ""), to: &hash, narrative: false)
                default:
                    continue
                }
            }
            return true
        }
    }

    /// The file digests remembered for the bundle folder `name` (none when there is no entry).
    func fileDigests(name: String) -> FileDigests {
        read(kind: "digests", name: name, key: "files").map { FileDigests(text: String(decoding: $0, as: UTF8.self)) } ?? FileDigests()
    }

    func storeFileDigests(_ digests: FileDigests, name: String) {
        write(Data(digests.text.utf8), kind: "digests", name: name, key: "files")
    }

    /// A fingerprint of the templates folder: every non-hidden file's name and bytes.
    static func templatesFingerprint(_ directory: String) -> String {
        var hash = ContentHash()
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        for name in names {
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            hash.add(name)
            hash.add(FileBytes.contents(atPath: path) ?? Data("unreadable".utf8))
        }
        return hash.hex
    }

    // MARK: - Entries

    /// The stored results of the bundle in folder `name`, if stored under `key`.
    func entry(name: String, key: String) -> Entry? {
        decoded(Entry.self, kind: "bundles", name: name, key: key)
    }

    func store(_ entry: Entry, name: String, key: String) {
        storeEncoded(entry, kind: "bundles", name: name, key: key)
    }

    /// The manifest and narrative of the bundle in folder `name`, if stored under `key`.
    func body(name: String, key: String) -> Body? {
        decoded(Body.self, kind: "manifests", name: name, key: key)
    }

    func storeBody(_ body: Body, name: String, key: String) {
        storeEncoded(body, kind: "manifests", name: name, key: key)
    }

    /// The whole findings of the bundle in folder `name`, if stored under `key`.
    func findings(name: String, key: String) -> Findings? {
        decoded(Findings.self, kind: "findings", name: name, key: key)
    }

    func storeFindings(_ findings: Findings, name: String, key: String) {
        storeEncoded(findings, kind: "findings", name: name, key: key)
    }

    /// The JSON value of `type` stored under `kind`/`name` with `key`; nil if absent or unreadable.
    private func decoded<Value: Decodable>(_ type: Value.Type, kind: String, name: String, key: String) -> Value? {
        guard let payload = read(kind: kind, name: name, key: key) else { return nil }
        return try? Self.decoder.decode(type, from: payload)
    }

    /// Stores `value` as JSON under `kind`/`name` with `key` (nothing when it does not encode).
    private func storeEncoded<Value: Encodable>(_ value: Value, kind: String, name: String, key: String) {
        guard let payload = try? Self.encoder.encode(value) else { return }
        write(payload, kind: kind, name: name, key: key)
    }

    func page(name: String, key: String) -> Data? {
        read(kind: "pages", name: name, key: key)
    }

    func storePage(_ page: Data, name: String, key: String) {
        write(page, kind: "pages", name: name, key: key)
    }

    /// Entry layout: `PMC1 <key> <checksum of payload> <payload length>\n<payload>`.
    func read(kind: String, name: String, key: String) -> Data? {
        guard let data = FileBytes.contents(atPath: path(kind: kind, name: name)),
              let newline = data.firstIndex(of: 0x0A), newline - data.startIndex <= 200 else { return nil }
        let header = String(decoding: data[data.startIndex..<newline], as: UTF8.self).split(separator: " ")
        let payload = data[(newline + 1)...]
        guard header.count == 4, header[0] == "PMC1", header[1] == key, Int(header[3]) == payload.count else { return nil }
        var check = ContentHash()
        check.add(payload)
        guard header[2] == check.hex else { return nil }
        return Data(payload)
    }

    func write(_ payload: Data, kind: String, name: String, key: String) {
        let fm = FileManager.default
        let folder = directory + "/" + kind
        var check = ContentHash()
        check.add(payload)
        var entry = Data("PMC1 \(key) \(check.hex) \(payload.count)\n".utf8)
        entry.append(payload)
        let final = path(kind: kind, name: name)
        let temporary = final + ".tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UInt64.random(in: 0...UInt64.max))"
        // The folder is made on the first failure only; a cache that cannot be written is only slower.
        if SiteWriter.Staging.writeFile(temporary, entry) != nil {
            guard (try? fm.createDirectory(atPath: folder, withIntermediateDirectories: true)) != nil,
                  SiteWriter.Staging.writeFile(temporary, entry) == nil else {
                try? fm.removeItem(atPath: temporary)
                return
            }
        }
        if rename(temporary, final) != 0 { try? fm.removeItem(atPath: temporary) }
    }

    /// `<directory>/<kind>/<name>` for a folder name of lower-case letters, digits and dashes
    /// (what bundle ids are); any other name is hashed to stay one safe file name.
    func path(kind: String, name id: String) -> String {
        let safe = !id.isEmpty && id.count <= 120 && id.utf8.allSatisfy {
            ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: "-")
        }
        var name = id
        if !safe {
            var hash = ContentHash()
            hash.add(id)
            name = "id-" + hash.hex
        }
        return directory + "/" + kind + "/" + name
    }

    private static var encoder: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "+Inf", negativeInfinity: "-Inf", nan: "NaN")
        return e
    }

    private static var decoder: JSONDecoder {
        let d = JSONDecoder()
        d.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "+Inf", negativeInfinity: "-Inf", nan: "NaN")
        return d
    }

    // MARK: - Tool fingerprint

    /// The tool's version and the identity of the running executable (path, size, modification
    /// time, inode): a rebuilt binary gets new keys, so entries from other code are never used.
    /// When the executable cannot be found, a random value: nothing is reused, nothing is wrong.
    static let toolFingerprint: String = {
        var text = formatVersion
        let candidates = ["/proc/self/exe", Bundle.main.executablePath, CommandLine.arguments.first].compactMap { $0 }
        for candidate in candidates {
            var info = stat()
            guard stat(candidate, &info) == 0 else { continue }
            #if canImport(Darwin)
            let mtime = "\(info.st_mtimespec.tv_sec).\(info.st_mtimespec.tv_nsec)"
            #else
            let mtime = "\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
            #endif
            let resolved = (try? FileManager.default.destinationOfSymbolicLink(atPath: candidate)) ?? candidate
            return text + " \(resolved) \(info.st_size) \(mtime) \(info.st_ino)"
        }
        text += " \(UInt64.random(in: 0...UInt64.max))"
        return text
    }()
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
