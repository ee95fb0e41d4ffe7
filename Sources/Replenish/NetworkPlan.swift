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
}

/// Plans one sku across its locations: downstream nodes first (their transfers become demand
/// on their source), then sources, whose stock tonight is shared among the requests by
/// ``FairShare`` when it cannot cover them all: every location raised to the same fraction of
/// its order-up-to level, in whole case packs, the rest of each request reported as shortfall.
/// Each node decides with its own policy (``ReplenishmentPolicy/decide(_:)``).
///
/// A source's forecast demand is its own direct demand plus its children's forecast demand
/// (so it holds stock for the whole network behind it); its available stock is reduced by
/// what it ships tonight.
public enum NetworkPlan {
    public static func plan(_ nodes: [NetworkNode]) -> [NodePlan] {
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
            for d in 0..<child.demandMean.count {
                mean[d] += child.demandMean[d]
                sd[d] = (sd[d] * sd[d] + child.demandSD[d] * child.demandSD[d]).squareRoot()
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
            plans[i] = NodePlan(decision: decision, quantity: decision.quantity, shortfall: 0)
            if let src = nodes[i].sourceNode, decision.quantity > 0 {
                requests[src].append((i, decision.quantity))
            }
        }
        return plans.map { $0! }
    }
}
