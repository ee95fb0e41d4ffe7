import Testing
@testable import Replenish

/// Building stock earlier for a peak a supplier cannot deliver in its own weeks (hand-computed).
@Suite("Capacity pre-build")
struct CapacityPrebuildTests {
    /// 10 a day for 28 days, 40 a day on days 16…22 (an event's week).
    static let eventDemand: [Double] = (1...28).map { (16...22).contains($0) ? 40 : 10 }

    func item(_ sku: String, q: Double = 0, ip: Double = 80, ss: Double = 0, demand: [Double] = eventDemand,
              arrival: Int = 2, pack: Double = 12, max: Double? = nil) -> CapacityItem {
        CapacityItem(sku: sku, location: "DC", supplier: "S", plannedQuantity: q, inventoryPosition: ip, safetyStock: ss,
                     dailyDemand: demand, arrivalDays: arrival, casePack: pack, maxUnits: max)
    }

    /// Arrival 2 days after tonight: week k's orders (order dates 7k+1 … 7k+7) cover days 7k+2 … 7k+8.
    /// M(k) = Σ demand through day 7(k+1)+1 − IP: M(0) = 80 − 80 = 0, M(1) = 150 − 80 = 70,
    /// M(2) = 150 + 280 − 80 = 350, M(3) = 430 + 6·10 − 80 = 410 (the forecast ends on day 28).
    /// Week requirements 0, 70, 280, 60 against a capacity of 100: week 3 fits; week 2 carries 180
    /// to week 1 (250), week 1 carries 150 to tonight's week. Tonight's room is 100 (nothing
    /// planned, no requirement of its own): 8 packs of 12 = 96 built, 54 short (a ninth pack would
    /// exceed the capacity). Excess moved: 180 + 150 = 330. The peak week is week 2 (280), its
    /// highest day the event's first, day 16.
    @Test func aCapacityLimitedPeakIsBuiltEarlierInWholePacksWithinTonightsRoom() {
        let o = CapacityPrebuild.plan(capacity: ["S": 100], items: [item("A")])
        #expect(o.prebuild == [96])
        #expect(o.peaks == [CapacityPeak(supplier: "S", capacity: 100, week: 2, weekRequirement: 280, peakDay: 16,
                                         excessUnits: 330, carriedToTonight: 150, prebuiltTonight: 96, unmetUnits: 54)])
    }

    /// Tonight's own order of 30 takes room: 100 − 30 = 70 left, and it is also in the position:
    /// M(k) drop by 30: 0, 40, 320, 380 → weeks 0, 40, 280, 60 → carries 180, 120 → tonight
    /// 120 into a room of 70: 5 packs of 12 = 60 (a sixth would make 72 > 70), 60 short.
    @Test func tonightsOwnOrderUsesTheWeeksCapacity() {
        let o = CapacityPrebuild.plan(capacity: ["S": 100], items: [item("A", q: 30)])
        #expect(o.prebuild == [60])
        #expect(o.peaks.first?.carriedToTonight == 120)
        #expect(o.peaks.first?.unmetUnits == 60)
    }

    /// A capacity of 300 a week takes every week as it comes: nothing is built, no peak is reported.
    @Test func enoughCapacityBuildsNothing() {
        let o = CapacityPrebuild.plan(capacity: ["S": 300], items: [item("A")])
        #expect(o.prebuild == [0])
        #expect(o.peaks.isEmpty)
    }

    /// A supplier without a capacity, and an item's max_units: A may hold at most 80 + 50 = 130,
    /// so only 4 packs (48) are built; B's supplier has no capacity.
    @Test func maxUnitsAndUnlimitedSuppliersAreRespected() {
        var b = item("B")
        b.supplier = "T"
        let o = CapacityPrebuild.plan(capacity: ["S": 100], items: [item("A", max: 130), b])
        #expect(o.prebuild == [48, 0])
        #expect(o.peaks.first?.unmetUnits == 102)
    }

    /// Two items share the carried excess in proportion to their need; the result does not depend on
    /// the input's order, every built unit is a whole pack, and tonight's total stays within capacity.
    @Test func sharedExcessIsDeterministicAndWithinCapacity() {
        let flat = [Double](repeating: 5, count: 28)
        let items = [item("A", q: 10), item("B", ip: 20, demand: flat, pack: 5), item("C", ip: 0, demand: CapacityPrebuildTests.eventDemand, pack: 7)]
        let o = CapacityPrebuild.plan(capacity: ["S": 150], items: items)
        let r = CapacityPrebuild.plan(capacity: ["S": 150], items: items.reversed())
        #expect(o.prebuild == r.prebuild.reversed())
        #expect(o.peaks == r.peaks)
        for (k, it) in items.enumerated() {
            let packs = o.prebuild[k] / it.casePack
            #expect(packs == packs.rounded())
        }
        let planned = items.reduce(0) { $0 + $1.plannedQuantity + $1.cumulativeRequirement(week: 0) }
        #expect(planned + o.prebuild.reduce(0, +) <= 150 + 1e-9)
        #expect(o.prebuild.reduce(0, +) > 0)
    }

    /// A pallet multiple of 40 rounds tonight's room down: 100 → 80, so 6 packs (72).
    @Test func tonightsRoomStaysAWholePallet() {
        let o = CapacityPrebuild.plan(capacity: ["S": 100], items: [item("A")], roomMultiple: ["S": 40])
        #expect(o.prebuild == [72])
    }
}
