import Foundation
import Logging
import RestockData
import RestockSettings

/// The part of a night `restock pool` needs, without holding every history: the skus of the
/// series the effects are pooled over (``PoolSample``) and of the cross-series model's sample
/// (``SeriesCalendar/globalSampleIndices``), chosen as a full load would choose them.
///
/// Two passes over the inputs: the first keeps no sku (``DataSetLoader/Options/skuFilter``) and
/// so holds only names, yet lists every series with history (``DataSet/historyKeysLeftOut``),
/// and hashes the files; both samples are chosen from that list, by the rules ``PoolSample`` and
/// ``SeriesCalendar/globalSampleIndices`` apply to a full load's series (sorted by sku name,
/// then location name). The second keeps those samples' skus only, reading their rows through
/// the first pass's sales index when the table has one. Memory: the names of the
/// night plus the samples' histories (at most ``Pipeline/poolSample`` +
/// ``SeriesCalendar/globalSample`` series and the other locations of their skus), whatever the
/// catalogue; time: the sales table parsed once, then the samples' rows (all of it again when it has no index).
package enum SampledNight {
    /// The samples' skus loaded, and what the calendar over them must know of the whole night.
    /// `names`: the first pass's load when the caller made it (``BucketedNight``), nil = make it here.
    package static func load(directory: String, asOf: Day?, config: RestockConfig, logger: Logger,
                             names given: DataSet? = nil, requirePlanningFiles: Bool = true) throws -> (data: DataSet, wholeNight: SeriesCalendar.WholeNight) {
        // Names only: every row checked, the files hashed, warnings logged once, here.
        let names = try given ?? DataLoading.load(directory: directory, asOf: asOf, requirePlanningFiles: requirePlanningFiles, logger: logger,
                                                  quarantine: config.quarantine, skuFilter: { _ in false }).0
        let keys = sortedByName(names.historyKeysLeftOut, in: names)
        let sku = { (k: SeriesKey) in names.skus[k.sku] }, location = { (k: SeriesKey) in names.locations[k.location] }
        // PoolSample's rule: the lowest hashes of (sku, location), ties in series order.
        var keyed = keys.enumerated().map { (hash: StableHash.of(sku($0.element), location($0.element)), index: $0.offset) }
        if keyed.count > Pipeline.poolSample {
            keyed.sort { ($0.hash, $0.index) < ($1.hash, $1.index) }
            keyed.removeLast(keyed.count - Pipeline.poolSample)
        }
        // globalSampleIndices' rule: every k-th series with history, in series order.
        let step = max(1, (keys.count + SeriesCalendar.globalSample - 1) / SeriesCalendar.globalSample)
        let global = stride(from: 0, to: keys.count, by: step).map { keys[$0] }
        let wanted = Set(keyed.map { sku(keys[$0.index]) } + global.map(sku))

        // The samples' skus, every location of each: through the first pass's sales index when
        // the table has one (on 37,500 series the pool read 53 % of the rows, not all of them
        // again), the files' digests the first pass's.
        var quiet = logger
        quiet.logLevel = .critical
        let (data, _) = try DataLoading.loadSkus(wanted, runs: DataLoading.salesRuns(of: wanted, in: names), names: names,
                                                 directory: directory, requirePlanningFiles: requirePlanningFiles,
                                                 quarantine: config.quarantine, logger: quiet)
        var indexOf: [String: Int] = [:]
        indexOf.reserveCapacity(data.series.count)
        for (i, s) in data.series.enumerated() { indexOf[ShardResults.key(sku: data.skuName(s), location: data.locationName(s))] = i }
        let globalIndices = try global.map { k -> Int in
            guard let i = indexOf[ShardResults.key(sku: sku(k), location: location(k))] else {
                throw RestockError.data("\(directory) changed while the pool was made: \(sku(k)) at \(location(k)) is gone")
            }
            return i
        }
        guard let earliest = names.earliestHistoryDay else {
            throw RestockError.data("no series in \(directory) has a sale on or before the as-of date")
        }
        return (data, SeriesCalendar.WholeNight(globalSample: globalIndices, earliestHistoryDay: earliest))
    }

    /// `keys` in a full load's series order: by sku name, then location name.
    static func sortedByName(_ keys: [SeriesKey], in data: DataSet) -> [SeriesKey] {
        keys.sorted { a, b in
            let sa = data.skus[a.sku], sb = data.skus[b.sku]
            if sa != sb { return sa < sb }
            return data.locations[a.location] < data.locations[b.location]
        }
    }
}
