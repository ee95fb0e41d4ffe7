import RestockData

/// The supply networks a replay plays, one per sku: which simulated series ships to which.
///
/// A series whose item's `source` names a location (a store served by a DC) is supplied by the
/// series of the same sku at that location when that series is itself simulated (planned,
/// selling before the replay): the store then receives only what the DC can ship from its own
/// simulated stock. When the source location has no simulated series of the sku, nothing
/// constrains the store: it is replayed as always supplied (each transfer arrives in full).
struct ReplayNetwork {
    /// Per sku (in `DataSet.skuRanges` order): its simulated series, as indices of `data.series`.
    let skus: [[Int]]
    /// Series index → the simulated series that supplies it (same sku), when there is one.
    let sourceSeries: [Int: Int]

    /// The networks of `members` (simulated series indices, any order).
    init(data: DataSet, members: [Int]) {
        let simulated = Set(members)
        var skus: [[Int]] = []
        var sourceSeries: [Int: Int] = [:]
        for range in data.skuRanges {
            let ids = range.filter { simulated.contains($0) }
            guard !ids.isEmpty else { continue }
            skus.append(ids)
            for i in ids {
                guard let loc = data.sourceLocation(of: data.series[i].item!) else { continue }
                if let s = ids.first(where: { data.series[$0].key.location == loc }), s != i { sourceSeries[i] = s }
            }
        }
        self.skus = skus
        self.sourceSeries = sourceSeries
    }

    /// Hops from series `i` to a series bought from a supplier (0 for one; a cycle of sources stops
    /// counting after as many hops as there are sources).
    func depth(_ i: Int) -> Int {
        var d = 0
        var cursor = sourceSeries[i]
        while let c = cursor, d <= sourceSeries.count { d += 1; cursor = sourceSeries[c] }
        return d
    }
}
