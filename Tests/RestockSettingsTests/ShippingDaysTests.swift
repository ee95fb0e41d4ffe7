import Forecast
import Replenish
@testable import RestockData
@testable import RestockSettings
import Testing

/// A distribution centre's shipping days (a `suppliers.csv` row naming the location): a store it
/// serves is reviewed on the nights before them, protected until the next shipment arrives
/// (hand-computed).
@Suite struct ShippingDaysTests {
    /// 2024-04-29 is a Monday: a night whose shipment is dated Tuesday 2024-04-30.
    let monday = Day(year: 2024, month: 4, day: 29)
    /// DC1 ships on Tuesdays and Fridays.
    let dc = SupplierCalendar(name: "DC1", orderWeekdays: SupplierCalendar.weekdays("tue,fri")!)
    /// A store served by DC1: 2 days in transit, daily review otherwise, 10 a day forecast, no error.
    let store = ItemSettings(source: "DC1", leadTimeDays: 2, leadTimeSDDays: 0, reviewDays: 1, serviceLevel: 0.95,
                             moq: 0, orderMultiple: 1, maxUnits: nil, unitCost: nil, category: nil)
    let flat = DemandForecast(mean: [Double](repeating: 10, count: 28), sd: [Double](repeating: 0, count: 28), model: "test")

    func decide(night: Day, onHand: Double) -> (ReplenishmentInput, ReplenishmentDecision) {
        let input = RestockConfig().replenishmentInput(sku: "A", item: store, night: night, onHand: onHand, allocated: 0,
                                                       inbound: [], forecast: flat, calendar: dc)
        return (input, ReplenishmentPolicy.decide(input))
    }

    /// Monday night (ships Tuesday): reviewed; the next shipment leaves Friday, R = 3, P = 2 + 3 = 5
    /// days: reorder point 10 × 5 = 50 (no forecast error). Thursday night (ships Friday): the next
    /// leaves Tuesday, R = 4, P = 6: 60. Tuesday night (Wednesday is no shipping day): not reviewed,
    /// 2 nights to the next (Thursday's); with 100 on hand it waits, with 5 it is shipped out of cycle.
    @Test func aStoreIsReviewedOnItsDCsShippingDaysAndProtectedToTheNextShipment() {
        let (mon, monDecision) = decide(night: monday, onHand: 0)
        #expect(mon.reviewsTonight && mon.reviewDays == 3)
        #expect(monDecision.reorderPoint == 50)
        #expect(monDecision.nextReviewDays == 3)  // Thursday night, for Friday's shipment
        let (thu, thuDecision) = decide(night: monday.adding(3), onHand: 0)
        #expect(thu.reviewsTonight && thu.reviewDays == 4)
        #expect(thuDecision.reorderPoint == 60)
        let (tue, waits) = decide(night: monday.adding(1), onHand: 100)
        #expect(!tue.reviewsTonight && tue.daysToNextReview == 2)
        #expect(waits.quantity == 0)
        let (_, out) = decide(night: monday.adding(1), onHand: 5)
        #expect(out.reason == "expedite" && out.quantity > 0)
    }
}
