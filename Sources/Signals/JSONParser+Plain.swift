// The steps the span readers (``OTLPSpanReader``, ``JaegerSpanReader``, ``ZipkinSpanReader``)
// read a span with, straight from the bytes: each reads the common, plain spelling of one JSON
// token (a string without escapes, an integer literal, a key compared as bytes) and returns nil
// (or false) for anything else, leaving the span to the general parser, which then checks it and
// reports any error exactly as it would without a reader. None of them throws or reports.

import Foundation

extension JSONParser {
    /// At `"`: the bytes of a string with no escape and no control character, moving past its
    /// closing quote; nil for any other string or value (with `i` anywhere).
    @inline(__always)
    mutating func plainStringBytes() -> UnsafeBufferPointer<UInt8>? {
        guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { return nil }
        i += 1
        let start = i
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                let text = UnsafeBufferPointer(rebasing: bytes[start..<i])
                i += 1
                return text
            }
            if b == UInt8(ascii: "\\") || b < 0x20 { return nil }
            i += 1
        }
        return nil
    }

    /// A plain string (see ``plainStringBytes()``) as a `String`, decoded as ``parseString()`` does.
    @inline(__always)
    mutating func plainString() -> String? {
        guard let text = plainStringBytes() else { return nil }
        return String(decoding: text, as: UTF8.self)
    }

    /// After whitespace, a plain key and its `:` (and the whitespace after it), as bytes.
    @inline(__always)
    mutating func plainKey() -> UnsafeBufferPointer<UInt8>? {
        skipWhitespace()
        guard let key = plainStringBytes() else { return nil }
        skipWhitespace()
        guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return nil }
        i += 1
        skipWhitespace()
        return key
    }

    /// After whitespace, consumes `byte` if it comes next.
    @inline(__always)
    mutating func consume(_ byte: UInt8) -> Bool {
        skipWhitespace()
        guard i < bytes.count, bytes[i] == byte else { return false }
        i += 1
        return true
    }

    /// After a member or element: true past a `,` (another follows), false past `close` (the
    /// container ends), nil for anything else.
    @inline(__always)
    mutating func plainNext(close: UInt8) -> Bool? {
        skipWhitespace()
        guard i < bytes.count else { return nil }
        if bytes[i] == UInt8(ascii: ",") {
            i += 1
            return true
        }
        if bytes[i] == close {
            i += 1
            return false
        }
        return nil
    }

    /// An integer literal (no fraction, no exponent) of 1 to 19 digits, optionally negative: the
    /// value ``parseNumber()`` gives it.
    @inline(__always)
    mutating func plainInteger() -> Int64? {
        guard i < bytes.count else { return nil }
        let negative = bytes[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        let first = i
        guard let v = Self.digits(bytes, &i) else { return nil }
        // JSON has no leading zeros (`07` is not a number), and a fraction or exponent makes it another number: not plain.
        if bytes[first] == UInt8(ascii: "0"), i - first > 1 { return nil }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") || bytes[i] | 0x20 == UInt8(ascii: "e") { return nil }
        return negative ? -v : v
    }

    /// At `"`: a string of 1 to 19 decimal digits, optionally after `-`, and nothing else (as
    /// protobuf JSON writes 64-bit integers): the value ``JSONDocument/int64(_:_:)`` reads from it.
    @inline(__always)
    mutating func plainDecimalString() -> Int64? {
        guard let text = plainStringBytes(), !text.isEmpty else { return nil }
        var k = 0
        let negative = text[0] == UInt8(ascii: "-")
        if negative { k = 1 }
        guard let v = Self.digits(text, &k), k == text.count else { return nil }
        return negative ? -v : v
    }

    /// An integer as a literal or as a plain decimal string (what ``JSONDocument/int64(_:_:)``
    /// accepts, in its common spellings).
    @inline(__always)
    mutating func plainInt64() -> Int64? {
        guard i < bytes.count else { return nil }
        return bytes[i] == UInt8(ascii: "\"") ? plainDecimalString() : plainInteger()
    }

    /// `true` or `false`.
    @inline(__always)
    mutating func plainBool() -> Bool? {
        if matches("true") {
            i += 4
            return true
        }
        if matches("false") {
            i += 5
            return false
        }
        return nil
    }

    /// Whether the bytes at `i` are `word`.
    @inline(__always)
    func matches(_ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard i + n <= bytes.count else { return false }
        return memcmp(bytes.baseAddress! + i, word.utf8Start, n) == 0
    }

    /// The value of 1 to 19 ASCII digits at `k` (moved past them) that fit in Int64 (nanosecond
    /// times have 19); nil for none, more, or too large.
    @inline(__always)
    private static func digits(_ text: UnsafeBufferPointer<UInt8>, _ k: inout Int) -> Int64? {
        let start = k
        var v: UInt64 = 0
        while k < text.count, text[k] >= UInt8(ascii: "0"), text[k] <= UInt8(ascii: "9") {
            v = v &* 10 &+ UInt64(text[k] &- UInt8(ascii: "0"))
            k += 1
            if k - start > 19 { return nil }
        }
        guard k > start, v <= UInt64(Int64.max) else { return nil }
        return Int64(v)
    }

    /// Checks and skips one value as the general parser would (`depth` levels below the path the
    /// parser is at, so that the nesting limit is the same); false on any error, which the general
    /// parser then finds again and reports.
    mutating func plainSkipValue(depth: Int) -> Bool {
        let discarding = discard
        discard = true
        let pathCount = path.count
        // A parse that throws leaves its containers on the path: take them off too.
        defer {
            discard = discarding
            path.removeLast(path.count - pathCount)
        }
        for _ in 0..<depth { path.append(.index(0)) }
        do throws(JSONSyntaxError) {
            _ = try parseValue()
            return true
        } catch {
            return false
        }
    }
}

/// One element of a span array read by a span reader: what the reader made of it, or (for an
/// element it does not take) the element's JSON values, for the format's general path.
enum SpanArrayItem<Read> {
    case read(Read)
    case node(JSONNode)
}

extension JSONParser {
    /// The array at `i` (at its `[`) element by element: each through `read`, which returns nil
    /// for an element it does not take, and then through ``parseValue()``, as the parser would
    /// have read it (same path). Nil on a syntax error, with `i` anywhere: the caller leaves the
    /// whole array to the parser, which finds the error again and reports it.
    mutating func spanArrayItems<Read>(_ read: (inout JSONParser) -> Read?) -> [SpanArrayItem<Read>]? {
        i += 1  // [
        let pathCount = path.count
        // A parse that throws leaves its containers on the path: take them off.
        defer { path.removeLast(path.count - pathCount) }
        var items: [SpanArrayItem<Read>] = []
        if consume(UInt8(ascii: "]")) { return items }
        repeat {
            skipWhitespace()
            let elementStart = i
            if let r = read(&self) {
                items.append(.read(r))
            } else {
                i = elementStart
                path.append(.index(items.count))
                guard let node = try? parseValue() else { return nil }
                path.removeLast()
                items.append(.node(node))
            }
            guard let more = plainNext(close: UInt8(ascii: "]")) else { return nil }
            if !more { return items }
        } while true
    }

    /// Whether the path the parser is at is `pattern`, where nil stands for any array index
    /// (span readers take only the arrays their format reads spans from).
    func pathIs(_ pattern: [String?]) -> Bool {
        guard path.count == pattern.count else { return false }
        for (component, expected) in zip(path, pattern) {
            switch (component, expected) {
            case (.index, nil): continue
            case (.key(let key), let name?) where key == name: continue
            default: return false
            }
        }
        return true
    }
}

/// The keys of an object a span reader has read, one bit each: a key seen twice (where the
/// general path lets the last one win) makes the reader leave the object to the general path.
struct PlainKeysSeen {
    private var bits: UInt32 = 0

    /// Whether `bit`'s key comes for the first time; marks it seen.
    @inline(__always)
    mutating func first(_ bit: UInt32) -> Bool {
        defer { bits |= bit }
        return bits & bit == 0
    }
}

/// Whether the bytes of a key are `word` (keys compared as bytes, without making a `String`).
@inline(__always)
func jsonKey(_ key: UnsafeBufferPointer<UInt8>, is word: StaticString) -> Bool {
    key.count == word.utf8CodeUnitCount && memcmp(key.baseAddress!, word.utf8Start, key.count) == 0
}
