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
