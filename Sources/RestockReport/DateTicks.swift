import RestockData

/// Calendar ticks for a date axis: daily, weekly (Mondays) or monthly (1st of the month),
/// whichever is the finest that keeps at most `maxCount` ticks on the span.
struct DateTicks {
    /// Tick days in increasing order, all within the span.
    var days: [Day]
    /// Days between ticks for daily/weekly ticks; 0 for monthly ticks.
    var stepDays: Int
    /// Months between ticks for monthly ticks; 0 otherwise.
    var stepMonths: Int

    /// Ticks for the inclusive span `first...last` (swapped when reversed).
    init(from first: Day, through last: Day, maxCount: Int = 14) {
        let lo = min(first, last), hi = max(first, last)
        let span = lo.distance(to: hi) + 1
        for step in [1, 2, 7, 14] where span / step <= maxCount {
            self.init(days: DateTicks.everyDays(step, from: lo, through: hi), stepDays: step, stepMonths: 0)
            return
        }
        for months in [1, 2, 3, 6, 12, 24, 60, 120] where span / (months * 30) <= maxCount {
            self.init(days: DateTicks.monthStarts(every: months, from: lo, through: hi), stepDays: 0, stepMonths: months)
            return
        }
        self.init(days: [lo], stepDays: 0, stepMonths: 0)
    }

    private init(days: [Day], stepDays: Int, stepMonths: Int) {
        self.days = days
        self.stepDays = stepDays
        self.stepMonths = stepMonths
    }

    /// Every `step` days from `lo`; steps of 7 or more start on the first Monday.
    private static func everyDays(_ step: Int, from lo: Day, through hi: Day) -> [Day] {
        var day = step >= 7 ? lo.adding((7 - lo.weekday) % 7) : lo
        var out: [Day] = []
        while day <= hi {
            out.append(day)
            day = day.adding(step)
        }
        return out
    }

    /// First days of months whose month index (year × 12 + month − 1) is a multiple of `every`.
    private static func monthStarts(every: Int, from lo: Day, through hi: Day) -> [Day] {
        let c = lo.civil
        var index = c.year * 12 + (c.month - 1)
        if c.day != 1 { index += 1 }
        index = ((index + every - 1) / every) * every
        var out: [Day] = []
        while true {
            let day = Day(year: index / 12, month: index % 12 + 1, day: 1)
            if day > hi { break }
            out.append(day)
            index += every
        }
        return out
    }

    /// Label for a tick: "MM-DD" for daily or weekly ticks, "YYYY-MM" for monthly ones.
    func label(_ day: Day) -> String {
        let text = day.description
        return stepMonths > 0 ? String(text.prefix(7)) : String(text.dropFirst(5))
    }
}
