import Testing
@testable import IncidentModel

/// PromQL label matchers: parsing (PromQL strings and escapes), matching (a missing label is the
/// empty string, regexes anchored at both ends) and RE2 syntax that ICU would read differently.
@Suite struct LabelMatcherTests {
    struct Row: Sendable, CustomTestStringConvertible {
        let selector: String
        let labels: [String: String]
        let matches: Bool
        var testDescription: String { "\(selector) on \(labels) is \(matches)" }
    }

    static let rows: [Row] = [
        Row(selector: #"code="500""#, labels: ["code": "500"], matches: true),
        Row(selector: #"code="500""#, labels: ["code": "5000"], matches: false),
        Row(selector: #"code!="200""#, labels: ["code": "500"], matches: true),
        Row(selector: #"code!="200""#, labels: [:], matches: true),
        Row(selector: #"code=~"5..""#, labels: ["code": "503"], matches: true),
        // Anchored: `5..` does not match a longer value or one with the digits elsewhere.
        Row(selector: #"code=~"5..""#, labels: ["code": "5030"], matches: false),
        Row(selector: #"code=~"5..""#, labels: ["code": "1503"], matches: false),
        Row(selector: #"code!~"2..""#, labels: ["code": "200"], matches: false),
        Row(selector: #"code!~"2..""#, labels: ["code": "404"], matches: true),
        // A missing label matches "" (so `=~".*"` and `=""` select it).
        Row(selector: #"code=~".*""#, labels: [:], matches: true),
        Row(selector: #"code="""#, labels: ["method": "GET"], matches: true),
        Row(selector: #"code=~".+""#, labels: [:], matches: false),
        // Alternation is anchored as a whole: `^(?:a|ab)$`.
        Row(selector: #"code=~"5|50""#, labels: ["code": "50"], matches: true),
        Row(selector: #"code=~"4..|5..", method!="GET""#, labels: ["code": "404", "method": "POST"], matches: true),
        Row(selector: #"code=~"4..|5..", method!="GET""#, labels: ["code": "404", "method": "GET"], matches: false),
        // Metric name prefix and braces.
        Row(selector: #"http_requests_total{code=~"5.."}"#, labels: ["__name__": "http_requests_total", "code": "500"], matches: true),
        Row(selector: #"http_requests_total{code=~"5.."}"#, labels: ["__name__": "http_errors_total", "code": "500"], matches: false),
        Row(selector: #"{code="500",}"#, labels: ["code": "500"], matches: true),
        Row(selector: "http_requests_total", labels: ["__name__": "http_requests_total"], matches: true),
        // PromQL strings: single quotes, backticks (raw), escapes.
        Row(selector: "path='/a\\'b'", labels: ["path": "/a'b"], matches: true),
        Row(selector: #"path=`a\d`"#, labels: ["path": #"a\d"#], matches: true),
        Row(selector: #"path="a\x41\u00e9""#, labels: ["path": "aAé"], matches: true),
        Row(selector: #"path=~"a\\.b""#, labels: ["path": "a.b"], matches: true),
        Row(selector: #"path=~"a\\.b""#, labels: ["path": "axb"], matches: false),
        // RE2's \d and [[:digit:]] are ASCII only; ICU's \d would take the Arabic-Indic digit.
        Row(selector: #"code=~"\\d\\d\\d""#, labels: ["code": "٥00"], matches: false),
        Row(selector: #"code=~"[[:digit:]]+""#, labels: ["code": "٥00"], matches: false),
        Row(selector: #"code=~"[[:digit:]]+""#, labels: ["code": "500"], matches: true),
        // `$` is the end of the text in RE2; ICU's `$` would also match before a final newline.
        Row(selector: #"v=~"a$""#, labels: ["v": "a\n"], matches: false),
        // `.` matches a newline (Prometheus 3 compiles `^(?s:re)$`).
        Row(selector: #"v=~"a.b""#, labels: ["v": "a\nb"], matches: true),
        // `[` and `&&` inside a class are literals in RE2 (ICU set operators otherwise).
        Row(selector: #"v=~"[a&&b]+""#, labels: ["v": "&a"], matches: true),
        Row(selector: #"v=~"[[x]+""#, labels: ["v": "[x"], matches: true),
        // A `{` that starts no repetition is a literal in RE2.
        Row(selector: #"v=~"a{,2}""#, labels: ["v": "a{,2}"], matches: true),
        Row(selector: #"v=~"a{2}""#, labels: ["v": "aa"], matches: true),
        // Flags, lazy repetition, named groups.
        Row(selector: #"v=~"(?i)get""#, labels: ["v": "GET"], matches: true),
        Row(selector: #"v=~"(?P<x>a+?)b""#, labels: ["v": "aab"], matches: true),
        Row(selector: #"v=~"\\bab""#, labels: ["v": "ab"], matches: true),
    ]

    @Test(arguments: rows)
    func matchesAsPrometheusDoes(_ row: Row) throws {
        let selector = try LabelSelector(parsing: row.selector)
        #expect(selector.matches(row.labels) == row.matches)
    }

    @Test func parsedMatchersKeepNameOperatorAndUnescapedValue() throws {
        let s = try LabelSelector(parsing: #"  http_requests_total { code =~ "5..", path!="/a\"b" } "#)
        #expect(s.matchers.map(\.name) == ["__name__", "code", "path"])
        #expect(s.matchers.map(\.op) == [.equal, .matchesRegex, .notEqual])
        #expect(s.matchers.map(\.value) == ["http_requests_total", "5..", #"/a"b"#])
        #expect(s.description == #"http_requests_total{code=~"5..", path!="/a\"b"}"#)
        // The description parses back to the same selector.
        #expect(try LabelSelector(parsing: s.description) == s)
    }

    struct Refusal: Sendable, CustomTestStringConvertible {
        let selector: String
        let messageContains: String
        var testDescription: String { selector }
    }

    static let refusals: [Refusal] = [
        Refusal(selector: "", messageContains: "no label matcher"),
        Refusal(selector: "{}", messageContains: "no label matcher"),
        Refusal(selector: #"code=500"#, messageContains: "quoted string"),
        Refusal(selector: #"code=="500""#, messageContains: "expected `=`"),
        Refusal(selector: #"code="500" method="GET""#, messageContains: "expected `,`"),
        Refusal(selector: #"{code="500""#, messageContains: "not closed"),
        Refusal(selector: #"code="5\q""#, messageContains: "unknown escape"),
        Refusal(selector: #"code="500"#, messageContains: "not closed"),
        Refusal(selector: #"code=~"(5""#, messageContains: "not closed"),
        Refusal(selector: #"code=~"(a)\\1""#, messageContains: "backreference"),
        Refusal(selector: #"code=~"a(?=b)""#, messageContains: "not RE2"),
        Refusal(selector: #"code=~"a(?<!b)""#, messageContains: "not RE2"),
        Refusal(selector: #"code=~"a*+""#, messageContains: "repetition of a repetition"),
        Refusal(selector: #"code=~"a**""#, messageContains: "repetition of a repetition"),
        Refusal(selector: #"code=~"*a""#, messageContains: "nothing to repeat"),
        Refusal(selector: #"code=~"(?U)a+""#, messageContains: "ungreedy"),
        Refusal(selector: #"code=~"(?x)a""#, messageContains: "not RE2"),
        Refusal(selector: #"code=~"a\\Z""#, messageContains: "not an RE2 escape"),
        Refusal(selector: #"code=~"[[:foo:]]""#, messageContains: "unknown class"),
    ]

    @Test(arguments: refusals)
    func refusesWhatItCannotHonourWithAReason(_ r: Refusal) {
        do {
            let s = try LabelSelector(parsing: r.selector)
            Issue.record("accepted \(r.selector) as \(s)")
        } catch {
            #expect(error.message.contains(r.messageContains), "\(error.message)")
        }
    }
}
