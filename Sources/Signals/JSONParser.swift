/// A syntax error: where the parser stopped, why, and the path it had reached.
struct JSONSyntaxError: Error {
    var offset: Int
    var message: String
    var path: [JSONPathComponent]
}

/// Reads, in place of ``JSONParser``, arrays whose shape a format knows: a format whose bulk is
/// one regular shape (Prometheus' `[time, "value"]` pairs, ``PrometheusSamplePairs``) reads it
/// straight into its own values, with no tree in between.
protocol JSONArrayReader: AnyObject {
    /// Called with `parser` at the `[` of an array that is the value of the object key `key` (or
    /// the document itself, with `parser.path` empty and `key` "") and that the tree would keep. Returns true after moving `parser.i` past the whole array, which
    /// the tree then holds without elements (the reader keeps what it read, by the array's offset);
    /// returns false, with `parser.i` where it was, to leave the array to the parser, which then
    /// checks it and reports any error exactly as it would without a reader.
    func readArray(under key: String, _ parser: inout JSONParser) -> Bool
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
    /// Offered every array the tree would keep that is the value of an object key, before the
    /// parser reads it; see ``JSONArrayReader``.
    var arrayReader: (any JSONArrayReader)?

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
        if skipClose(UInt8(ascii: "}")) { return .object(members) }
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
            if try endOfItem(close: UInt8(ascii: "}"), in: "an object") { return .object(members) }
        }
    }

    mutating func parseArray() throws(JSONSyntaxError) -> JSONValue {
        guard path.count < Self.maxDepth else { throw fail("nesting deeper than \(Self.maxDepth) levels") }
        if let arrayReader, !discard, path.count < keepDepth {
            let key: String? = switch path.last {
            case .key(let k)?: k
            case nil: ""
            case .index?: nil
            }
            if let key, arrayReader.readArray(under: key, &self) { return .array([]) }
        }
        i += 1  // [
        var elements: [JSONNode] = []
        var deferred = false
        if !deferredArrayKeys.isEmpty, case .key(let key)? = path.last { deferred = deferredArrayKeys.contains(key) }
        let keep = !discard && !deferred && path.count < keepDepth
        let discarding = discard
        defer { discard = discarding }
        var count = 0
        if skipClose(UInt8(ascii: "]")) { return .array(elements) }
        while true {
            skipWhitespace()
            path.append(.index(count))
            let keepElement = keep && (!firstElementOnly || count == 0)
            discard = !keepElement
            let value = try parseValue()
            path.removeLast()
            if keepElement { elements.append(value) }
            count += 1
            if try endOfItem(close: UInt8(ascii: "]"), in: "an array") { return .array(elements) }
        }
    }

    /// Skips whitespace and consumes `close` if it comes next: true for an empty container.
    @inline(__always)
    private mutating func skipClose(_ close: UInt8) -> Bool {
        skipWhitespace()
        guard i < bytes.count, bytes[i] == close else { return false }
        i += 1
        return true
    }

    /// After a member or element of `container` (`an object`, `an array`): consumes `,` and
    /// returns false (another item follows), or consumes `close` and returns true (it ends).
    @inline(__always)
    private mutating func endOfItem(close: UInt8, in container: String) throws(JSONSyntaxError) -> Bool {
        skipWhitespace()
        guard i < bytes.count else { throw fail("unexpected end of input inside \(container): the JSON is truncated") }
        if bytes[i] == UInt8(ascii: ",") {
            i += 1
            return false
        }
        if bytes[i] == close {
            i += 1
            return true
        }
        throw fail("expected ',' or '\(Character(Unicode.Scalar(close)))' in \(container), found \(describeCurrent())")
    }
}
