import Foundation
import Forecast
import RestockData

/// Builds each series' ``CalendarFeatures`` (promotions, events, price over history and
/// horizon) from the data set. Lookup tables are made once per run; `features(for:)` is called
/// per series from worker threads (read-only).
package struct SeriesCalendar: Sendable {
    package let data: DataSet
    package let horizon: Int
    package let layout: EffectLayout
    /// Promotions of each sku id.
    private let promotionsBySku: [[Promotion]]
    /// Event id per day from `eventsStart`, −1 for none (the first event of a day wins).
    private let eventByDay: [Int32]
    private let eventsStart: Day
    /// Category id of each series (index into `categories`), or −1.
    package let categoryOfSeries: [Int]
    package let categories: [String]
    /// When `data` holds only some skus of the night (``SampledNight``): what the whole night's
    /// series say about the cross-series model's sample and the calibration windows; nil =
    /// `data` is the whole night.
    package var wholeNight: WholeNight? = nil

    /// What a calendar over some skus of a night needs to know of the whole night.
    package struct WholeNight: Sendable {
        /// Indices into `data.series` of the cross-series model's sample over the whole night
        /// (``globalSampleIndices``), in series order.
        package var globalSample: [Int]
        /// The first day of the night's earliest history (``calibrationCuts``).
        package var earliestHistoryDay: Day
    }

    package init(data: DataSet, horizon: Int) {
        self.data = data
        self.horizon = horizon
        layout = EffectLayout(promotionTypes: data.promotionTypes.count, events: data.eventNames.count)
        var bySku = [[Promotion]](repeating: [], count: data.skus.count)
        for p in data.promotions { bySku[Int(p.sku)].append(p) }
        promotionsBySku = bySku
        let first = data.series.compactMap { $0.history?.firstDay }.min() ?? data.asOf
        eventsStart = first
        var byDay = [Int32](repeating: -1, count: first.distance(to: data.asOf) + horizon + 2)
        for e in data.events {
            let i = first.distance(to: e.day)
            if i >= 0 && i < byDay.count && byDay[i] < 0 { byDay[i] = e.event }
        }
        eventByDay = byDay
        var categoryIDs = Interner()
        categoryOfSeries = data.series.map { s in s.item?.category.map { Int(categoryIDs.id($0)) } ?? -1 }
        categories = categoryIDs.names
    }

    /// Features for series `index` over its history and the horizon; nil without history.
    package func features(for index: Int) -> CalendarFeatures? {
        let s = data.series[index]
        guard let h = s.history else { return nil }
        let n = h.count
        var f = CalendarFeatures(count: n + horizon, firstWeekday: h.firstDay.weekday, firstDayOfYear: h.firstDay.dayOfYear)
        let last = h.firstDay.adding(n + horizon - 1)
        for p in promotionsBySku[Int(s.key.sku)] where p.location == nil || p.location == s.key.location {
            guard p.end >= h.firstDay, p.start <= last else { continue }
            let lo = max(0, h.firstDay.distance(to: p.start)), hi = min(n + horizon - 1, h.firstDay.distance(to: p.end))
            for t in lo...hi {
                f.promoType[t] = p.type
                f.discount[t] = (p.discountPercent ?? 0) / 100
            }
        }
        let offset = eventsStart.distance(to: h.firstDay)
        for t in 0..<(n + horizon) {
            let i = offset + t
            if i >= 0 && i < eventByDay.count { f.event[t] = eventByDay[i] }
        }
        if !h.price.isEmpty {
            // Regular price: the median of known prices on days without a promotion.
            var regular: [Float] = []
            for t in 0..<n where !h.price[t].isNaN && h.price[t] > 0 && f.promoType[t] < 0 { regular.append(h.price[t]) }
            if !regular.isEmpty {
                regular.sort()
                let reference = Double(regular[regular.count / 2])
                var lastRegular = 0.0
                for t in 0..<n where !h.price[t].isNaN && h.price[t] > 0 {
                    f.logPriceRatio[t] = log(Double(h.price[t]) / reference)
                    if f.promoType[t] < 0 { lastRegular = f.logPriceRatio[t] }
                }
                for t in n..<(n + horizon) { f.logPriceRatio[t] = lastRegular }
            }
        }
        return f
    }

    /// The pooled prior for series `index`.
    package func prior(_ pool: EffectPool, series index: Int) -> [Double] {
        let g = categoryOfSeries[index]
        return pool.prior(category: g >= 0 ? g : nil, location: Int(data.series[index].key.location))
    }

    /// Pools effects over a deterministic sample of at most `sampleSize` series with history
    /// (``PoolSample``: chosen by a stable hash of their names), fitted in parallel and added in
    /// series order.
    package func pool(sampleSize: Int, threads: Int, demand: @escaping @Sendable (Int) -> DemandSeries) -> EffectPool {
        var pool = EffectPool(layout: layout, categories: categories.count, locations: data.locations.count)
        let sample = PoolSample.indices(data, size: sampleSize)
        guard !sample.isEmpty else { return pool }
        var fits = [PromotionEffects?](repeating: nil, count: sample.count)
        fits.withUnsafeMutableBufferPointer { out in
            let box = UnsafeMutableBufferPointerBox(out)
            let chunks = min(sample.count, threads * 4)
            ParallelWork.perform(iterations: chunks, threads: threads) { c in
                for j in (c * sample.count / chunks)..<((c + 1) * sample.count / chunks) {
                    let i = sample[j]
                    guard let f = features(for: i) else { continue }
                    box.buffer[j] = PromotionEffects.fit(demand(i), features: f, layout: layout, prior: nil, effectPenalty: 0.05)
                }
            }
        }
        for (j, fit) in fits.enumerated() {
            guard let fit else { continue }
            let g = categoryOfSeries[sample[j]]
            pool.add(fit, category: g >= 0 ? g : nil, location: Int(data.series[sample[j]].key.location))
        }
        return pool
    }
}

extension SeriesCalendar {
    /// Series the cross-series model is fitted on, at most.
    package static let globalSample = 3000

    /// The series the cross-series model is fitted on: at most ``globalSample`` with history,
    /// every k-th in series order.
    package var globalSampleIndices: [Int] {
        if let wholeNight { return wholeNight.globalSample }
        let candidates = data.series.indices.filter { data.series[$0].history != nil }
        guard !candidates.isEmpty else { return [] }
        let step = max(1, (candidates.count + SeriesCalendar.globalSample - 1) / SeriesCalendar.globalSample)
        return stride(from: 0, to: candidates.count, by: step).map { candidates[$0] }
    }

    /// The cross-series model's training rows (``GlobalModel/Training``) over a deterministic
    /// sample of at most ``globalSample`` series with history (every k-th), and the index in
    /// this data set of each of their series; nil when there is none.
    package func globalTraining(threads: Int, settings: GlobalModel.Settings = GlobalModel.Settings(),
                                demand: @Sendable (Int) -> DemandSeries) -> (training: GlobalModel.Training, series: [Int])? {
        var ys: [DemandSeries] = [], fs: [CalendarFeatures] = [], used: [Int] = []
        for i in globalSampleIndices {
            guard let f = features(for: i) else { continue }
            ys.append(demand(i)); fs.append(f); used.append(i)
        }
        let layout = GlobalLayout(promotionTypes: data.promotionTypes.count, events: data.eventNames.count)
        return GlobalModel.Training(series: ys, features: fs, layout: layout, horizon: horizon, settings: settings,
                                    threads: threads).map { ($0, used) }
    }

    /// The cross-series model (``GlobalModel``) fitted on a deterministic sample of at most
    /// ``globalSample`` series with history (every k-th); nil when it cannot be fitted.
    package func globalModel(threads: Int, settings: GlobalModel.Settings = GlobalModel.Settings(), start: [Double]? = nil,
                     demand: @Sendable (Int) -> DemandSeries) -> GlobalModel? {
        globalTraining(threads: threads, settings: settings, demand: demand)?.training.fit(start: start)
    }
}
