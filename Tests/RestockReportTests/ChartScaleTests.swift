import Testing
import RestockData
@testable import RestockReport

@Suite struct ChartScaleTests {
    @Test func niceTicksUseOneTwoFiveSteps() {
        let a = NiceTicks(covering: 0, 37)
        #expect(a.step == 10)
        #expect(a.values == [0, 10, 20, 30, 40])
        let b = NiceTicks(covering: 0, 0.83)
        #expect(b.step == 0.2)
        #expect(b.values.map(b.label) == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
        let c = NiceTicks(covering: -12, 48)
        #expect(c.step == 20)
        #expect(c.low == -20 && c.high == 60)
        let d = NiceTicks(covering: 0, 123_456)
        #expect(d.step == 50_000)
        #expect(d.label(50_000) == "50k")
    }

    @Test func niceTicksRepairDegenerateInput() {
        #expect(NiceTicks(covering: 0, 0).values.first == 0)
        #expect(NiceTicks(covering: 0, 0).high == 1)
        #expect(NiceTicks(covering: .nan, .infinity).values.allSatisfy { $0.isFinite })
        #expect(NiceTicks(covering: 5, 5).values.count >= 2)
        #expect(NiceTicks(covering: 10, -10).low == -10)
    }

    @Test func linearScaleNeverReturnsNonFinite() {
        let s = LinearScale(domain: (3, 3), range: (0, 100))
        #expect(s(3) == 0)
        #expect(s(.nan).isFinite)
        #expect(LinearScale(domain: (.nan, .infinity), range: (0, 10))(1).isFinite)
    }

    @Test func dateTicksAreWeeklyMondaysForAQuarter() {
        let first = Day(year: 2024, month: 10, day: 8), last = Day(year: 2025, month: 1, day: 27)
        let ticks = DateTicks(from: first, through: last)
        #expect(ticks.stepDays == 14)
        #expect(ticks.days.allSatisfy { $0.weekday == 0 })
        #expect(ticks.days.first == Day(year: 2024, month: 10, day: 14))
        #expect(ticks.label(ticks.days[0]) == "10-14")
        let short = DateTicks(from: first, through: first.adding(30))
        #expect(short.stepDays == 7)
        #expect(short.days.count == 4)
    }

    @Test func dateTicksAreMonthlyForLongSpans() {
        let ticks = DateTicks(from: Day(year: 2023, month: 1, day: 15), through: Day(year: 2024, month: 12, day: 31))
        #expect(ticks.stepMonths == 2)
        #expect(ticks.days.first == Day(year: 2023, month: 3, day: 1))
        #expect(ticks.days.allSatisfy { $0.civil.day == 1 })
        #expect(ticks.label(ticks.days[0]) == "2023-03")
        #expect(DateTicks(from: Day(rawValue: 0), through: Day(rawValue: 0)).days == [Day(rawValue: 0)])
    }

    @Test func fixedDecimalsWithoutLocale() {
        #expect(NumberFormatting.fixed(1234.5678, 2) == "1234.57")
        #expect(NumberFormatting.fixed(-0.04, 1) == "0.0")
        #expect(NumberFormatting.fixed(-2.25, 1) == "-2.3")
        #expect(NumberFormatting.fixed(0.5, 0) == "1")
        #expect(NumberFormatting.fixed(7, 3) == "7.000")
        #expect(NumberFormatting.fixed(.nan, 1) == "0")
        #expect(NumberFormatting.fixed(-.infinity, 1) == "0")
        #expect(NumberFormatting.fixed(1e300, 0) == "1000000000000000")
        #expect(NumberFormatting.trimmed(80, maxDecimals: 1) == "80")
        #expect(NumberFormatting.trimmed(95.5, maxDecimals: 1) == "95.5")
        #expect(NumberFormatting.quantity(3.25) == "3.3")
        #expect(NumberFormatting.quantity(160) == "160")
    }

    @Test func escapingCoversMarkupQuotesAndControls() {
        #expect(HTMLEscaping.escape("<b>&\"'") == "&lt;b&gt;&amp;&quot;&#39;")
        #expect(HTMLEscaping.escape("a\u{0}b\tc") == "a\u{FFFD}b\tc")
        #expect(HTMLEscaping.escape("Größe −20 %") == "Größe −20 %")
    }

    @Test func labelRowsAvoidOverlap() {
        var rows = LabelRows(rows: 2)
        #expect(rows.place(left: 0, width: 50) == 0)
        #expect(rows.place(left: 30, width: 50) == 1)
        #expect(rows.place(left: 60, width: 20) == 0)
        #expect(rows.place(left: 61, width: 20) == 1)
        #expect(rows.place(left: 62, width: 20) == 1)  // all rows taken → last row
    }
}
