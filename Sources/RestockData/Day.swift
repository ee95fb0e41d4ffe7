/// A calendar day, counted in days since 1970-01-01 (proleptic Gregorian, no time zone).
///
/// Dates in every contract file are ISO 8601 `YYYY-MM-DD`; `Day` is how they travel through
/// restock: a 32-bit integer, so a series' history is a plain array indexed by day offset.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before it).
    public var rawValue: Int32

    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// The day for a civil date. `month` in 1...12, `day` in 1...31 (not checked here).
    /// Algorithm: H. Hinnant, "chrono-Compatible Low-Level Date Algorithms", days_from_civil.
    public init(year: Int, month: Int, day: Int) {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        rawValue = Int32(era * 146097 + doe - 719468)
    }

    /// The civil date (year, month 1...12, day 1...31). Hinnant's civil_from_days.
    public var civil: (year: Int, month: Int, day: Int) {
        let z = Int(rawValue) + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }

    /// Day of week, 0 = Monday ... 6 = Sunday (ISO 8601 order).
    public var weekday: Int {
        let r = (Int(rawValue) + 3) % 7  // 1970-01-01 was a Thursday
        return r < 0 ? r + 7 : r
    }

    /// Day of the year, 1...366.
    public var dayOfYear: Int {
        let c = civil
        return Int(rawValue - Day(year: c.year, month: 1, day: 1).rawValue) + 1
    }

    public func adding(_ days: Int) -> Day { Day(rawValue: rawValue + Int32(days)) }

    /// Whole days from `self` to `other` (positive when `other` is later).
    public func distance(to other: Day) -> Int { Int(other.rawValue - rawValue) }

    public static func < (a: Day, b: Day) -> Bool { a.rawValue < b.rawValue }

    /// `YYYY-MM-DD`.
    public var description: String {
        var bytes = [UInt8](repeating: 0, count: 10)
        writeISO(into: &bytes, at: 0)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Writes `YYYY-MM-DD` (10 bytes) at `offset`. Years outside 0...9999 are clamped.
    public func writeISO(into bytes: inout [UInt8], at offset: Int) {
        let c = civil
        let y = max(0, min(9999, c.year))
        bytes[offset] = UInt8(48 + y / 1000)
        bytes[offset + 1] = UInt8(48 + (y / 100) % 10)
        bytes[offset + 2] = UInt8(48 + (y / 10) % 10)
        bytes[offset + 3] = UInt8(48 + y % 10)
        bytes[offset + 4] = 45
        bytes[offset + 5] = UInt8(48 + c.month / 10)
        bytes[offset + 6] = UInt8(48 + c.month % 10)
        bytes[offset + 7] = 45
        bytes[offset + 8] = UInt8(48 + c.day / 10)
        bytes[offset + 9] = UInt8(48 + c.day % 10)
    }

    /// Parses exactly `YYYY-MM-DD` (a real calendar date) from bytes; nil otherwise.
    public static func parse(_ field: UnsafeRawBufferPointer) -> Day? {
        guard field.count == 10, field[4] == 45, field[7] == 45 else { return nil }
        @inline(__always) func digit(_ i: Int) -> Int? {
            let b = field[i]
            return (b >= 48 && b <= 57) ? Int(b - 48) : nil
        }
        guard let y0 = digit(0), let y1 = digit(1), let y2 = digit(2), let y3 = digit(3),
              let m0 = digit(5), let m1 = digit(6), let d0 = digit(8), let d1 = digit(9) else { return nil }
        let year = y0 * 1000 + y1 * 100 + y2 * 10 + y3
        let month = m0 * 10 + m1
        let day = d0 * 10 + d1
        guard month >= 1, month <= 12, day >= 1, day <= Day.daysIn(month: month, year: year) else { return nil }
        return Day(year: year, month: month, day: day)
    }

    /// Parses `YYYY-MM-DD` from a string; nil when it is not a real date.
    public static func parse(_ text: String) -> Day? {
        var s = text
        return s.withUTF8 { Day.parse(UnsafeRawBufferPointer($0)) }
    }

    /// Days in a month of the Gregorian calendar.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
