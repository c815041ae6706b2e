// The tree a parsed JSON document is: nodes that know their byte offset, and paths into it.

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
