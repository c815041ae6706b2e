import Foundation

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
