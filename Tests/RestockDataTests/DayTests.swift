import Testing
@testable import RestockData

@Suite("Day")
struct DayTests {
    @Test func roundTripEveryDay1900To2100() {
        let first = Day(year: 1900, month: 1, day: 1)
        let last = Day(year: 2100, month: 12, day: 31)
        #expect(first.distance(to: last) == 73_413)  // 201 years, 49 leap days (1900 and 2100 are not leap)
        var expected = (year: 1900, month: 1, day: 1)
        var mismatches = 0
        for raw in first.rawValue...last.rawValue {
            let d = Day(rawValue: raw)
            let c = d.civil
            if c != expected || Day(year: c.year, month: c.month, day: c.day) != d
                || Day.parse(d.description) != d { mismatches += 1 }
            // Advance the expected civil date by hand.
            expected.day += 1
            if expected.day > Day.daysIn(month: expected.month, year: expected.year) {
                expected.day = 1
                expected.month += 1
                if expected.month > 12 { expected.month = 1; expected.year += 1 }
            }
        }
        #expect(mismatches == 0)
    }

    @Test func knownValues() {
        #expect(Day(year: 1970, month: 1, day: 1).rawValue == 0)
        #expect(Day(year: 2000, month: 3, day: 1).rawValue == 11_017)
        #expect(Day(year: 1969, month: 12, day: 31).rawValue == -1)
        #expect(Day(rawValue: 19_723).description == "2024-01-01")
    }

    @Test func leapYears() {
        #expect(Day.parse("2024-02-29") != nil)
        #expect(Day.parse("2023-02-29") == nil)
        #expect(Day.parse("1900-02-29") == nil)
        #expect(Day.parse("2000-02-29") != nil)
        #expect(Day.parse("2100-02-29") == nil)
        #expect(Day.parse("2024-02-29")?.adding(1).description == "2024-03-01")
    }

    @Test func weekdays() {
        #expect(Day.parse("2024-01-01")?.weekday == 0)  // Monday
        #expect(Day.parse("2024-01-07")?.weekday == 6)  // Sunday
        #expect(Day(rawValue: 0).weekday == 3)  // 1970-01-01 was a Thursday
        #expect(Day.parse("1969-12-29")?.weekday == 0)  // a Monday before the epoch
    }

    @Test func dayOfYear() {
        #expect(Day.parse("2024-12-31")?.dayOfYear == 366)
        #expect(Day.parse("2023-12-31")?.dayOfYear == 365)
        #expect(Day.parse("2024-03-01")?.dayOfYear == 61)
    }

    @Test(arguments: ["2024-1-01", "2024-13-01", "2024/01/01", "2024-00-10", "2024-01-00", "2024-04-31",
                      "24-01-01", "2024-01-011", " 2024-01-01", "2024-01-0a", ""])
    func parseRejects(text: String) {
        #expect(Day.parse(text) == nil)
    }

    @Test func distanceAndOrder() {
        let a = Day.parse("2024-01-30")!, b = Day.parse("2024-03-02")!
        #expect(a.distance(to: b) == 32)
        #expect(b.distance(to: a) == -32)
        #expect(a < b)
    }
}
