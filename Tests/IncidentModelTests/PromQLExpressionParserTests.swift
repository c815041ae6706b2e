import Testing
@testable import IncidentModel

@Suite struct PromQLExpressionParserTests {
    /// The counts SLO specs write, read into their shapes.
    @Test func sumOfRateOverTheSlothPlaceholderIsOneCount() throws {
        let shape = try SLOSpecQuery.read(#"sum(rate(http_requests_total{job="api",code=~"5.."}[{{.window}}]))"#)
        guard case .counter(let term) = shape else { Issue.record("not a counter: \(shape)"); return }
        #expect(term.selector.description == #"http_requests_total{job="api", code=~"5.."}"#)
        #expect(term.grouping.isEmpty)
    }

    @Test(arguments: [
        #"sum by (service, method) (rate(x_total[5m]))"#,
        #"sum(rate(x_total[5m])) by (service, method)"#,
        #"sum by(service,method)(increase(x_total[1h30m]))"#,
    ])
    func sumByGroupsEitherSide(_ text: String) throws {
        guard case .counter(let term) = try SLOSpecQuery.read(text) else { Issue.record("not a counter"); return }
        #expect(term.grouping == ["service", "method"])
        #expect(term.selector.description == "x_total{}")
    }

    @Test func ratiosDifferencesAndComplementsAreRead() throws {
        let ratio = try SLOSpecQuery.read("sum(rate(a_total{code=~\"5..\"}[5m])) / sum(rate(a_total[5m]))")
        guard case .ratio(.counter, _) = ratio else { Issue.record("\(ratio)"); return }
        let difference = try SLOSpecQuery.read("(sum(rate(h_count[5m])) - sum(rate(h_bucket{le=\"0.4\"}[5m])))")
        guard case .difference = difference else { Issue.record("\(difference)"); return }
        let complement = try SLOSpecQuery.read("1 - (sum(rate(h_bucket{le=\"0.4\"}[5m])) / sum(rate(h_count[5m])))")
        guard case .complement(.ratio(.counter, _)) = complement else { Issue.record("\(complement)"); return }
    }

    /// Precedence follows Prometheus: `*` binds tighter than `-`, `^` is right-associative.
    @Test func binaryOperatorsBindByPrometheusPrecedence() throws {
        let e = try PromQLExpressionParser.parse("1 - 2 * 3 ^ 2 ^ 1")
        guard case .binary("-", _, let rhs, nil) = e.kind, case .binary("*", _, let power, nil) = rhs.kind,
              case .binary("^", _, let inner, nil) = power.kind, case .binary("^", _, _, nil) = inner.kind else {
            Issue.record("wrong tree: \(e)")
            return
        }
    }

    /// Each refusal names its construct and points at it (0-based offset into the query).
    @Test(arguments: [
        (#"sum(rate(x[5m] offset 1h))"#, "`offset`", 15),
        (#"histogram_quantile(0.99, sum(rate(x_bucket[5m])))"#, "the function `histogram_quantile`", 0),
        (#"avg(rate(x[5m]))"#, "the aggregation `avg`", 0),
        (#"sum without (instance) (rate(x[5m]))"#, "`sum without (…)`", 0),
        (#"sum(rate(x[5m])) * 2"#, "the operator `*`", 17),
        (#"sum(rate(x[5m])) / on(job) sum(rate(y[5m]))"#, "vector matching (`on(job)`)", 17),
        (#"sum(rate(x[5m:1m]))"#, "subquery", 10),
        (#"sum(rate(x[{{.interval}}]))"#, "`{{.interval}}`", 10),
        (#"sum(irate(x[5m]))"#, "the function `irate`", 4),
        (#"rate(x[5m]) / rate(y[5m])"#, "must be summed", 0),
        (#"sum(rate(x{code=~"5(?=0)."}[5m]))"#, "not RE2 syntax", 19),
    ])
    func unsupportedConstructsAreNamedWhereTheyStand(_ text: String, _ named: String, _ offset: Int) {
        #expect(throws: SLOSpecQueryError.self) { try SLOSpecQuery.read(text) }
        do {
            _ = try SLOSpecQuery.read(text)
        } catch {
            #expect(error.message.contains(named), "\(error.message)")
            #expect(error.offset == offset, "\(error.message) at \(error.offset)")
        }
    }

    @Test(arguments: [("5m", 300.0), ("1h30m", 5_400), ("4w", 2_419_200), ("2w", 1_209_600), ("30d", 2_592_000), ("1y", 31_536_000), ("500ms", 0.5), ("9d", 777_600)])
    func prometheusDurationsParseAndPrint(_ text: String, _ seconds: Double) {
        #expect(PrometheusDuration.seconds(text) == seconds)
        #expect(PrometheusDuration.text(seconds) == text)
    }

    /// Prometheus prints years and weeks only when they divide the whole: 367 days is `367d`.
    @Test func yearsAndWeeksArePrintedOnlyWhenExact() {
        #expect(PrometheusDuration.seconds("1y2d") == 31_708_800)
        #expect(PrometheusDuration.text(31_708_800) == "367d")
        #expect(PrometheusDuration.text(15 * 86_400) == "15d")
        // Past an Int64 of milliseconds (an SLO window of 1e300 s is legal in a manifest): seconds.
        #expect(PrometheusDuration.text(1e300) == "1e+300s")
    }

    @Test(arguments: ["", "5", "1.5h", "5m1h", "1h1h", "5 m", "-5m"])
    func malformedDurationsAreRefused(_ text: String) {
        #expect(PrometheusDuration.seconds(text) == nil)
    }
}
