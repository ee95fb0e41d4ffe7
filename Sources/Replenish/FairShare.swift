/// Sharing a source's scarce stock among the locations it supplies.
///
/// Textbook fair share (Silver, Pyke & Thomas, 2017, §15.4.3 "fair shares"; Brown, 1967):
/// every location is raised to the same fraction f of its target, its order-up-to level S_i.
/// With inventory position IP_i before the shipment and request q_i (what its own policy would
/// order), location i gets
///   x_i(f) = clamp(f·S_i − IP_i, 0, q_i),
/// and f is the water level with Σ x_i(f) = A, the stock available to ship (water-filling:
/// locations already above f·S_i get nothing, no location gets more than it asked). Σ x_i(f)
/// is continuous and non-decreasing in f, so f is found by bisection.
///
/// Shipments are then rounded down to each location's case pack, and the packs this frees are
/// handed out one at a time to the location with the lowest (IP_i + x_i)/S_i that can still
/// take one (ties to the lower index), so at most less than one pack per location is left
/// over. When A covers every request, everyone gets their request unrounded.
public enum FairShare {
    /// One location's claim on the source.
    public struct Claim: Sendable, Equatable {
        /// q_i: units the location's policy asks for, ≥ 0.
        public var requested: Double
        /// IP_i before tonight's shipment, units (may be negative).
        public var inventoryPosition: Double
        /// S_i, the order-up-to level the fraction is measured against, units. S_i ≤ 0 is
        /// taken as a tiny positive target (such a location is only brought up to zero first).
        public var orderUpTo: Double
        /// Case pack, units > 0.
        public var casePack: Double

        public init(requested: Double, inventoryPosition: Double, orderUpTo: Double, casePack: Double = 1) {
            self.requested = requested
            self.inventoryPosition = inventoryPosition
            self.orderUpTo = orderUpTo
            self.casePack = casePack > 0 ? casePack : 1
        }
    }

    /// Units shipped to each claim, in claim order: 0 ≤ x_i ≤ q_i, Σ x_i ≤ max(0, A), and
    /// each x_i a multiple of its case pack when A < Σ q_i. O(n·60 + n·leftover packs).
    public static func allocate(available: Double, claims: [Claim]) -> [Double] {
        let total = claims.reduce(0) { $0 + max(0, $1.requested) }
        if total <= available { return claims.map { max(0, $0.requested) } }
        guard available > 0 else { return [Double](repeating: 0, count: claims.count) }
        let target = claims.map { max($0.orderUpTo, 1e-9) }
        func shipped(_ i: Int, at f: Double) -> Double {
            min(max(0, claims[i].requested), max(0, f * target[i] - claims[i].inventoryPosition))
        }
        // Bracket: at lo nobody is below the level; at hi everybody has their full request.
        var lo = Double.infinity, hi = -Double.infinity
        for i in claims.indices {
            lo = min(lo, claims[i].inventoryPosition / target[i])
            hi = max(hi, (claims[i].inventoryPosition + max(0, claims[i].requested)) / target[i])
        }
        for _ in 0..<200 where hi - lo > 1e-15 * max(1, abs(hi)) {
            let mid = 0.5 * (lo + hi)
            let sum = claims.indices.reduce(0) { $0 + shipped($1, at: mid) }
            if sum > available { hi = mid } else { lo = mid }
        }
        var x = claims.indices.map { shipped($0, at: lo) }
        // Whole case packs, then hand the freed packs to whoever is furthest below target.
        for i in claims.indices { x[i] = (x[i] / claims[i].casePack + 1e-9).rounded(.down) * claims[i].casePack }
        var left = available - x.reduce(0, +)
        while true {
            var best = -1
            var bestFraction = Double.infinity
            for i in claims.indices {
                let pack = claims[i].casePack
                guard pack <= left + 1e-9, x[i] + pack <= max(0, claims[i].requested) + 1e-9 else { continue }
                let fraction = (claims[i].inventoryPosition + x[i]) / target[i]
                if fraction < bestFraction { bestFraction = fraction; best = i }
            }
            guard best >= 0 else { break }
            x[best] += claims[best].casePack
            left -= claims[best].casePack
        }
        return x
    }
}
