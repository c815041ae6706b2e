import Foundation

// A small JSON (RFC 8259) reader for the signal parsers. Foundation's decoders lose positions;
// this one keeps the byte offset of every value, so an error can name the JSON path
// (`$.data.result[3].values[17][1]`) and the line and column of the value at fault.
// Integer literals that fit in Int64 are kept exactly (OTLP nanosecond timestamps need that).

/// One JSON value and the byte offset where it starts in the document.
struct JSONNode: Sendable {
    var offset: Int
    var value: JSONValue

    /// The JSON type, for error messages.
    var typeName: String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .integer, .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

/// One member of a JSON object, in document order.
struct JSONMember: Sendable {
    var key: String
    var keyOffset: Int
    var node: JSONNode
}

enum JSONValue: Sendable {
    case null
    case bool(Bool)
    /// An integer literal (no fraction, no exponent) that fits in Int64.
    case integer(Int64)
    /// Any other number.
    case number(Double)
    case string(String)
    case array([JSONNode])
    case object([JSONMember])
}

/// One step of a JSON path.
enum JSONPathComponent: Sendable, Hashable {
    case key(String)
    case index(Int)
}

extension Array where Element == JSONPathComponent {
    /// `$.data.result[3]`; keys that are not plain identifiers use `["key"]`.
    var jsonPath: String {
        var text = "$"
        for component in self {
            switch component {
            case .index(let i): text += "[\(i)]"
            case .key(let k):
                let plain = !k.isEmpty && k.unicodeScalars.allSatisfy {
                    ($0 >= "a" && $0 <= "z") || ($0 >= "A" && $0 <= "Z") || ($0 >= "0" && $0 <= "9") || $0 == "_"
                }
                if plain {
                    text += ".\(k)"
                } else {
                    let escaped = k.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                    text += "[\"\(escaped)\"]"
                }
            }
        }
        return text
    }
}

/// A parsed JSON document that can turn a node into a located `SignalError`.
struct JSONDocument: Sendable {
    let root: JSONNode
    /// The bytes it was parsed from, kept (not copied) to compute line and column on error.
    let data: Data
    let file: String
    /// Added to computed line numbers (for one document per line, as in JSON lines).
    var lineOffset: Int = 0
    /// The path from the file's root to `root`, when `root` is an element read on its own by
    /// ``forEachElement(_:_:_:)``; error paths start with it.
    var pathPrefix: [JSONPathComponent] = []
    /// Whether arrays under some keys were left empty by the parse, to be read one element at a
    /// time by ``forEachElement(_:_:_:)``.
    var hasDeferredArrays = false
    /// Arrays of `[time, "value"]` pairs read straight into numbers, by the offset of the array
    /// (left empty in the tree); see ``JSONParser/samplePairKeys``.
    var samplePairs: [Int: [JSONSamplePair]] = [:]

    /// Parses `data` as one JSON document; syntax errors carry line, column and the path reached.
    static func parse(_ data: Data, file: String) throws(SignalError) -> JSONDocument {
        try parse(data, file: file) { _ in }
    }

    /// Parses `data` as one JSON document, checking all of it but keeping arrays that are the value
    /// of a key in `keys` empty: ``forEachElement(_:_:_:)`` reads their elements one at a time,
    /// so a file with millions of spans never holds them all as JSON values at once.
    static func parse(_ data: Data, file: String, deferringArraysUnder keys: Set<String>) throws(SignalError) -> JSONDocument {
        var doc = try parse(data, file: file) { $0.deferredArrayKeys = keys }
        doc.hasDeferredArrays = !keys.isEmpty
        return doc
    }

    /// Parses with a parser set up by `configure`.
    static func parse(_ data: Data, file: String, configure: (inout JSONParser) -> Void) throws(SignalError) -> JSONDocument {
        var pairs: [Int: [JSONSamplePair]] = [:]
        let result: Result<JSONNode, JSONSyntaxError> = data.withUnsafeBytes { raw in
            var parser = JSONParser(bytes: raw.bindMemory(to: UInt8.self))
            configure(&parser)
            do throws(JSONSyntaxError) {
                let root = try parser.parseDocument()
                pairs = parser.samplePairs
                return .success(root)
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(let root):
            var doc = JSONDocument(root: root, data: data, file: file)
            doc.samplePairs = pairs
            return doc
        case .failure(let syntax):
            throw syntaxError(syntax, in: data, file: file)
        }
    }

    static func syntaxError(_ syntax: JSONSyntaxError, in data: Data, file: String) -> SignalError {
        let (line, column) = Self.lineAndColumn(of: syntax.offset, in: data)
        return SignalError(
            file: file, line: line, column: column,
            jsonPath: syntax.path.jsonPath, message: syntax.message)
    }

    /// Calls `body` with each element of the array `node` and a document for it (whose errors carry
    /// the element's full path). An array the parse deferred is read from the bytes one element at
    /// a time, each element's values dropped before the next is read.
    func forEachElement(
        _ node: JSONNode, _ what: String, _ body: (JSONDocument, JSONNode) throws(SignalError) -> Void
    ) throws(SignalError) {
        guard case .array(let elements) = node.value else {
            throw error("expected \(what), found \(node.typeName)", at: node)
        }
        guard hasDeferredArrays, elements.isEmpty else {
            for element in elements { try body(self, element) }
            return
        }
        let prefix = pathPrefix + path(to: node.offset)
        let result: Result<Void, SignalError> = data.withUnsafeBytes { raw in
            var parser = JSONParser(bytes: raw.bindMemory(to: UInt8.self))
            parser.i = node.offset + 1  // after [
            parser.path = prefix
            var index = 0
            do throws(SignalError) {
                while true {
                    parser.skipWhitespace()
                    guard parser.i < parser.bytes.count else { break }
                    if parser.bytes[parser.i] == UInt8(ascii: "]") { break }
                    if parser.bytes[parser.i] == UInt8(ascii: ",") {
                        parser.i += 1
                        continue
                    }
                    parser.path.append(.index(index))
                    let element: JSONNode
                    do throws(JSONSyntaxError) {
                        element = try parser.parseValue()
                    } catch {
                        throw Self.syntaxError(error, in: data, file: file)
                    }
                    parser.path.removeLast()
                    var doc = JSONDocument(root: element, data: data, file: file, lineOffset: lineOffset)
                    doc.pathPrefix = prefix + [.index(index)]
                    try body(doc, element)
                    index += 1
                }
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        try result.get()
    }

    /// 1-based line and column (in Unicode scalars) of a byte offset.
    static func lineAndColumn(of offset: Int, in data: Data) -> (Int, Int) {
        data.withUnsafeBytes { raw in
            let end = min(max(offset, 0), raw.count)
            var line = 1
            var column = 1
            var i = 0
            while i < end {
                let b = raw[i]
                if b == UInt8(ascii: "\n") {
                    line += 1
                    column = 1
                } else if b & 0xC0 != 0x80 {
                    column += 1
                }
                i += 1
            }
            return (line, column)
        }
    }

    /// The path from the root to the value (or object key) starting at `offset`.
    func path(to offset: Int) -> [JSONPathComponent] {
        var components: [JSONPathComponent] = []
        var node = root
        while node.offset != offset {
            switch node.value {
            case .array(let elements):
                guard let i = Self.lastIndex(in: elements, startingAtOrBefore: offset, start: \.offset) else {
                    return components
                }
                components.append(.index(i))
                node = elements[i]
            case .object(let members):
                guard let i = Self.lastIndex(in: members, startingAtOrBefore: offset, start: \.keyOffset) else {
                    return components
                }
                components.append(.key(members[i].key))
                if offset < members[i].node.offset { return components }  // inside the key itself
                node = members[i].node
            default:
                return components
            }
        }
        return components
    }

    private static func lastIndex<T>(in items: [T], startingAtOrBefore offset: Int, start: KeyPath<T, Int>) -> Int? {
        // Items are in document order, so binary search for the last start <= offset.
        var low = 0
        var high = items.count
        while low < high {
            let mid = (low + high) / 2
            if items[mid][keyPath: start] <= offset { low = mid + 1 } else { high = mid }
        }
        return low == 0 ? nil : low - 1
    }

    /// An error about `node`: its JSON path, line and column.
    func error(_ message: String, at node: JSONNode) -> SignalError {
        error(message, atOffset: node.offset)
    }

    func error(_ message: String, atOffset offset: Int) -> SignalError {
        let (line, column) = Self.lineAndColumn(of: offset, in: data)
        return SignalError(
            file: file, line: line + lineOffset, column: column,
            jsonPath: (pathPrefix + path(to: offset)).jsonPath, message: message)
    }
}

// MARK: - Typed access with located errors

/// A JSON object's members with lookup by key (the last duplicate wins, as in most decoders).
struct JSONObject {
    let node: JSONNode
    let members: [JSONMember]

    subscript(key: String) -> JSONNode? {
        members.last { $0.key == key }?.node
    }

    /// The member's value unless it is absent or null.
    func present(_ key: String) -> JSONNode? {
        guard let n = self[key] else { return nil }
        if case .null = n.value { return nil }
        return n
    }

    func has(_ key: String) -> Bool { self[key] != nil }
}

extension JSONDocument {
    func object(_ node: JSONNode, _ what: String = "an object") throws(SignalError) -> JSONObject {
        guard case .object(let members) = node.value else {
            throw error("expected \(what), found \(node.typeName)", at: node)
        }
        return JSONObject(node: node, members: members)
    }

    func array(_ node: JSONNode, _ what: String = "an array") throws(SignalError) -> [JSONNode] {
        guard case .array(let elements) = node.value else {
            throw error("expected \(what), found \(node.typeName)", at: node)
        }
        return elements
    }

    func string(_ node: JSONNode, _ what: String = "a string") throws(SignalError) -> String {
        guard case .string(let s) = node.value else {
            throw error("expected \(what), found \(node.typeName)", at: node)
        }
        return s
    }

    /// A JSON number as Double.
    func number(_ node: JSONNode, _ what: String = "a number") throws(SignalError) -> Double {
        switch node.value {
        case .integer(let i): return Double(i)
        case .number(let d): return d
        default: throw error("expected \(what), found \(node.typeName)", at: node)
        }
    }

    /// An integer given as a JSON number or as a decimal string (protobuf JSON writes 64-bit
    /// integers as strings); a number with a fraction or out of Int64 range is an error.
    func int64(_ node: JSONNode, _ what: String = "an integer") throws(SignalError) -> Int64 {
        switch node.value {
        case .integer(let i):
            return i
        case .number(let d):
            if d.rounded() == d, d >= -9.223372036854775808e18, d < 9.223372036854775808e18 {
                return Int64(d)
            }
            throw error("expected \(what), found \(d)", at: node)
        case .string(let s):
            // Trimming goes through NSString; skip it when no end can be whitespace (plain ASCII
            // other than space and tab at both ends), as with every id and timestamp in practice.
            if let first = s.utf8.first, let last = s.utf8.last, first > 0x20, first < 0x80, last > 0x20, last < 0x80 {
                if let i = Int64(s) { return i }
            } else if let i = Int64(s.trimmingCharacters(in: .whitespaces)) {
                return i
            }
            throw error("expected \(what), found the string \"\(s.prefix(40))\"", at: node)
        default:
            throw error("expected \(what), found \(node.typeName)", at: node)
        }
    }

    func require(_ object: JSONObject, _ key: String) throws(SignalError) -> JSONNode {
        guard let n = object[key] else {
            throw error("missing \"\(key)\"", at: object.node)
        }
        return n
    }

    func requireString(_ object: JSONObject, _ key: String) throws(SignalError) -> String {
        try string(try require(object, key), "\"\(key)\" to be a string")
    }

    /// The member as a string, or nil when absent or null; another type is an error.
    func optionalString(_ object: JSONObject, _ key: String) throws(SignalError) -> String? {
        guard let n = object.present(key) else { return nil }
        return try string(n, "\"\(key)\" to be a string")
    }
}

/// Renders a JSON value as compact JSON text (used for structured attribute values).
func jsonText(_ node: JSONNode) -> String {
    switch node.value {
    case .null: return "null"
    case .bool(let b): return b ? "true" : "false"
    case .integer(let i): return String(i)
    case .number(let d): return formatNumber(d)
    case .string(let s): return jsonQuoted(s)
    case .array(let items): return "[" + items.map(jsonText).joined(separator: ",") + "]"
    case .object(let members):
        return "{" + members.map { jsonQuoted($0.key) + ":" + jsonText($0.node) }.joined(separator: ",") + "}"
    }
}

/// A number as text: integral values without `.0`.
func formatNumber(_ d: Double) -> String {
    if d.isFinite, d.rounded() == d, abs(d) < 1e15 { return String(Int64(d)) }
    return String(d)
}

func jsonQuoted(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if scalar.value < 0x20 {
                out += String(format: "\\u%04x", scalar.value)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}

// MARK: - Parser

/// One `[time, "value"]` element of a Prometheus `values` array, read by the parser itself.
struct JSONSamplePair: Sendable {
    var time: Double
    var value: Double
}

struct JSONSyntaxError: Error {
    var offset: Int
    var message: String
    var path: [JSONPathComponent]
}

/// A recursive-descent parser over UTF-8 bytes. It tracks the path it is in, so that a syntax
/// error (e.g. a truncated file) can say how far it got.
struct JSONParser {
    let bytes: UnsafeBufferPointer<UInt8>
    var i = 0
    var path: [JSONPathComponent] = []
    static let maxDepth = 512
    /// While true, values are checked but not kept: strings come back empty, containers empty.
    var discard = false
    /// Containers nested this deep or deeper (the root is at depth 0) come back empty; their
    /// content is still checked.
    var keepDepth = Int.max
    /// Whether arrays keep only their first element (the others are checked, not kept).
    var firstElementOnly = false
    /// Arrays that are the value of one of these keys come back empty (their content is checked);
    /// see ``JSONDocument/forEachElement(_:_:_:)``.
    var deferredArrayKeys: Set<String> = []
    /// Arrays that are the value of one of these keys are first tried as a list of
    /// `[number, "string"]` pairs, each read straight into a ``JSONSamplePair`` by
    /// `samplePair(time:value:)` (nil refuses the pair) and collected in ``samplePairs``, with
    /// no tree of values in between; the array then comes back empty. Any other shape, or one
    /// refused pair, and the array is parsed as usual, so errors are found and reported exactly
    /// as they would be without this.
    var samplePairKeys: Set<String> = []
    var samplePair: ((Double, Substring) -> JSONSamplePair?)?
    var samplePairs: [Int: [JSONSamplePair]] = [:]

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    mutating func parseDocument() throws(JSONSyntaxError) -> JSONNode {
        // A UTF-8 byte order mark is tolerated.
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
        skipWhitespace()
        let root = try parseValue()
        skipWhitespace()
        if i < bytes.count {
            throw fail("unexpected content after the JSON value")
        }
        return root
    }

    func fail(_ message: String, at offset: Int? = nil) -> JSONSyntaxError {
        JSONSyntaxError(offset: offset ?? i, message: message, path: path)
    }

    mutating func skipWhitespace() {
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x09, 0x0A, 0x0D: i += 1
            default: return
            }
        }
    }

    func describeCurrent() -> String {
        guard i < bytes.count else { return "end of input" }
        let b = bytes[i]
        if b >= 0x21 && b < 0x7F { return "'\(Character(UnicodeScalar(b)))'" }
        return String(format: "byte 0x%02X", b)
    }

    mutating func parseValue() throws(JSONSyntaxError) -> JSONNode {
        guard i < bytes.count else { throw fail("unexpected end of input: the JSON is truncated") }
        let start = i
        switch bytes[i] {
        case UInt8(ascii: "{"): return JSONNode(offset: start, value: try parseObject())
        case UInt8(ascii: "["): return JSONNode(offset: start, value: try parseArray())
        case UInt8(ascii: "\"") where discard:
            try skipString()
            return JSONNode(offset: start, value: .string(""))
        case UInt8(ascii: "\""): return JSONNode(offset: start, value: .string(try parseString()))
        case UInt8(ascii: "t"): try literal("true"); return JSONNode(offset: start, value: .bool(true))
        case UInt8(ascii: "f"): try literal("false"); return JSONNode(offset: start, value: .bool(false))
        case UInt8(ascii: "n"): try literal("null"); return JSONNode(offset: start, value: .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return JSONNode(offset: start, value: try parseNumber())
        default:
            throw fail("expected a JSON value, found \(describeCurrent())")
        }
    }

    mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
        let start = i
        let n = word.utf8CodeUnitCount
        var k = 0
        while k < n {
            guard i + k < bytes.count, bytes[i + k] == word.utf8Start[k] else {
                throw fail("invalid literal (expected \(word))", at: start)
            }
            k += 1
        }
        i += n
    }

    mutating func parseObject() throws(JSONSyntaxError) -> JSONValue {
        guard path.count < Self.maxDepth else { throw fail("nesting deeper than \(Self.maxDepth) levels") }
        i += 1  // {
        var members: [JSONMember] = []
        let keep = !discard && path.count < keepDepth
        let discarding = discard
        discard = !keep
        defer { discard = discarding }
        skipWhitespace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") {
            i += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard i < bytes.count else { throw fail("unexpected end of input inside an object: the JSON is truncated") }
            guard bytes[i] == UInt8(ascii: "\"") else {
                throw fail("expected a quoted object key, found \(describeCurrent())")
            }
            let keyOffset = i
            let key = try parseString()
            skipWhitespace()
            guard i < bytes.count else { throw fail("unexpected end of input after an object key: the JSON is truncated") }
            guard bytes[i] == UInt8(ascii: ":") else { throw fail("expected ':' after the key \"\(key)\", found \(describeCurrent())") }
            i += 1
            skipWhitespace()
            path.append(.key(key))
            let value = try parseValue()
            path.removeLast()
            if keep { members.append(JSONMember(key: key, keyOffset: keyOffset, node: value)) }
            skipWhitespace()
            guard i < bytes.count else { throw fail("unexpected end of input inside an object: the JSON is truncated") }
            if bytes[i] == UInt8(ascii: ",") {
                i += 1
                continue
            }
            if bytes[i] == UInt8(ascii: "}") {
                i += 1
                return .object(members)
            }
            throw fail("expected ',' or '}' in an object, found \(describeCurrent())")
        }
    }

    mutating func parseArray() throws(JSONSyntaxError) -> JSONValue {
        guard path.count < Self.maxDepth else { throw fail("nesting deeper than \(Self.maxDepth) levels") }
        if !samplePairKeys.isEmpty, !discard, path.count < keepDepth, case .key(let key)? = path.last,
           samplePairKeys.contains(key), let pairs = readSamplePairs() {
            samplePairs[pairs.offset] = pairs.pairs
            return .array([])
        }
        i += 1  // [
        var elements: [JSONNode] = []
        var deferred = false
        if !deferredArrayKeys.isEmpty, case .key(let key)? = path.last { deferred = deferredArrayKeys.contains(key) }
        let keep = !discard && !deferred && path.count < keepDepth
        let discarding = discard
        defer { discard = discarding }
        var count = 0
        skipWhitespace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") {
            i += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            path.append(.index(count))
            let keepElement = keep && (!firstElementOnly || count == 0)
            discard = !keepElement
            let value = try parseValue()
            path.removeLast()
            if keepElement { elements.append(value) }
            count += 1
            skipWhitespace()
            guard i < bytes.count else { throw fail("unexpected end of input inside an array: the JSON is truncated") }
            if bytes[i] == UInt8(ascii: ",") {
                i += 1
                continue
            }
            if bytes[i] == UInt8(ascii: "]") {
                i += 1
                return .array(elements)
            }
            throw fail("expected ',' or ']' in an array, found \(describeCurrent())")
        }
    }

    /// The array at `i` as sample pairs (see ``samplePairKeys``), moving past it; nil, with `i`
    /// where it was, when it is anything else.
    private mutating func readSamplePairs() -> (offset: Int, pairs: [JSONSamplePair])? {
        guard let accept = samplePair else { return nil }
        let start = i
        var pairs: [JSONSamplePair] = []
        func give() -> (Int, [JSONSamplePair])? { i = start; return nil }
        i += 1  // [
        skipWhitespace()
        guard i < bytes.count, bytes[i] != UInt8(ascii: "]") else { return give() }
        while true {
            skipWhitespace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "[") else { return give() }
            i += 1
            skipWhitespace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "-") || isDigit(bytes[i]),
                  let number = try? parseNumber() else { return give() }
            let time: Double
            switch number {
            case .integer(let v): time = Double(v)
            case .number(let d): time = d
            default: return give()
            }
            skipWhitespace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ",") else { return give() }
            i += 1
            skipWhitespace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { return give() }
            i += 1
            let textStart = i
            while i < bytes.count, bytes[i] != UInt8(ascii: "\""), bytes[i] != UInt8(ascii: "\\"), bytes[i] >= 0x20 { i += 1 }
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { return give() }
            let text = Substring(String(decoding: UnsafeBufferPointer(rebasing: bytes[textStart..<i]), as: UTF8.self))
            i += 1
            guard let pair = accept(time, text) else { return give() }
            pairs.append(pair)
            skipWhitespace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "]") else { return give() }
            i += 1
            skipWhitespace()
            guard i < bytes.count else { return give() }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "]") { i += 1; return (start, pairs) }
            return give()
        }
    }

    mutating func parseString() throws(JSONSyntaxError) -> String {
        let open = i
        i += 1  // "
        let start = i
        // Fast path: no escapes.
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                let s = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
                i += 1
                return s
            }
            if b == UInt8(ascii: "\\") { break }
            if b < 0x20 { throw fail("control character in a string (must be escaped)") }
            i += 1
        }
        guard i < bytes.count else { throw fail("unterminated string: the JSON is truncated", at: open) }
        var utf8: [UInt8] = Array(UnsafeBufferPointer(rebasing: bytes[start..<i]))
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                i += 1
                return String(decoding: utf8, as: UTF8.self)
            }
            if b < 0x20 { throw fail("control character in a string (must be escaped)") }
            if b != UInt8(ascii: "\\") {
                utf8.append(b)
                i += 1
                continue
            }
            guard i + 1 < bytes.count else { break }
            let e = bytes[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "\""): utf8.append(0x22)
            case UInt8(ascii: "\\"): utf8.append(0x5C)
            case UInt8(ascii: "/"): utf8.append(0x2F)
            case UInt8(ascii: "b"): utf8.append(0x08)
            case UInt8(ascii: "f"): utf8.append(0x0C)
            case UInt8(ascii: "n"): utf8.append(0x0A)
            case UInt8(ascii: "r"): utf8.append(0x0D)
            case UInt8(ascii: "t"): utf8.append(0x09)
            case UInt8(ascii: "u"):
                var code = try hex4()
                if code >= 0xD800 && code < 0xDC00 {
                    // A high surrogate must be followed by \u and a low surrogate.
                    if i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") {
                        i += 2
                        let low = try hex4()
                        if low >= 0xDC00 && low < 0xE000 {
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            code = 0xFFFD
                        }
                    } else {
                        code = 0xFFFD
                    }
                } else if code >= 0xDC00 && code < 0xE000 {
                    code = 0xFFFD
                }
                let scalar = UnicodeScalar(code) ?? "\u{FFFD}"
                utf8.append(contentsOf: Array(String(Character(scalar)).utf8))
            default:
                throw fail("invalid escape sequence in a string", at: i - 2)
            }
        }
        throw fail("unterminated string: the JSON is truncated", at: open)
    }

    /// Checks a string as ``parseString()`` does, without building it.
    mutating func skipString() throws(JSONSyntaxError) {
        let open = i
        i += 1  // "
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                i += 1
                return
            }
            if b < 0x20 { throw fail("control character in a string (must be escaped)") }
            if b != UInt8(ascii: "\\") {
                i += 1
                continue
            }
            guard i + 1 < bytes.count else { break }
            let e = bytes[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                 UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                continue
            case UInt8(ascii: "u"):
                let code = try hex4()
                if code >= 0xD800 && code < 0xDC00, i + 1 < bytes.count,
                   bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") {
                    i += 2
                    _ = try hex4()
                }
            default:
                throw fail("invalid escape sequence in a string", at: i - 2)
            }
        }
        throw fail("unterminated string: the JSON is truncated", at: open)
    }

    mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
        guard i + 4 <= bytes.count else { throw fail("truncated \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[i]
            let d: UInt32
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(b - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(b - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(b - UInt8(ascii: "A") + 10)
            default: throw fail("invalid hex digit in a \\u escape")
            }
            v = v * 16 + d
            i += 1
        }
        return v
    }

    mutating func parseNumber() throws(JSONSyntaxError) -> JSONValue {
        let start = i
        var integral = true
        if bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard i < bytes.count, isDigit(bytes[i]) else { throw fail("invalid number", at: start) }
        if bytes[i] == UInt8(ascii: "0") {
            i += 1
        } else {
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            integral = false
            i += 1
            guard i < bytes.count, isDigit(bytes[i]) else { throw fail("invalid number: digits expected after '.'", at: start) }
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            integral = false
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard i < bytes.count, isDigit(bytes[i]) else { throw fail("invalid number: digits expected in the exponent", at: start) }
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        }
        if discard { return .integer(0) }
        // Up to 18 digits always fit in Int64: read them without making a String.
        let negative = bytes[start] == UInt8(ascii: "-")
        if integral, i - start - (negative ? 1 : 0) <= 18 {
            var v: Int64 = 0
            for k in (negative ? start + 1 : start)..<i { v = v &* 10 &+ Int64(bytes[k] &- UInt8(ascii: "0")) }
            return .integer(negative ? -v : v)
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
        if integral, let v = Int64(text) { return .integer(v) }
        guard let d = Double(text) else { throw fail("invalid number", at: start) }
        return .number(d)
    }

    @inline(__always) func isDigit(_ b: UInt8) -> Bool {
        b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")
    }
}
