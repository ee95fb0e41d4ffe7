import Forecast
import Foundation
import RestockData
import RestockEngine
import RestockSettings

/// Applies a ``Scenario`` to a data set: the changed data set, the skus it touches, the
/// per-series adjustments, and a line per change for the summary.
package enum ScenarioApplication {
    package struct Result {
        package var data: DataSet
        package var touchedSkus: Set<Int32>
        package var adjustments: ScenarioAdjustments
        package var notes: [String]
    }

    package static func apply(_ scenario: Scenario, to base: DataSet, path: String) throws -> Result {
        var data = base
        var touched = Set<Int32>()
        var adjustments = ScenarioAdjustments()
        var notes: [String] = []
        func seriesMatching(_ s: Scenario.Selector) -> [Int] { data.series.indices.filter { s.matches(data.series[$0], in: data) } }
        func skuIDs(_ s: Scenario.Selector) -> Set<Int32> { Set(seriesMatching(s).map { data.series[$0].key.sku }) }
        func location(_ name: String?, line: Int) throws -> Int32? {
            guard let name else { return nil }
            guard let id = data.locations.existingID(name) else { throw RestockError.usage("\(path):\(line): unknown location '\(name)'") }
            return id
        }
        func promotionMatches(_ p: Promotion, _ sel: Scenario.Selector, _ skus: Set<Int32>, _ loc: Int32?, _ start: Day?, _ end: Day?) -> Bool {
            guard skus.contains(p.sku) else { return false }
            if let loc, let pl = p.location, pl != loc { return false }
            if let start, p.end < start { return false }
            if let end, p.start > end { return false }
            return true
        }
        for (change, line) in scenario.changes {
            switch change {
            case .addPromotion(let sel, let type, let discount, let start, let end):
                guard let typeID = data.promotionTypes.existingID(type) else {
                    throw RestockError.usage("\(path):\(line): promotion type '\(type)' has never run, so its effect is unknown (known: \(data.promotionTypes.names.joined(separator: ", ")))")
                }
                guard end >= start else { throw RestockError.usage("\(path):\(line): end is before start") }
                let skus = skuIDs(sel)
                guard !skus.isEmpty else { throw RestockError.usage("\(path):\(line): no series matches this promotion") }
                let loc = try location(sel.location, line: line)
                for sku in skus.sorted() {
                    data.promotions.append(Promotion(sku: sku, location: loc, start: start, end: end, type: typeID,
                                                     discountPercent: discount))
                }
                touched.formUnion(skus)
                notes.append("line \(line): added a \(type) promotion \(start)…\(end) for \(skus.count) sku(s)")
            case .removePromotions(let sel, let start, let end), .movePromotions(let sel, let start, let end, _),
                 .extendPromotions(let sel, let start, let end, _):
                let skus = skuIDs(sel)
                let loc = try location(sel.location, line: line)
                var n = 0
                var kept: [Promotion] = []
                for var p in data.promotions {
                    guard promotionMatches(p, sel, skus, loc, start, end) else { kept.append(p); continue }
                    n += 1
                    touched.insert(p.sku)
                    switch change {
                    case .movePromotions(_, _, _, let days):
                        p.start = p.start.adding(days); p.end = p.end.adding(days); kept.append(p)
                    case .extendPromotions(_, _, _, let days):
                        p.end = max(p.start, p.end.adding(days)); kept.append(p)
                    default: break  // removed
                    }
                }
                data.promotions = kept
                notes.append("line \(line): \(n) promotion(s) changed")
            case .addEvent(let day, let name):
                guard let id = data.eventNames.existingID(name) else {
                    throw RestockError.usage("\(path):\(line): event '\(name)' has never happened, so its effect is unknown (known: \(data.eventNames.names.joined(separator: ", ")))")
                }
                data.events.append(CalendarEvent(day: day, event: id))
                data.events.sort { ($0.day, $0.event) < ($1.day, $1.event) }
                touched.formUnion(data.series.map(\.key.sku))
                notes.append("line \(line): added event \(name) on \(day) (touches every series)")
            case .price(let sel, let start, let end, let factor):
                for i in seriesMatching(sel) {
                    adjustments.price[i, default: []].append((start, end, factor))
                    touched.insert(data.series[i].key.sku)
                }
                notes.append("line \(line): price × \(factor) \(start)…\(end)")
            case .demand(let sel, let start, let end, let factor):
                for i in seriesMatching(sel) {
                    adjustments.demand[i, default: []].append((start, end, factor))
                    touched.insert(data.series[i].key.sku)
                }
                notes.append("line \(line): demand × \(factor) \(start)…\(end)")
            case .serviceLevel(let sel, let level):
                for i in seriesMatching(sel) where data.series[i].item != nil {
                    data.series[i].item!.serviceLevel = level
                    touched.insert(data.series[i].key.sku)
                }
                notes.append("line \(line): service level \(level)")
            case .leadTime(let sel, let add, let days):
                for i in seriesMatching(sel) where data.series[i].item != nil {
                    let old = data.series[i].item!.leadTimeDays
                    data.series[i].item!.leadTimeDays = min(3660, max(0, days ?? (old + (add ?? 0))))
                    touched.insert(data.series[i].key.sku)
                }
                notes.append("line \(line): lead time changed")
            case .lot(let sel, let moq, let multiple):
                if let m = multiple, m <= 0 { throw RestockError.usage("\(path):\(line): order_multiple must be > 0") }
                for i in seriesMatching(sel) where data.series[i].item != nil {
                    if let moq { data.series[i].item!.moq = moq }
                    if let multiple { data.series[i].item!.orderMultiple = multiple }
                    touched.insert(data.series[i].key.sku)
                }
                notes.append("line \(line): lot sizes changed")
            case .sourceUnavailable(let source, let until):
                let wait = Double(min(3660, max(0, data.asOf.adding(1).distance(to: until))))
                var n = 0
                for i in data.series.indices where data.series[i].item?.source == source {
                    data.series[i].item!.leadTimeDays += wait
                    touched.insert(data.series[i].key.sku)
                    n += 1
                }
                notes.append("line \(line): \(source) unavailable until \(until): \(n) item(s) wait \(Int(wait)) more days")
            }
        }
        return Result(data: data, touchedSkus: touched, adjustments: adjustments, notes: notes)
    }
}
