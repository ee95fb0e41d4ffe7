import Foundation

/// ISO dates (`yyyy-MM-dd`, UTC) of `count` consecutive days from `year`-`month`-`day`: the
/// date column of the hand-built `sales.csv` fixtures.
func isoDays(from year: Int, _ month: Int, _ day: Int, count: Int) -> [String] {
    let f = DateFormatter()
    f.locale = Locale(identifier: "en_US_POSIX")
    f.timeZone = TimeZone(identifier: "UTC")
    f.dateFormat = "yyyy-MM-dd"
    let start = DateComponents(calendar: Calendar(identifier: .gregorian), timeZone: TimeZone(identifier: "UTC"),
                               year: year, month: month, day: day).date!
    return (0..<count).map { f.string(from: start.addingTimeInterval(Double($0) * 86_400)) }
}
