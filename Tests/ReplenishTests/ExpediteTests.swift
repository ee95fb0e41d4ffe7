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

    /// The wait at the service asked for (``WaitCover``): review in 2 nights, so the next order
    /// arrives on day 2 + 1 + 3 = 6 and the stock must last days 1…5: D_W = 50, σ_W = σ_P·√(D_W/D_P)
    /// = 3·√10·√(50/100) = 3·√5 = 6.708, the 95 % level 50 + 1.6449·6.708 = 61.03. With 60 on
    /// hand the mean projection runs out only on day 7 (after the arrival), but the risk of running
    /// out before day 6 is above 5 %: order tonight. With 62 it is within the target: wait.
    @Test func anItemShortOfItsServiceTargetForTheWaitOrdersTonight() {
        let level = 50 + z95 * 3 * 5.0.squareRoot()
        #expect(abs(level - 61.03) < 0.01)
        let short = ReplenishmentPolicy.decide(weekly(onHand: 60, nextReview: 2))
        #expect(short.firstStockoutDay == 7)
        #expect(short.reason == "expedite" && short.quantity > 0)
        let covered = ReplenishmentPolicy.decide(weekly(onHand: 62, nextReview: 2))
        #expect(covered.reason == "below_reorder_point_next_review" && covered.quantity == 0)
        // Open orders due before day 6 count; one due on day 6 itself does not cover days 1…5.
        var inbound = weekly(onHand: 40, nextReview: 2)
        inbound.inbound = [(day: 5, quantity: 22)]
        #expect(ReplenishmentPolicy.decide(inbound).reason == "below_reorder_point_next_review")
        inbound.inbound = [(day: 6, quantity: 22)]
        #expect(ReplenishmentPolicy.decide(inbound).reason == "expedite")
    }

    /// Right after an order up to S (R, S), the stock covers any wait within the protection
    /// interval it was set for: no expedite on the nights that follow while demand runs as forecast.
    @Test func notRightAfterAnOrderUpToTheLevel() {
        var review = weekly(onHand: 0, nextReview: 0)
        review.policy = .orderUpTo
        review.reviewsTonight = true
        let ordered = ReplenishmentPolicy.decide(review)
        // The order arrives on day 4; demand runs at the forecast, 10 a day.
        for night in 1...6 {
            var input = weekly(onHand: 0, nextReview: 7 - night)
            input.policy = .orderUpTo
            input.inbound = night < 4 ? [(day: 4 - night, quantity: ordered.quantity)] : []
            input.onHand = night < 4 ? 0 : ordered.quantity - 10 * Double(night - 3)
            #expect(ReplenishmentPolicy.decide(input).reason != "expedite", "night \(night)")
        }
    }

    /// Min/max and days of supply set no service target: only the mean projection expedites them.
    @Test func notForLevelsWithoutAServiceTarget() {
        var input = weekly(onHand: 60, nextReview: 2)
        input.policy = .minMax(min: 100, max: 200)
        #expect(ReplenishmentPolicy.decide(input).reason == "below_reorder_point_next_review")
    }
}
