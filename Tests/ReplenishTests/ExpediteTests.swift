import Testing
@testable import Replenish

/// Out-of-cycle orders: the case — 0 on hand, weekly review, a 3-day lead time, and
/// tonight not a review night.
@Suite("Expedite")
struct ExpediteTests {
    func weekly(onHand: Double, nextReview: Int, allowed: Bool = true) -> ReplenishmentInput {
        var input = flatInput(onHand: onHand, mean: 10, sd: 3, lead: 3, review: 7)
        input.reviewsTonight = false
        input.daysToNextReview = nextReview
        input.expediteAllowed = allowed
        return input
    }

    /// Out of stock tonight (day 0); an order placed at the review in 4 nights arrives on day
    /// 4 + 3 = 7: order tonight, the same quantity a review night would order.
    @Test func anItemThatRunsOutBeforeTheNextReviewsOrderOrdersTonight() {
        let d = ReplenishmentPolicy.decide(weekly(onHand: 0, nextReview: 4))
        #expect(d.reason == "expedite")
        var review = weekly(onHand: 0, nextReview: 4)
        review.reviewsTonight = true
        review.daysToNextReview = 0
        let onReview = ReplenishmentPolicy.decide(review)
        #expect(d.quantity == onReview.quantity && d.quantity > 0)
        #expect(d.stockoutBeforeArrival)  // the exception stays: out before even tonight's order arrives
    }

    @Test func notWhenTheSupplierTakesNoSuchOrders() {
        let d = ReplenishmentPolicy.decide(weekly(onHand: 0, nextReview: 4, allowed: false))
        #expect(d.reason == "below_reorder_point_next_review" && d.quantity == 0)
    }

    /// 75 units last 7.5 days at 10 a day: below the reorder point, but the review in 2 nights
    /// orders in time (arrives day 5, stock lasts to day 7): wait for it.
    @Test func notWhenTheNextReviewsOrderArrivesInTime() {
        let d = ReplenishmentPolicy.decide(weekly(onHand: 75, nextReview: 2))
        #expect(d.reorderPoint > 75)
        #expect(d.reason == "below_reorder_point_next_review" && d.quantity == 0)
        // With the review 6 nights away its order would arrive on day 9, after the stock-out on day 7.
        let late = ReplenishmentPolicy.decide(weekly(onHand: 75, nextReview: 6))
        #expect(late.reason == "expedite" && late.quantity > 0)
    }
}
