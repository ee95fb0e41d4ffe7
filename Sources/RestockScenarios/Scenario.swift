import Forecast
import Foundation
import RestockData
import RestockSettings

/// A planner's what-if: changes to promotions, events, prices, demand and item settings, read
/// from a scenario file in the config format (see docs/WHATIF.md):
///
/// ```toml
/// horizon = 28                    # any config setting may be changed too
/// [promotion.1]                   # numbered sections, applied in file order
/// action = "add"                  # add | remove | move | extend
/// sku = "SKU00001"                # selectors: sku, category, location (omit = all)
/// type = "discount"               # an existing promo_type
/// discount = 30                   # percent
/// start = "2025-01-06"
/// end = "2025-01-12"
/// [demand.1]  category = "snacks", start/end, scale = 1.2
/// [price.1]   sku, start/end, change_pct = -10
/// [event.1]   date, name (an existing event)
/// [service.1] selectors, service_level = 0.98
/// [lead_time.1] selectors or source, add_days = 10 (or days = 14)
/// [lot.1]     selectors, moq, order_multiple
/// [source.1]  source = "SUP-B", unavailable_until = "2025-02-01"
/// ```
package struct Scenario {
    /// Which series a change applies to; nil fields match everything.
    package struct Selector: Equatable {
        package var sku: String?
        package var category: String?
        package var location: String?
        package var source: String?

        package func matches(_ s: Series, in data: DataSet) -> Bool {
            if let sku, data.skuName(s) != sku { return false }
            if let location, data.locationName(s) != location { return false }
            if let category, s.item?.category != category { return false }
            if let source, s.item?.source != source { return false }
            return true
        }

        package var isEmpty: Bool { sku == nil && category == nil && location == nil && source == nil }

        /// The same test on a series known by name (a baseline snapshot's catalog).
        package func matches(sku s: String, location l: String, category c: String?, source src: String?) -> Bool {
            if let sku, s != sku { return false }
            if let location, l != location { return false }
            if let category, c != category { return false }
            if let source, src != source { return false }
            return true
        }
    }

    package enum Change {
        case addPromotion(Selector, type: String, discount: Double?, start: Day, end: Day)
        case removePromotions(Selector, start: Day?, end: Day?)
        case movePromotions(Selector, start: Day?, end: Day?, days: Int)
        case extendPromotions(Selector, start: Day?, end: Day?, days: Int)
        case addEvent(day: Day, name: String)
        case price(Selector, start: Day, end: Day, factor: Double)
        case demand(Selector, start: Day, end: Day, factor: Double)
        case serviceLevel(Selector, Double)
        case leadTime(Selector, addDays: Double?, days: Double?)
        case lot(Selector, moq: Double?, orderMultiple: Double?)
        case sourceUnavailable(source: String, until: Day)
    }

    package var changes: [(change: Change, line: Int)] = []
    /// Config settings the scenario changes (horizon, service_level, …).
    package var settings: ConfigFile?

    /// The skus the changes may touch, by name, from the series of a baseline (`catalog`: sku,
    /// location, category, source); nil when a change touches every sku (an added event).
    /// A superset: a promotion change counts every sku its selector matches.
    package func candidateSkus(_ catalog: [(sku: String, location: String, category: String?, source: String?)]) -> Set<String>? {
        var skus = Set<String>()
        func add(_ sel: Selector) {
            for r in catalog where sel.matches(sku: r.sku, location: r.location, category: r.category, source: r.source) {
                skus.insert(r.sku)
            }
        }
        for (change, _) in changes {
            switch change {
            case .addPromotion(let sel, _, _, _, _), .removePromotions(let sel, _, _), .movePromotions(let sel, _, _, _),
                 .extendPromotions(let sel, _, _, _), .price(let sel, _, _, _), .demand(let sel, _, _, _),
                 .serviceLevel(let sel, _), .leadTime(let sel, _, _), .lot(let sel, _, _):
                add(sel)
            case .addEvent:
                return nil
            case .sourceUnavailable(let source, _):
                add(Selector(source: source))
            }
        }
        return skus
    }

    package static let sections = ["promotion", "event", "price", "demand", "service", "lead_time", "lot", "source"]

    /// Parses a scenario file; errors are usage errors naming the file and line.
    package init(path: String) throws {
        let file = try ConfigFile.read(path: path)
        settings = file.filtered { key in Scenario.sections.contains { key.hasPrefix($0 + ".") } }
        // Group "section.n.field" keys by (section, n), in file order.
        var groups: [String: (line: Int, fields: [String: (ConfigFile.Value, Int)])] = [:]
        for e in file.entries {
            let parts = e.key.split(separator: ".").map(String.init)
            guard let section = parts.first, Scenario.sections.contains(section) else { continue }
            guard parts.count == 3 else {
                throw RestockError.usage("\(path):\(e.line): expected a numbered section like [\(section).1], got '\(e.key)'")
            }
            let id = parts[0] + "." + parts[1]
            groups[id, default: (e.line, [:])].fields[parts[2]] = (e.value, e.line)
        }
        for (id, group) in groups.sorted(by: { $0.value.line < $1.value.line }) {
            let f = Fields(path: path, section: id, line: group.line, fields: group.fields)
            changes.append((try Scenario.change(String(id.split(separator: ".")[0]), f), group.line))
            try f.checkAllUsed()
        }
    }

    private static func change(_ section: String, _ f: Fields) throws -> Change {
        let selector = Selector(sku: try f.text("sku"), category: try f.text("category"),
                                location: try f.text("location"), source: try f.text("source"))
        switch section {
        case "promotion":
            let action = try f.text("action") ?? "add"
            switch action {
            case "add":
                guard selector.sku != nil || selector.category != nil else { throw f.fail("an added promotion needs sku or category") }
                return .addPromotion(selector, type: try f.required(f.text("type"), "type"), discount: try f.number("discount"),
                                     start: try f.required(f.day("start"), "start"), end: try f.required(f.day("end"), "end"))
            case "remove":
                return .removePromotions(selector, start: try f.day("start"), end: try f.day("end"))
            case "move":
                return .movePromotions(selector, start: try f.day("start"), end: try f.day("end"),
                                       days: try f.days("days"))
            case "extend":
                return .extendPromotions(selector, start: try f.day("start"), end: try f.day("end"),
                                         days: try f.days("days"))
            default:
                throw f.fail("action must be add, remove, move or extend, got \"\(action)\"")
            }
        case "event":
            return .addEvent(day: try f.required(f.day("date"), "date"), name: try f.required(f.text("name"), "name"))
        case "price":
            let pct = try f.required(f.number("change_pct"), "change_pct")
            guard pct > -100 else { throw f.fail("change_pct must be above -100") }
            return .price(selector, start: try f.required(f.day("start"), "start"), end: try f.required(f.day("end"), "end"),
                          factor: 1 + pct / 100)
        case "demand":
            let scale = try f.required(f.number("scale"), "scale")
            guard scale >= 0 else { throw f.fail("scale must be ≥ 0") }
            return .demand(selector, start: try f.required(f.day("start"), "start"), end: try f.required(f.day("end"), "end"),
                           factor: scale)
        case "service":
            let level = try f.required(f.number("service_level"), "service_level")
            guard level > 0 && level < 1 else { throw f.fail("service_level must be strictly between 0 and 1") }
            return .serviceLevel(selector, level)
        case "lead_time":
            let add = try f.number("add_days"), days = try f.number("days")
            guard add != nil || days != nil else { throw f.fail("needs add_days or days") }
            return .leadTime(selector, addDays: add, days: days)
        case "lot":
            return .lot(selector, moq: try f.number("moq"), orderMultiple: try f.number("order_multiple"))
        default:  // source
            return .sourceUnavailable(source: try f.required(f.text("source"), "source"),
                                      until: try f.required(f.day("unavailable_until"), "unavailable_until"))
        }
    }

    /// The fields of one numbered section, with typed access and an unused-field check.
    package final class Fields {
        package let path: String, section: String, line: Int
        package let fields: [String: (ConfigFile.Value, Int)]
        private var used: Set<String> = []
        package init(path: String, section: String, line: Int, fields: [String: (ConfigFile.Value, Int)]) {
            self.path = path; self.section = section; self.line = line; self.fields = fields
        }
        package func fail(_ m: String) -> RestockError { .usage("\(path):\(line): [\(section)] \(m)") }
        package func text(_ k: String) throws -> String? {
            guard let (v, _) = fields[k] else { return nil }
            used.insert(k)
            guard case .string(let s) = v else { throw fail("'\(k)' must be a \"string\"") }
            return s
        }
        package func number(_ k: String) throws -> Double? {
            guard let (v, _) = fields[k] else { return nil }
            used.insert(k)
            guard case .number(let d) = v else { throw fail("'\(k)' must be a number") }
            return d
        }
        package func day(_ k: String) throws -> Day? {
            guard let s = try text(k) else { return nil }
            guard let d = Day.parse(s) else { throw fail("'\(k)': '\(s)' is not a date YYYY-MM-DD") }
            return d
        }
        /// A required whole number of days in −3660…3660.
        package func days(_ k: String) throws -> Int {
            let v = try required(number(k), k)
            guard let d = Int(exactly: v), abs(d) <= 3660 else { throw fail("'\(k)' must be a whole number of days in -3660…3660") }
            return d
        }
        package func required<T>(_ v: T?, _ k: String) throws -> T {
            guard let v else { throw fail("needs '\(k)'") }
            return v
        }
        package func checkAllUsed() throws {
            if let extra = fields.keys.sorted().first(where: { !used.contains($0) }) {
                throw fail("unknown field '\(extra)'")
            }
        }
    }
}
