import Foundation

// A small JSON (RFC 8259) reader for the signal parsers. Foundation's decoders lose positions;
// this one keeps the byte offset of every value, so an error can name the JSON path
// (`$.data.result[3].values[17][1]`) and the line and column of the value at fault.
// Integer literals that fit in Int64 are kept exactly (OTLP nanosecond timestamps need that).
//
// The reader is in four parts: the tree of values (JSONTree.swift), the parser that builds it
// (JSONParser.swift, JSONParser+Scalars.swift), the document that turns a node into a located
// error (this file) and typed access to nodes (JSONAccess.swift).

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
    var pathPrefix: [JSONPathComponent] {
        elementIndex.map { arrayPath + [.index($0)] } ?? arrayPath
    }
    /// The path to the array `root` is an element of (shared by all its elements), and the
    /// element's index: ``pathPrefix`` is made of them only when an error needs it.
    private var arrayPath: [JSONPathComponent] = []
    private var elementIndex: Int?
    /// Whether arrays under some keys were left empty by the parse, to be read one element at a
    /// time by ``forEachElement(_:_:_:)``.
    var hasDeferredArrays = false

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
        let result: Result<JSONNode, JSONSyntaxError> = data.withUnsafeBytes { raw in
            var parser = JSONParser(bytes: raw.bindMemory(to: UInt8.self))
            configure(&parser)
            do throws(JSONSyntaxError) {
                return .success(try parser.parseDocument())
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(let root):
            return JSONDocument(root: root, data: data, file: file)
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
        try parseElements(ofArrayAt: node.offset, prefix: prefix) { index, element throws(SignalError) in
            var doc = JSONDocument(root: element, data: data, file: file, lineOffset: lineOffset)
            doc.arrayPath = prefix
            doc.elementIndex = index
            try body(doc, element)
            return true
        }
    }

    /// A document for `element`, the element at `index` of the array `array` when the tree holds
    /// that array without its elements (a ``JSONArrayReader`` read them): its errors carry the
    /// element's full path, as those of ``forEachElement(_:_:_:)`` do.
    func document(forElement element: JSONNode, at index: Int, ofArrayAt array: JSONNode) -> JSONDocument {
        var doc = JSONDocument(root: element, data: data, file: file, lineOffset: lineOffset)
        doc.arrayPath = pathPrefix + path(to: array.offset)
        doc.elementIndex = index
        return doc
    }

    /// The element at `index` of the array `array` (which the tree holds without its elements)
    /// parsed again from the bytes, for the general path of a format's reader.
    func reparse(elementAt index: Int, ofArrayAt array: JSONNode) throws(SignalError) -> JSONNode {
        var found: JSONNode?
        try parseElements(ofArrayAt: array.offset, prefix: pathPrefix + path(to: array.offset)) { k, element in
            if k == index { found = element }
            return k < index
        }
        guard let found else { throw error("no element \(index) in the array", at: array) }
        return found
    }

    /// Parses the elements of the array whose `[` is at byte `offset` again from the bytes, in
    /// order, handing each with its index to `visit` until it returns false or the array ends.
    /// `prefix` is the array's path, which a syntax error's path starts with.
    private func parseElements(ofArrayAt offset: Int, prefix: [JSONPathComponent],
                               _ visit: (Int, JSONNode) throws(SignalError) -> Bool) throws(SignalError) {
        let result: Result<Void, SignalError> = data.withUnsafeBytes { raw in
            var parser = JSONParser(bytes: raw.bindMemory(to: UInt8.self))
            parser.i = offset + 1  // after [
            parser.path = prefix
            var index = 0
            do throws(SignalError) {
                while true {
                    parser.skipWhitespace()
                    guard parser.i < parser.bytes.count, parser.bytes[parser.i] != UInt8(ascii: "]") else { break }
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
                    guard try visit(index, element) else { break }
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
