/// An ``EffectPool``'s sums, so that a pool made once (`restock pool`) can be written to a file
/// and read back by every shard of a night with the same bits.
extension EffectPool {
    /// The pool's exposure-weighted sums and weights: overall, per category id and per location
    /// id (each inner array one value per ``EffectLayout`` column).
    public struct Parts: Sendable, Equatable {
        public var sum: [Double]
        public var weight: [Double]
        public var categorySum: [[Double]]
        public var categoryWeight: [[Double]]
        public var locationSum: [[Double]]
        public var locationWeight: [[Double]]

        public init(sum: [Double], weight: [Double], categorySum: [[Double]], categoryWeight: [[Double]],
                    locationSum: [[Double]], locationWeight: [[Double]]) {
            self.sum = sum
            self.weight = weight
            self.categorySum = categorySum
            self.categoryWeight = categoryWeight
            self.locationSum = locationSum
            self.locationWeight = locationWeight
        }
    }

    public var parts: Parts {
        Parts(sum: sum, weight: weight, categorySum: categorySum, categoryWeight: categoryWeight,
              locationSum: locationSum, locationWeight: locationWeight)
    }

    /// A pool with the given sums; every array must have `layout.columns` values.
    public init(layout: EffectLayout, parts: Parts) {
        self.init(layout: layout, categories: parts.categorySum.count, locations: parts.locationSum.count)
        sum = parts.sum
        weight = parts.weight
        categorySum = parts.categorySum
        categoryWeight = parts.categoryWeight
        locationSum = parts.locationSum
        locationWeight = parts.locationWeight
    }
}
