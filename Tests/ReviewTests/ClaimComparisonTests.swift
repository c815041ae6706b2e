import Testing
import Analysis
@testable import IncidentModel
@testable import Review

@Suite struct ClaimComparisonTests {
    func claim(_ name: String, _ text: String, tolerance: String? = nil) -> Claim {
        Claim(figure: name, value: Quantity(parsing: text)!, tolerance: tolerance.flatMap(Quantity.init(parsing:)),
              location: SourceLocation(file: "incident.yaml", line: 7))
    }

    func figure(_ name: String, _ value: Double, _ dimension: Quantity.Dimension) -> Figure {
        Figure(name: name, value: Quantity(value, dimension), source: "signals/x", meaning: "")
    }

    @Test(arguments: [
        ("240ms", 0.2395, ClaimComparison.Verdict.matches),   // 0.2% off
        ("1.4s", 1.44, .matches),                              // 2.8% off, within 5%
        ("1820ms", 1.40, .differs),                            // 30% off
        ("14x", 46.0, .differs),
    ])
    func defaultToleranceIsFivePercentOfTheRecomputedValue(claimed: String, actual: Double, verdict: ClaimComparison.Verdict) {
        let isRatio = claimed.hasSuffix("x")
        let c = ClaimComparison.compare(claim("f", claimed), figure("f", actual, isRatio ? .ratio : .duration))
        #expect(c.verdict == verdict)
    }

    @Test func sharesAllowOneAndAHalfPoints() {
        #expect(ClaimComparison.compare(claim("s", "31%"), figure("s", 0.322, .fraction)).verdict == .matches)
        #expect(ClaimComparison.compare(claim("s", "31%"), figure("s", 0.33, .fraction)).verdict == .differs)
    }

    @Test func countsMustBeExact() {
        #expect(ClaimComparison.compare(claim("n", "0"), figure("n", 2, .count)).verdict == .differs)
        #expect(ClaimComparison.compare(claim("n", "2"), figure("n", 2, .count)).verdict == .matches)
    }

    @Test func claimToleranceOverridesTheDefault() {
        #expect(ClaimComparison.compare(claim("d", "636ms", tolerance: "1%"), figure("d", 0.63, .duration)).verdict == .matches)
        #expect(ClaimComparison.compare(claim("d", "636ms", tolerance: "0.1%"), figure("d", 0.63, .duration)).verdict == .differs)
        #expect(ClaimComparison.compare(claim("d", "636ms", tolerance: "10ms"), figure("d", 0.63, .duration)).verdict == .matches)
    }

    @Test func missingFigureAndWrongUnitAreSaidSo() {
        #expect(ClaimComparison.compare(claim("x", "1s"), nil).verdict == .notRecomputed)
        #expect(ClaimComparison.compare(claim("x", "1s"), figure("x", 1, .bytes)).verdict == .wrongUnit)
    }

    @Test func ratioIsRecomputedOverClaimed() {
        let c = ClaimComparison.compare(claim("b", "14x"), figure("b", 42, .ratio))
        #expect(c.ratio == 3)
    }
}
