/// A list of strings stored as one string, each piece as its UTF-8 length, `:` and its bytes
/// (`["ab", "", "c"]` is `2:ab0:1:c`): how the build cache keeps long lists (a search document's
/// terms, a bundle's diagnostics), since `JSONDecoder` spends about a microsecond on every array
/// element and a same-day rebuild decodes a few hundred per bundle.
public enum PackedStrings {
    public static func pack(_ pieces: [String]) -> String {
        var out = ""
        for piece in pieces {
            out += String(piece.utf8.count)
            out += ":"
            out += piece
        }
        return out
    }

    /// The pieces of `text`, or nil when it is not a packed list (a damaged or foreign entry).
    public static func unpack(_ text: String) -> [String]? {
        var text = text
        return text.withUTF8 { bytes -> [String]? in
            var pieces: [String] = []
            var i = 0
            let n = bytes.count
            while i < n {
                var length = 0, digits = 0
                while i < n, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") {
                    length = length * 10 + Int(bytes[i] - UInt8(ascii: "0"))
                    i += 1
                    digits += 1
                    if digits > 12 { return nil }
                }
                guard digits > 0, i < n, bytes[i] == UInt8(ascii: ":"), length <= n - i - 1 else { return nil }
                i += 1
                pieces.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[i..<(i + length)]), as: UTF8.self))
                i += length
            }
            return pieces
        }
    }
}
