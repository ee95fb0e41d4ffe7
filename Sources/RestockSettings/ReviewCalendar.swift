import RestockData

/// Which nights an item is reviewed. An item with `review_days` R is reviewed every R nights,
/// on the nights whose day number (days since 1970-01-01) ≡ phase (mod R). The phase is set by
/// the item's policy rule `order_weekday` when it has one — the nights before order dates d with
/// d ≡ the first such weekday on or after 1970-01-01 (mod R), so every review's order is dated
/// that weekday when R is a multiple of 7 — and otherwise is a stable hash (FNV-1a) of the sku,
/// so that weekly items spread over the week instead of all ordering on the same night.
/// R = 1 reviews every night.
package enum ReviewCalendar {
    package static func reviews(on night: Day, reviewDays: Int, sku: String, orderWeekday: Int? = nil) -> Bool {
        daysToReview(from: night, reviewDays: reviewDays, sku: sku, orderWeekday: orderWeekday) == 0
    }

    /// Nights from `night` to the item's next review night: 0 when `night` is one, else
    /// 1 … reviewDays − 1. `orderWeekday`: 0 Monday … 6 Sunday, nil = the sku's hash.
    package static func daysToReview(from night: Day, reviewDays: Int, sku: String, orderWeekday: Int? = nil) -> Int {
        guard reviewDays > 1 else { return 0 }
        let phase = self.phase(reviewDays: reviewDays, sku: sku, orderWeekday: orderWeekday)
        var r = Int(night.rawValue) % reviewDays
        if r < 0 { r += reviewDays }
        return (phase - r + reviewDays) % reviewDays
    }

    /// The review nights' day number modulo `reviewDays` (≥ 2).
    static func phase(reviewDays: Int, sku: String, orderWeekday: Int?) -> Int {
        if let w = orderWeekday {
            // Day 0 (1970-01-01) is a Thursday (weekday 3); the review night is the day before.
            let firstOrderDay = ((w - 3) % 7 + 7) % 7
            return ((firstOrderDay - 1) % reviewDays + reviewDays) % reviewDays
        }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in sku.utf8 { hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3 }
        return Int(hash % UInt64(reviewDays))
    }
}
