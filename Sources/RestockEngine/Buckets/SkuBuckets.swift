import RestockData

/// The parts a night held in parts is forecast in (``BucketedNight``): runs of whole skus,
/// consecutive in the order a full load sorts series (by sku name), each holding at most
/// `maxSeries` series with history (a sku with more is a part of its own). Written one part
/// after the other, their rows come out in the single load's order.
package struct SkuBuckets {
    /// Each part's skus, by name, parts in sku order.
    package var parts: [Set<String>]
    /// Series with history in each part.
    package var seriesWithHistory: [Int]
    /// The part of each sku, by its id in the load the parts were cut from.
    package var partOfSku: [Int]

    /// The parts of the night `names` lists: a load that kept no sku (its interned names and
    /// ``DataSet/historyKeysLeftOut``, every series with history).
    package init(names: DataSet, maxSeries: Int) {
        var perSku = [Int](repeating: 0, count: names.skus.count)
        for k in names.historyKeysLeftOut { perSku[Int(k.sku)] += 1 }
        // The order ``SampledNight/sortedByName(_:in:)`` and a full load sort skus in.
        let order = names.skus.names.indices.sorted { names.skus.names[$0] < names.skus.names[$1] }
        var parts: [Set<String>] = [], counts: [Int] = []
        var current = Set<String>(), count = 0
        var partOf = [Int](repeating: 0, count: names.skus.count)
        for id in order {
            let n = perSku[id]
            if !current.isEmpty && count + n > maxSeries {
                parts.append(current)
                counts.append(count)
                current = []
                count = 0
            }
            current.insert(names.skus.names[id])
            partOf[id] = parts.count
            count += n
        }
        if !current.isEmpty {
            parts.append(current)
            counts.append(count)
        }
        self.parts = parts
        seriesWithHistory = counts
        partOfSku = partOf
    }

    /// Where each part's rows lie in the sales table, from the first load's index
    /// (``DataSet/salesRuns``); nil when the table is not indexed (compressed, or its skus'
    /// rows scattered), then each part streams the whole table.
    package func salesRuns(in names: DataSet) -> [[SalesRun]]? {
        guard let runs = names.salesRuns else { return nil }
        var out = [[SalesRun]](repeating: [], count: parts.count)
        for r in runs { out[partOfSku[Int(r.sku)]].append(r) }
        return out
    }
}
