import Replenish

/// One series' stock, day by day, during a replay: arrivals in the morning, demand during the
/// day (unmet demand is lost), the policy's decision at night.
///
/// The totals count only the scored days, day indices ≥ `scoredFrom` (the days before are a
/// warm-up: stock moves, nothing is counted); the first scored day starts a replenishment cycle,
/// as the replay's first day does without a warm-up.
package struct SimulatedLocation {
    /// End-of-day stock, units ≥ 0.
    package var onHand: Double
    /// Orders placed and not yet received: (arrival day index, units).
    package var pipeline: [(day: Int, quantity: Double)] = []
    /// First day index (0 = the replay's first day) whose demand, stock and arrivals the totals
    /// count; ≥ 0 (0: every day).
    package let scoredFrom: Int

    // Totals over the scored days.
    package var demand = 0.0
    package var sold = 0.0
    package var stockoutDays = 0
    /// The scored days on which demand was lost, in order, as day indices from the first scored
    /// day (0 = day `scoredFrom` of the replay).
    package var stockoutDayIndices: [Int] = []
    package var onHandSum = 0.0
    package var days = 0
    /// Replenishment cycles (arrivals) and those in which some demand was lost.
    package var cycles = 0
    package var stockoutCycles = 0
    private var lostInCycle = false
    /// Orders placed on the scored nights (each purchase order line or transfer counts once).
    package var ordersPlaced = 0

    /// `onHand` the stock at the end of the day before the replay (units, negative read as 0);
    /// `scoredFrom` the number of warm-up days (≥ 0).
    package init(onHand: Double, scoredFrom: Int = 0) {
        self.onHand = max(0, onHand)
        self.scoredFrom = max(0, scoredFrom)
    }

    /// Day `day`: receive what is due, sell `demand` (units) from stock, lose the rest; counted
    /// in the totals when `day ≥ scoredFrom`.
    package mutating func live(day: Int, demand d: Double) {
        var arrived = false
        pipeline.removeAll { order in
            if order.day <= day { onHand += order.quantity; arrived = true; return true }
            return false
        }
        guard day >= scoredFrom else {
            onHand -= min(d, onHand)
            return
        }
        if arrived {
            cycles += 1
            if lostInCycle { stockoutCycles += 1 }
            lostInCycle = false
        }
        let s = min(d, onHand)
        onHand -= s
        demand += d
        sold += s
        if d - s > 1e-9 { stockoutDays += 1; stockoutDayIndices.append(day - scoredFrom); lostInCycle = true }
        onHandSum += onHand
        days += 1
    }

    /// Inbound for a decision taken at the end of `day`: days from then, units.
    package func inbound(after day: Int) -> [(day: Int, quantity: Double)] {
        pipeline.map { (day: max(1, $0.day - day), quantity: $0.quantity) }.sorted { $0.day < $1.day }
    }

    /// Places an order of `quantity` units (none when ≤ 0) on night `night` (a day index), arriving
    /// on day index `day`; counted in ``ordersPlaced`` when the night is scored.
    package mutating func order(_ quantity: Double, arrivingOn day: Int, placedOn night: Int) {
        guard quantity > 0 else { return }
        pipeline.append((day, quantity))
        if night >= scoredFrom { ordersPlaced += 1 }
    }

    /// Closes the last cycle (counted when it saw demand).
    package mutating func finish() {
        if days > 0 {
            cycles += 1
            if lostInCycle { stockoutCycles += 1 }
            lostInCycle = false
        }
    }
}

/// Totals of several simulated locations (a location, a demand class, or everything), over their scored days.
package struct SimulationTotals {
    package var series = 0
    package var demand = 0.0
    package var sold = 0.0
    package var stockoutDays = 0
    /// Orders placed on the scored nights (lines and transfers), Σ ``SimulatedLocation/ordersPlaced``.
    package var ordersPlaced = 0
    /// Series out of stock (some demand lost), by day index from the first scored day.
    package var stockoutsByDay: [Int: Int] = [:]
    package var days = 0
    package var onHandSum = 0.0
    package var cycles = 0
    package var stockoutCycles = 0
    package var targetSum = 0.0
    /// Σ target × units demanded, and Σ target × cycles: the targets weighted as the achieved
    /// fill rate (Σ sold / Σ demand) and cycle service level (Σ cycles without loss / Σ cycles)
    /// weigh the series.
    package var targetDemandSum = 0.0
    package var targetCycleSum = 0.0
    /// The series whose service target (the policy's `service_target`) is a fill rate: their
    /// units filled and demanded and Σ target × demand; the others' target is a cycle service level.
    package var fillRateTargeted = TargetedTotals()
    package var cycleTargeted = TargetedTotals()

    /// No series yet.
    package init() {}

    /// Achieved against target for the series of one target type.
    package struct TargetedTotals {
        package var series = 0
        /// Units demanded and filled (fill-rate targets); replenishment cycles and those without loss (cycle targets).
        package var measured = 0.0
        package var met = 0.0
        /// Σ target × `measured`.
        package var weightedTarget = 0.0
        /// `met / measured`, 1 without any.
        package var achieved: Double { measured > 0 ? met / measured : 1 }
        /// The targets weighted as `achieved` weighs the series (a plain mean when nothing was measured).
        package var target: Double { measured > 0 ? weightedTarget / measured : 0 }
        mutating func add(measured m: Double, met: Double, target: Double) {
            series += 1
            measured += m
            self.met += met
            weightedTarget += target * m
        }
    }

    /// Adds one series; `target` its service level, `fillRateTarget` whether the policy reads it as a
    /// fill rate (else a cycle service level).
    package mutating func add(_ s: SimulatedLocation, target: Double, fillRateTarget: Bool = false) {
        targetDemandSum += target * s.demand
        targetCycleSum += target * Double(s.cycles)
        if fillRateTarget {
            fillRateTargeted.add(measured: s.demand, met: s.sold, target: target)
        } else {
            cycleTargeted.add(measured: Double(s.cycles), met: Double(s.cycles - s.stockoutCycles), target: target)
        }
        series += 1
        demand += s.demand
        sold += s.sold
        stockoutDays += s.stockoutDays
        ordersPlaced += s.ordersPlaced
        for d in s.stockoutDayIndices { stockoutsByDay[d, default: 0] += 1 }
        days += s.days
        onHandSum += s.onHandSum
        cycles += s.cycles
        stockoutCycles += s.stockoutCycles
        targetSum += target
    }

    package var fillRate: Double { demand > 0 ? sold / demand : 1 }
    package var cycleServiceLevel: Double { cycles > 0 ? 1 - Double(stockoutCycles) / Double(cycles) : 1 }
    /// Total average stock (sum over series of their mean end-of-day stock), units.
    package var totalAverageStock: Double { days > 0 && series > 0 ? onHandSum / (Double(days) / Double(series)) : 0 }
    /// Units sold per unit of average stock over the replay.
    package var turnover: Double { totalAverageStock > 0 ? sold / totalAverageStock : 0 }
    /// Mean target over the series (each series counts once).
    package var targetServiceLevel: Double { series > 0 ? targetSum / Double(series) : 0 }
    /// The targets weighted by units demanded: what the overall fill rate is to be read against
    /// when every target is a fill rate (a series selling more weighs more in both).
    package var demandWeightedTarget: Double { demand > 0 ? targetDemandSum / demand : targetServiceLevel }
    /// The targets weighted by replenishment cycles: what the overall cycle service level is to be read against.
    package var cycleWeightedTarget: Double { cycles > 0 ? targetCycleSum / Double(cycles) : targetServiceLevel }
}
