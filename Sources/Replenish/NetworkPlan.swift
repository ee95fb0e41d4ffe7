/// One node of a sku's supply network: a location, its input, and where it is supplied from.
public struct NetworkNode: Sendable {
    /// Index of the source node within the same network, or nil when a supplier delivers.
    public var sourceNode: Int?
    public var input: ReplenishmentInput
    public init(sourceNode: Int?, input: ReplenishmentInput) {
        self.sourceNode = sourceNode
        self.input = input
    }
}

/// The plan for one node.
public struct NodePlan: Sendable, Equatable {
    public var decision: ReplenishmentDecision
    /// Units shipped tonight from this node's source (transfers) or ordered from the supplier.
    public var quantity: Double
    /// Units the source could not supply (DC shortfall), ≥ 0.
    public var shortfall: Double
    /// Lateral moves out of this node tonight (``Rebalancing``).
    public var rebalancing: [RebalancingMove] = []
    /// The mean daily demand the decision was made against, day 1 first (units per day): the
    /// node's own forecast plus its children's, time-phased (what a supplier must deliver for it).
    public var demandMean: [Double] = []
}

/// Plans one sku across its locations: downstream nodes first (their transfers become demand
/// on their source), then sources, whose stock tonight is shared among the requests by
/// ``FairShare`` when it cannot cover them all: every location raised to the same fraction of
/// its order-up-to level, in whole case packs, the rest of each request reported as shortfall.
/// Each node decides with its own policy (``ReplenishmentPolicy/decide(_:)``).
///
/// A source's forecast demand is its own direct demand plus its children's forecast demand,
/// time-phased by their transfer lead time (what a store sells on day d + L leaves the source
/// on day d), so it holds stock for the whole network behind it; its available stock is reduced
/// by what it ships tonight.
///
/// With lanes, ``Rebalancing`` first moves excess stock between locations to those that would
/// otherwise run out before a purchase could arrive; the plan is then made with those moves in
/// place (the sender's stock lowered, the receiver's inbound raised).
public enum NetworkPlan {
    public static func plan(_ nodes: [NetworkNode], lanes: [NetworkLane] = [], unitCost: [Double?] = [],
                            rebalancing settings: RebalancingSettings = RebalancingSettings()) -> [NodePlan] {
        let first = planWithoutLanes(nodes)
        guard !lanes.isEmpty else { return first }
        let costs = unitCost.count == nodes.count ? unitCost : [Double?](repeating: nil, count: nodes.count)
        let moves = Rebalancing.moves(nodes: nodes, decisions: first.map(\.decision), lanes: lanes, unitCost: costs,
                                      settings: settings)
        guard !moves.isEmpty else { return first }
        var moved = nodes
        for m in moves {
            moved[m.from].input.onHand -= m.quantity
            moved[m.to].input.inbound.append((day: m.arrivalDays, quantity: m.quantity))
            moved[m.to].input.inbound.sort { $0.day < $1.day }
        }
        var plans = planWithoutLanes(moved)
        for m in moves { plans[m.from].rebalancing.append(m) }
        return plans
    }

    static func planWithoutLanes(_ nodes: [NetworkNode]) -> [NodePlan] {
        let n = nodes.count
        // Depth: number of hops to the supplier; deepest first.
        var depth = [Int](repeating: 0, count: n)
        for i in 0..<n {
            var d = 0
            var cursor = nodes[i].sourceNode
            while let c = cursor, d <= n { d += 1; cursor = nodes[c].sourceNode }
            depth[i] = d
        }
        let order = (0..<n).sorted { (depth[$0], $0) > (depth[$1], $1) }
        var inputs = nodes.map(\.input)
        // Aggregate children's demand into their sources, deepest first.
        for i in order {
            guard let src = nodes[i].sourceNode else { continue }
            let child = inputs[i]
            let h = max(inputs[src].demandMean.count, child.demandMean.count)
            var mean = inputs[src].demandMean + [Double](repeating: 0, count: h - inputs[src].demandMean.count)
            var sd = inputs[src].demandSD + [Double](repeating: 0, count: h - inputs[src].demandSD.count)
            // Time-phased: what the child sells on day d + L leaves the source on day d
            // (L = the child's transfer lead time, whole days); past its horizon, its last day repeats.
            let lead = Int(max(0, child.leadTimeDays).rounded(.up))
            let last = child.demandMean.count - 1
            guard last >= 0 else { continue }
            for d in 0..<h {
                let k = min(d + lead, last)
                mean[d] += child.demandMean[k]
                let sdK = k < child.demandSD.count ? child.demandSD[k] : (child.demandSD.last ?? 0)
                sd[d] = (sd[d] * sd[d] + sdK * sdK).squareRoot()
            }
            inputs[src].demandMean = mean
            inputs[src].demandSD = sd
        }
        var plans = [NodePlan?](repeating: nil, count: n)
        var requests = [[(node: Int, quantity: Double)]](repeating: [], count: n)
        for i in order {
            var input = inputs[i]
            // Ship to children first: fair share of what is available tonight.
            let available = max(0, input.onHand - input.allocated)
            let claims = requests[i].map { r in
                let d = plans[r.node]!.decision
                return FairShare.Claim(requested: r.quantity, inventoryPosition: d.inventoryPosition,
                                       orderUpTo: d.orderUpTo, casePack: nodes[r.node].input.lot.orderMultiple)
            }
            let shipments = FairShare.allocate(available: available, claims: claims)
            for (r, shipped) in zip(requests[i], shipments) {
                plans[r.node]!.quantity = shipped
                plans[r.node]!.shortfall = r.quantity - shipped
                input.onHand -= shipped
            }
            let decision = ReplenishmentPolicy.decide(input)
            plans[i] = NodePlan(decision: decision, quantity: decision.quantity, shortfall: 0, demandMean: input.demandMean)
            if let src = nodes[i].sourceNode, decision.quantity > 0 {
                requests[src].append((i, decision.quantity))
            }
        }
        return plans.map { $0! }
    }
}
