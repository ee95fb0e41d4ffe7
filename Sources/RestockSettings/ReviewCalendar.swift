import RestockData

/// Which nights an item is reviewed. An item with `review_days` R is reviewed every R nights,
/// on the nights whose day number (days since 1970-01-01) ≡ phase (mod R), where the phase is
/// a stable hash (FNV-1a) of the sku, so that weekly items spread over the week instead of all
/// ordering on the same night. R = 1 reviews every night.
package enum ReviewCalendar {
    package static func reviews(on night: Day, reviewDays: Int, sku: String) -> Bool {
        daysToReview(from: night, reviewDays: reviewDays, sku: sku) == 0
    }

    /// Nights from `night` to the item's next review night: 0 when `night` is one, else
    /// 1 … reviewDays − 1.
    package static func daysToReview(from night: Day, reviewDays: Int, sku: String) -> Int {
        guard reviewDays > 1 else { return 0 }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in sku.utf8 { hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3 }
        let phase = Int(hash % UInt64(reviewDays))
        var r = Int(night.rawValue) % reviewDays
        if r < 0 { r += reviewDays }
        return (phase - r + reviewDays) % reviewDays
    }
}
