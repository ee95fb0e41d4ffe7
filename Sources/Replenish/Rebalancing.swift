/// A lateral lane between two locations of one sku's network (from `lanes.csv`).
public struct NetworkLane: Sendable, Equatable {
    /// Node indices within the network.
    public var from: Int
    public var to: Int
    /// Days from shipping to arrival, ≥ 0.
    public var leadTimeDays: Double
    /// Cost of moving one unit; nil when unknown.
    public var costPerUnit: Double?

    public init(from: Int, to: Int, leadTimeDays: Double, costPerUnit: Double?) {
        self.from = from
        self.to = to
        self.leadTimeDays = leadTimeDays
        self.costPerUnit = costPerUnit
    }
}

/// One lateral move: units shipped tonight from one node to another.
public struct RebalancingMove: Sendable, Equatable {
    public var from: Int
    public var to: Int
    /// Units, a whole number of the receiver's case packs, > 0.
    public var quantity: Double
    /// Day (from the as-of day) the units arrive: shipped the morning after, 1 + ⌈lane lead time⌉.
    public var arrivalDays: Int

    public init(from: Int, to: Int, quantity: Double, arrivalDays: Int) {
        self.from = from
        self.to = to
        self.quantity = quantity
        self.arrivalDays = arrivalDays
    }
}

/// Rules for moving stock along lanes before buying.
public struct RebalancingSettings: Sendable, Equatable {
    /// Stock a sender keeps beyond its order-up-to level, in days of its forecast demand.
    public var keepCoverDays: Double
    /// A move is worth it when its cost per unit is at most this share of the unit cost
    /// (moves with unknown lane cost or unit cost are allowed).
    public var maxCostShare: Double

    public init(keepCoverDays: Double = 14, maxCostShare: Double = 0.25) {
        self.keepCoverDays = keepCoverDays
        self.maxCostShare = maxCostShare
    }
}

/// Moves excess stock along lanes to locations that would otherwise stock out before a
/// purchase or transfer from their source could arrive.
///
/// - Receiver j: its projected stock runs out before its own replenishment could arrive
///   (``ReplenishmentDecision/stockoutBeforeArrival``); it needs its reorder point minus its
///   inventory position, s_j − IP_j.
/// - Sender i: its excess is available stock − (S_i + `keepCoverDays` × mean daily demand).
/// - A lane i → j is used when it is faster than j's own replenishment (lead time < j's arrival
///   days) and worth its cost (cost per unit ≤ `maxCostShare` × unit cost).
/// Receivers are served earliest stock-out first; each takes from its senders with the most
/// excess first; quantities are whole case packs of the receiver, never more than the excess.
public enum Rebalancing {
    public static func moves(nodes: [NetworkNode], decisions: [ReplenishmentDecision], lanes: [NetworkLane],
                             unitCost: [Double?], settings: RebalancingSettings) -> [RebalancingMove] {
        guard !lanes.isEmpty else { return [] }
        var excess = nodes.indices.map { i -> Double in
            let input = nodes[i].input
            let days = max(1, input.demandMean.count)
            let meanDaily = input.demandMean.reduce(0, +) / Double(days)
            return max(0, input.onHand - input.allocated - decisions[i].orderUpTo - settings.keepCoverDays * meanDaily)
        }
        let receivers = nodes.indices.filter { decisions[$0].stockoutBeforeArrival }
            .sorted { (decisions[$0].firstStockoutDay ?? Int.max, $0) < (decisions[$1].firstStockoutDay ?? Int.max, $1) }
        var moves: [RebalancingMove] = []
        for j in receivers {
            var need = decisions[j].reorderPoint - decisions[j].inventoryPosition
            let pack = nodes[j].input.lot.orderMultiple
            let candidates = lanes.filter { lane in
                guard lane.to == j, lane.from != j, excess[lane.from] >= pack else { return false }
                guard 1 + Int(lane.leadTimeDays.rounded(.up)) < decisions[j].arrivalDays else { return false }
                if let c = lane.costPerUnit, let u = unitCost[j], c > settings.maxCostShare * u { return false }
                return true
            }.sorted { (excess[$0.from], -$0.from) > (excess[$1.from], -$1.from) }
            for lane in candidates where need > 0 {
                let q = (min(need, excess[lane.from]) / pack + 1e-9).rounded(.up) * pack
                let fitting = q <= excess[lane.from] + 1e-9 ? q : (excess[lane.from] / pack + 1e-9).rounded(.down) * pack
                guard fitting > 0 else { continue }
                moves.append(RebalancingMove(from: lane.from, to: j, quantity: fitting,
                                             arrivalDays: 1 + Int(lane.leadTimeDays.rounded(.up))))
                excess[lane.from] -= fitting
                need -= fitting
            }
        }
        return moves
    }
}
