import Foundation
import RestockData
@testable import RestockSettings
import Testing

/// Review nights without a supplier calendar: the sku's hash, or the policy rule's `order_weekday`.
@Suite struct ReviewPhaseTests {
    /// 2024-04-29 is a Monday: a night whose order is dated Tuesday 2024-04-30.
    let monday = Day(year: 2024, month: 4, day: 29)

    @Test func anOrderWeekdayReviewsOnTheNightBeforeIt() {
        #expect(monday.weekday == 0)
        // Orders dated Tuesday: reviewed Monday nights, every 7 nights.
        #expect(ReviewCalendar.daysToReview(from: monday, reviewDays: 7, sku: "A", orderWeekday: 1) == 0)
        #expect(ReviewCalendar.daysToReview(from: monday.adding(1), reviewDays: 7, sku: "A", orderWeekday: 1) == 6)
        // Orders dated Friday: Thursday night, 3 nights on; the sku does not matter.
        for sku in ["A", "B", "SKU00042"] {
            #expect(ReviewCalendar.daysToReview(from: monday, reviewDays: 7, sku: sku, orderWeekday: 4) == 3)
        }
        // Every 14 nights: every other Thursday night, each one's order dated a Friday.
        let nights = (0..<56).filter { ReviewCalendar.reviews(on: monday.adding($0), reviewDays: 14, sku: "A", orderWeekday: 4) }
        #expect(nights.count == 4 && zip(nights, nights.dropFirst()).allSatisfy { $1 - $0 == 14 })
        #expect(nights.allSatisfy { monday.adding($0 + 1).weekday == 4 })
        // Daily review ignores it.
        #expect(ReviewCalendar.daysToReview(from: monday, reviewDays: 1, sku: "A", orderWeekday: 4) == 0)
    }

    @Test func withoutOneTheSkusHashStaggersTheWeek() {
        // FNV-1a of the sku modulo 7, as before the setting existed.
        func fnv(_ s: String) -> Int {
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
            return Int(h % 7)
        }
        var phases = Set<Int>()
        for sku in (0..<20).map({ "SKU\($0)" }) {
            let wait = ReviewCalendar.daysToReview(from: monday, reviewDays: 7, sku: sku)
            let r = Int(monday.rawValue) % 7
            #expect(wait == (fnv(sku) - r + 7) % 7)
            phases.insert((r + wait) % 7)
        }
        #expect(phases.count > 3)
    }

    @Test func policyRulesSetIt() throws {
        let dir = NSTemporaryDirectory() + "restock-phase-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "[policy]\norder_weekday = \"tue\"\n[policy.category.dairy]\norder_weekday = \"Thursday\"\n[policy.sku.X]\norder_weekday = \"sun\"\n"
            .write(toFile: dir + "/c.toml", atomically: true, encoding: .utf8)
        let c = try RestockConfig.load(path: dir + "/c.toml")
        #expect(c.policy.orderWeekday(sku: "A", category: nil) == 1)
        #expect(c.policy.orderWeekday(sku: "A", category: "dairy") == 3)
        #expect(c.policy.orderWeekday(sku: "X", category: "dairy") == 6)
        #expect(c.fingerprint.contains("order_weekday=tue") && c.fingerprint.contains("sku:X.order_weekday=sun"))
        #expect(!RestockConfig().fingerprint.contains("order_weekday"))
        try "horizon = 28\n[policy]\norder_weekday = \"mon,thu\"\n".write(toFile: dir + "/bad.toml", atomically: true, encoding: .utf8)
        do {
            _ = try RestockConfig.load(path: dir + "/bad.toml")
            Issue.record("two weekdays accepted")
        } catch let e as RestockError {
            #expect(e.status == .usage && e.message.contains("bad.toml:3: ") && e.message.contains("order_weekday"), "\(e.message)")
        }
    }
}
