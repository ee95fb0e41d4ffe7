/// Order-size rules of one item at one location: minimum order quantity, case pack, capacity.
public struct LotRules: Sendable, Equatable {
    /// Minimum order quantity, units, ≥ 0.
    public var moq: Double
    /// Case pack: orders are whole multiples of it, units, > 0.
    public var orderMultiple: Double
    /// Most the location can hold (inventory position after ordering), units; nil = no cap.
    public var maxUnits: Double?

    public init(moq: Double = 0, orderMultiple: Double = 1, maxUnits: Double? = nil) {
        self.moq = moq
        self.orderMultiple = orderMultiple > 0 ? orderMultiple : 1
        self.maxUnits = maxUnits
    }
}

/// Turns a net requirement into an order quantity.
///
/// Rule: round the need up to the case pack, then up to at least the MOQ (itself rounded up to
/// the case pack); never let the inventory position exceed `maxUnits` unless the MOQ forces it
/// (then `moqExceedsCapacity` is set so the plan can report it). A need ≤ 0 orders nothing.
public enum LotSizing {
    public struct Result: Sendable, Equatable {
        /// Units to order, ≥ 0, a multiple of the case pack.
        public var quantity: Double
        /// The capacity cap cut the order below the need.
        public var cappedByCapacity: Bool
        /// The MOQ alone pushes the inventory position above `maxUnits`.
        public var moqExceedsCapacity: Bool
    }

    public static func quantity(need: Double, inventoryPosition: Double, rules: LotRules) -> Result {
        guard need > 1e-9 else { return Result(quantity: 0, cappedByCapacity: false, moqExceedsCapacity: false) }
        let pack = rules.orderMultiple
        let minimum = (rules.moq / pack).rounded(.up) * pack
        var q = max((need / pack - 1e-9).rounded(.up) * pack, minimum)
        var capped = false
        var forced = false
        if let cap = rules.maxUnits {
            let room = cap - inventoryPosition
            if inventoryPosition + q > cap + 1e-9 {
                let fitting = ((room / pack) + 1e-9).rounded(.down) * pack
                if fitting >= minimum && fitting > 0 {
                    q = fitting
                    capped = true
                } else if minimum > 0 && room > 0 {
                    q = minimum
                    forced = true
                } else {
                    q = 0
                    capped = true
                }
            }
        }
        return Result(quantity: q, cappedByCapacity: capped, moqExceedsCapacity: forced)
    }
}
