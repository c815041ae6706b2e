/// `text` in double quotes as C-like languages write strings (PromQL, JSON): `\` and `"`
/// backslash-escaped; line feed, carriage return and tab as `\n`, `\r`, `\t`. Each other C0
/// control character and DEL (U+0000–U+001F, U+007F) is written as `control` returns it, or
/// kept as it is when that returns nil: the notations differ (PromQL `\xHH`, JSON `\uHHHH`).
public func backslashQuoted(_ text: String, control: (Unicode.Scalar) -> String?) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\\": out += "\\\\"
        case "\"": out += "\\\""
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if scalar.value < 0x20 || scalar.value == 0x7F, let escaped = control(scalar) {
                out += escaped
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}

/// `text` as a JSON string literal (RFC 8259 §7): ``backslashQuoted(_:control:)`` with the other
/// C0 controls as `\uHHHH` (lowercase hex); DEL and everything above U+001F are kept as they are.
public func jsonQuoted(_ text: String) -> String {
    backslashQuoted(text) { u in
        guard u.value < 0x20 else { return nil }
        let hex = String(u.value, radix: 16)
        return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    }
}

/// `text` as a JSON string literal that is also safe inside an HTML `<script>` and on one line of
/// JavaScript, as Go's `encoding/json` writes strings: ``jsonQuoted(_:)``, with `<`, `>`, `&`,
/// U+2028 and U+2029 as `\uHHHH` escapes too, so no text can close a `<script>` element nor end a
/// line inside a JavaScript string. Prometheus' answers are written this way, and so is the site's
/// search index.
public func scriptSafeJSONQuoted(_ text: String) -> String {
    var out = String.UnicodeScalarView()
    for scalar in jsonQuoted(text).unicodeScalars {
        switch scalar {
        case "<": out.append(contentsOf: #"\u003c"#.unicodeScalars)
        case ">": out.append(contentsOf: #"\u003e"#.unicodeScalars)
        case "&": out.append(contentsOf: #"\u0026"#.unicodeScalars)
        case "\u{2028}": out.append(contentsOf: #"\u2028"#.unicodeScalars)
        case "\u{2029}": out.append(contentsOf: #"\u2029"#.unicodeScalars)
        default: out.append(scalar)
        }
    }
    return String(out)
}
