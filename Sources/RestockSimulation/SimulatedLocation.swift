import Replenish

/// One series' stock, day by day, during a replay: arrivals in the morning, demand during the
/// day (unmet demand is lost), the policy's decision at night.
package struct SimulatedLocation {
    /// End-of-day stock, units ≥ 0.
    package var onHand: Double
    /// Orders placed and not yet received: (arrival day index, units).
    package var pipeline: [(day: Int, quantity: Double)] = []

    // Totals over the replay.
    package var demand = 0.0
    package var sold = 0.0
    package var stockoutDays = 0
    /// The replay's day indices (0 = the first night's day) on which demand was lost, in order.
    package var stockoutDayIndices: [Int] = []
    package var onHandSum = 0.0
    package var days = 0
    /// Replenishment cycles (arrivals) and those in which some demand was lost.
    package var cycles = 0
    package var stockoutCycles = 0
    private var lostInCycle = false
    package var ordersPlaced = 0

    package init(onHand: Double) { self.onHand = max(0, onHand) }

    /// Day `day`: receive what is due, sell `demand` (units) from stock, lose the rest.
    package mutating func live(day: Int, demand d: Double) {
        var arrived = false
        pipeline.removeAll { order in
            if order.day <= day { onHand += order.quantity; arrived = true; return true }
            return false
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
        if d - s > 1e-9 { stockoutDays += 1; stockoutDayIndices.append(day); lostInCycle = true }
        onHandSum += onHand
        days += 1
    }

    /// Inbound for a decision taken at the end of `day`: days from then, units.
    package func inbound(after day: Int) -> [(day: Int, quantity: Double)] {
        pipeline.map { (day: max(1, $0.day - day), quantity: $0.quantity) }.sorted { $0.day < $1.day }
    }

    package mutating func order(_ quantity: Double, arrivingOn day: Int) {
        guard quantity > 0 else { return }
        pipeline.append((day, quantity))
        ordersPlaced += 1
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

/// Totals of several simulated locations (a location, a demand class, or everything).
package struct SimulationTotals {
    package var series = 0
    package var demand = 0.0
    package var sold = 0.0
    package var stockoutDays = 0
    /// Series out of stock (some demand lost), by the replay's day index.
    package var stockoutsByDay: [Int: Int] = [:]
    package var days = 0
    package var onHandSum = 0.0
    package var cycles = 0
    package var stockoutCycles = 0
    package var targetSum = 0.0

    package mutating func add(_ s: SimulatedLocation, target: Double) {
        series += 1
        demand += s.demand
        sold += s.sold
        stockoutDays += s.stockoutDays
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
    package var targetServiceLevel: Double { series > 0 ? targetSum / Double(series) : 0 }
}
