import Foundation
import Testing
import Analysis
@testable import IncidentModel
@testable import Review

/// Numbers in the narrative read against the recomputed figures: small narratives whose numbers
/// are known right or wrong, in prose, tables and lists, and numbers that must stay untied.
@Suite struct NarrativeNumbersTests {
    static let path = "incidents/2026-03-12-checkout-p99/postmortem.md"

    /// The fixture of the rule tests with the checkout figures that the narratives below cite.
    static func fixture(_ extra: [Figure] = []) -> RuleFixture {
        var f = RuleFixture()
        f.manifest.frameGroups = [
            FrameGroup(name: "gc", frames: ["runtime.scanobject", "runtime.mallocgc"], location: RuleFixture.statusLocation),
            FrameGroup(name: "json_marshal", frames: ["encoding/json.Marshal"], location: RuleFixture.statusLocation),
        ]
        f.manifest.deploys = [DeployRecord(at: RuleFixture.time("10:31"), service: "inventory-service", version: "v2.14.0",
                                           suspected: true, location: RuleFixture.statusLocation)]
        for (name, value) in [
            ("latency.p99.baseline", "240ms"), ("latency.p99.peak", "1.4s"), ("latency.p99.after", "235ms"),
            ("profile.gc.baseline", "6%"), ("profile.gc.incident", "31%"), ("alert.burn_rate", "15.2x"),
            ("amdahl.share", "55.1%"), ("amdahl.speedup", "2.23x"), ("amdahl.projected_p99", "629ms"),
            ("payload.median.baseline", "8KB"), ("payload.median.incident", "85.2KB"), ("onset.before_alert", "16min"),
            ("budget.consumed", "5.3%"),
        ] {
            f.recompute(RuleFixture.figure(name, value))
        }
        f.figures += extra
        return f
    }

    static func check(_ text: String, _ f: RuleFixture = fixture()) -> [Diagnostic] {
        var context = f.context
        context.narrative = FilledNarrative(text, figures: f.figures, path: path)
        return NarrativeNumbers.check(context)
    }

    static func read(_ text: String, _ f: RuleFixture = fixture()) -> [NarrativeReading] {
        NarrativeNumbers.read(text, manifest: f.manifest, findings: f.context.findings)
    }

    @Test func proseNumbersThatAgreeAreTiedAndQuiet() throws {
        let text = "The p99 rose from 240 ms to 1.4 s. After the rollback the p99 came back to 235 ms.\n"
        #expect(Self.check(text).isEmpty)
        let readings = Self.read(text)
        #expect(readings.map(\.text) == ["240 ms", "1.4 s", "235 ms"])
        #expect(readings.allSatisfy { $0.tie?.agrees == true })
        #expect(readings.map { $0.tie?.closest } == ["latency.p99.baseline", "latency.p99.peak", "latency.p99.after"])
    }

    @Test func aWrongPeakInProseIsAMismatchAtItsLineAndColumn() throws {
        let found = Self.check("# Impact\n\nThe p99 rose from 240 ms to 1820 ms.\n")
        #expect(found.count == 1)
        let d = try #require(found.first)
        #expect(d.rule == "narrative-mismatch")
        #expect(d.location.line == 3 && d.location.column == 29)
        #expect(d.message == "`1820 ms` reads as p99 latency (cued by “p99”), but latency.p99.peak is 1.40 s from "
            + "signals/checkout-latency.prom.json (allowed ±70 ms)")
    }

    @Test func theSameSentenceAgreesWhenTheDataSaysSo() {
        // Changing the data changes the verdict: with a 1.82 s peak the number is right.
        var f = Self.fixture()
        f.figures.removeAll { $0.name == "latency.p99.peak" }
        f.recompute(RuleFixture.figure("latency.p99.peak", "1.82s"))
        #expect(Self.check("The p99 rose from 240 ms to 1820 ms.\n", f).isEmpty)
    }

    @Test func aTableCellIsTiedByItsRowAndColumnHeaders() throws {
        let text = """
            | Figure | before | during |
            | --- | --- | --- |
            | p99 (peak) | 240 ms | 2.42 s |
            | GC share | 6% | 31% |

            """
        let found = Self.check(text)
        #expect(found.map(\.location.line) == [3])
        #expect(found.first?.location.column == 25)
        #expect(found.first?.message.hasPrefix("`2.42 s` reads as p99 latency") == true)
        let gc = Self.read(text).filter { $0.text.hasSuffix("%") }
        #expect(gc.map { $0.tie?.closest } == ["profile.gc.baseline", "profile.gc.incident"])
    }

    @Test func aListItemIsReadLikeProse() {
        #expect(Self.check("- GC frames went from 6% to 31% of CPU.\n").isEmpty)
        let found = Self.check("- GC frames went from 6% to 40% of CPU.\n")
        #expect(found.map(\.rule) == ["narrative-mismatch"])
        #expect(found.first?.location.column == 29)
    }

    @Test(arguments: [
        "We upgraded the client to version 2.14.0 last week.",
        "Four engineers worked on it; an estimated 4 to 8 hours without profiles.",
        "It would have taken 3–8 hours to find without traces.",
        "The gate rejects any response over 64 KB.",
        "The p99 was back to normal within 5 minutes.",
        "It spent 5.3% of the budget, not 11%.",
        "Check the deploys of the last 2 hours.",
        "The on-call was paged 3 times.",
        "The p99 stayed above 750 ms for 15 minutes before the alert.",
        "It paged twenty minutes after the p99 had started to climb.",
        "Our code `p99 = 1820ms` is in the runbook.",
        "The dashboard showed {{latency.p99.peak}} at the peak.",
    ])
    func numbersThatTieToNothingAreNotErrors(sentence: String) {
        #expect(Self.check(sentence + "\n").isEmpty, "\(Self.read(sentence + "\n"))")
    }

    @Test func untiedNumbersSayWhy() {
        let readings = Self.read("Any response over 64 KB is rejected; 4 to 8 hours without traces; 12 engineers.\n")
        #expect(readings.map(\.untied) == [
            "a bound, not a measurement", "an estimate or span of values", "an estimate or span of values",
            "no subject of its kind (count) in its clause",
        ])
    }

    @Test func budgetOverTimeIsABurnRate() throws {
        let found = Self.check("The page said: burn rate 14x, 12 hours of error budget consumed in 6 hours.\n")
        let arithmetic = found.filter { $0.rule == "narrative-arithmetic" }
        #expect(arithmetic.count == 1)
        #expect(arithmetic.first?.message == "the burn rate `14x` does not match “12 hours of budget in 6 hours” in the "
            + "same sentence, which is a burn rate of 2.00x; the data gives 15.2x at the alert")
        // 2x matches 12 h in 6 h; only the data (15.2x) disagrees with it.
        let consistent = Self.check("The page said: burn rate 2x, 12 hours of error budget consumed in 6 hours.\n")
        #expect(consistent.map(\.rule) == ["narrative-mismatch"])
    }

    @Test func aBurnForAWhileSpendsItsShareOfTheBudget() {
        let f = Self.fixture([RuleFixture.figure("burn.incident", "40x")])
        let wrong = Self.check("Burning at 40x for 40 minutes consumed 11% of the 30-day budget.\n", f)
        #expect(wrong.filter { $0.rule == "narrative-arithmetic" }.map(\.message) == [
            "`11%` of the budget does not follow from a burn rate of 40x for 40 minutes: 40x × 40 minutes / 30.0 d is 3.7%",
        ])
        let right = Self.check("Burning at 40x for 40 minutes is 3.7% of a 30-day budget, not 11%.\n", f)
        #expect(right.filter { $0.rule == "narrative-arithmetic" }.isEmpty)
    }

    @Test func amdahlsBoundFollowsFromTheShare() {
        let found = Self.check("Removing the combined 38% share would make requests at most 2.6x faster.\n")
        #expect(found.filter { $0.rule == "narrative-arithmetic" }.map(\.message) == [
            "removing a share of 38% gives a best speedup of 1 / (1 − 38%) = 1.61x, not 2.6x",
        ])
        #expect(Self.check("Amdahl on the combined frames (55%): at most 2.2x faster.\n").isEmpty)
    }

    @Test func clockTimesTieToTheTimeline() {
        #expect(Self.check("The alert paged the on-call at 10:47 UTC.\n").isEmpty)
        #expect(Self.check("inventory-service rolled out at 10:31 am.\n").isEmpty)
        let found = Self.check("The alert paged the on-call at 10:31.\n")
        #expect(found.map(\.message) == [
            "`10:31` reads as the alert time (cued by “alert”), but timeline.alert is 10:47 UTC from incident.yaml timeline (alert)",
        ])
        #expect(Self.check("The alert paged the on-call at 10:31 PST.\n").isEmpty)
    }

    @Test func roughNumbersGetAWiderTolerance() {
        #expect(Self.check("It started about 20 minutes before the alert.\n").isEmpty)
        #expect(Self.check("It started approximately two hours before the alert.\n").map(\.rule) == ["narrative-mismatch"])
    }

    @Test func noDeploysInTheLastHourIsACountOfZero() {
        let f = Self.fixture([RuleFixture.figure("deploys.hour_before_alert", "3"),
                              RuleFixture.figure("deploys.hour_before_alert.own", "0")])
        #expect(Self.check("There were no checkout deploys in the last hour.\n", f).isEmpty)
        #expect(Self.check("No deploys in the last hour.\n", f).map(\.rule) == ["narrative-mismatch"])
    }

    @Test func aClaimsBlockIsDraftedFromTheTiedNumbers() {
        let readings = Self.read("The p99 rose from 240 ms to 1820 ms.\n")
        #expect(NarrativeReport.claimsBlock(readings) == """
            claims:
              - {figure: latency.p99.baseline, value: 240ms, source: "The p99 rose from 240 ms to 1820 ms."}
                # postmortem.md:1:19
              - {figure: latency.p99.peak, value: 1.82s, source: "The p99 rose from 240 ms to 1820 ms."}
                # postmortem.md:1:29, the data gives 1.40 s

            """)
    }
}
