import Forecast
import RestockData
import Replenish

/// Which replenishment rule, service target and costs apply to each item, from the config file:
///
/// ```toml
/// [policy]
/// kind = "s_S"                  # order_up_to | s_S | min_max | days_of_supply
/// service_target = "csl"        # csl (cycle service level) | fill_rate
/// ordering_cost = 40            # per purchase order; with unit_cost and holding_rate gives EOQ lots
/// holding_rate = 0.25           # per year, fraction of unit cost
///
/// [policy.category.household]   # every item whose items.csv category is "household"
/// kind = "days_of_supply"
/// order_weekday = "thu"         # items without a supplier calendar: reviews ordering on Thursdays
/// min = 10                      # days (units for min_max)
/// max = 30
///
/// [policy.sku.SKU00042]         # one sku at every location: overrides its category
/// kind = "min_max"
/// min = 20
/// max = 80
/// ```
///
/// The service level itself is the item's `service_level` (items.csv) or `service_level` in the
/// config; with `fill_rate` it is read as the fill rate to reach.
package struct PolicyConfig: Equatable {
    package struct Rule: Equatable {
        package var kind: String? = nil
        package var min: Double? = nil
        package var max: Double? = nil
        package var serviceTarget: String? = nil
        /// The weekday review orders are dated (`mon` … `sun`), for items without a supplier
        /// calendar (``ReviewCalendar``); nil = the sku's hash.
        package var orderWeekday: String? = nil
    }

    package var defaultRule = Rule(kind: "s_S", min: nil, max: nil, serviceTarget: "csl")
    package var categories: [String: Rule] = [:]
    package var skus: [String: Rule] = [:]
    /// Cost of placing one purchase order (currency); 0 = no EOQ.
    package var orderingCost = 0.0
    /// Holding cost per year as a fraction of unit cost.
    package var holdingRate = 0.25

    package static let ruleKeys: Set<String> = ["kind", "min", "max", "service_target", "order_weekday"]

    /// Whether `key` (dotted) belongs to the policy section; sets it when so.
    package mutating func take(key: String, value: ConfigFile.Value, path: String, line: Int) throws -> Bool {
        let parts = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.first == "policy" else { return false }
        func fail(_ m: String) -> RestockError { .usage("\(path):\(line): \(m)") }
        func number() throws -> Double {
            guard case .number(let d) = value else { throw fail("'\(key)' must be a number") }
            return d
        }
        func text() throws -> String {
            guard case .string(let s) = value else { throw fail("'\(key)' must be a \"string\"") }
            return s
        }
        func set(_ rule: inout Rule, _ field: String) throws {
            switch field {
            case "kind": rule.kind = try text()
            case "min": rule.min = try number()
            case "max": rule.max = try number()
            case "service_target": rule.serviceTarget = try text()
            case "order_weekday":
                let day = try text()
                guard PolicyConfig.weekday(day) != nil else { throw fail("'\(key)' must be one weekday such as \"mon\", got \"\(day)\"") }
                rule.orderWeekday = day
            default: throw fail("unknown policy setting '\(field)' (known: kind, min, max, service_target, order_weekday)")
            }
        }
        if parts.count == 2 {
            switch parts[1] {
            case "ordering_cost": orderingCost = try number()
            case "holding_rate": holdingRate = try number()
            default: try set(&defaultRule, parts[1])
            }
            return true
        }
        if parts.count >= 4 && (parts[1] == "category" || parts[1] == "sku") {
            let name = parts[2..<(parts.count - 1)].joined(separator: ".")
            if parts[1] == "category" { try set(&categories[name, default: Rule()], parts.last!) }
            else { try set(&skus[name, default: Rule()], parts.last!) }
            return true
        }
        throw fail("unknown setting '\(key)': expected policy.<setting>, policy.category.<name>.<setting> or policy.sku.<name>.<setting>")
    }

    /// Checks every rule resolves; `source` names the config file.
    package func validate(source: String) throws {
        var scopes: [(String, Rule)] = [("policy", defaultRule)]
        scopes += categories.map { (key, value) in ("policy.category.\(key)", value) }
        scopes += skus.map { (key, value) in ("policy.sku.\(key)", value) }
        for (scope, rule) in scopes {
            if scope != "policy" && rule.kind == nil && (rule.min != nil || rule.max != nil) {
                throw RestockError.usage("\(source): [\(scope)] sets min/max without kind: name the kind it applies to")
            }
            let merged = resolve(rule, over: defaultRule)
            do { _ = try PolicyKind(configName: merged.kind ?? "s_S", min: merged.min, max: merged.max) } catch {
                throw RestockError.usage("\(source): [\(scope)] \(error)")
            }
            if let t = merged.serviceTarget, t != "csl" && t != "fill_rate" {
                throw RestockError.usage("\(source): [\(scope)] service_target must be \"csl\" or \"fill_rate\", got \"\(t)\"")
            }
        }
        guard orderingCost >= 0, holdingRate > 0 else {
            throw RestockError.usage("\(source): policy.ordering_cost must be ≥ 0 and policy.holding_rate > 0")
        }
    }

    /// A warning for each sku or category rule that names a sku or category the data does not
    /// have (a typo, or an item since delisted): the rule applies to nothing.
    package func unmatchedRules(skus known: Set<String>, categories knownCategories: Set<String>) -> [String] {
        var out: [String] = []
        for name in categories.keys.sorted() where !knownCategories.contains(name) {
            out.append("config: the rule [policy.category.\(PolicyConfig.quoted(name))] names category '\(name)', which no items.csv row has; it applies to nothing")
        }
        for name in skus.keys.sorted() where !known.contains(name) {
            out.append("config: the rule [policy.sku.\(PolicyConfig.quoted(name))] names sku '\(name)', which is not in the data; it applies to nothing")
        }
        return out
    }

    /// ``unmatchedRules(skus:categories:)`` against a loaded data set's skus and items' categories.
    package func unmatchedRules(in data: DataSet) -> [String] {
        guard !skus.isEmpty || !categories.isEmpty else { return [] }
        var names = Set<String>(), cats = Set<String>()
        for s in data.series {
            names.insert(data.skuName(s))
            if let c = s.item?.category { cats.insert(c) }
        }
        return unmatchedRules(skus: names, categories: cats)
    }

    /// A TOML key as written in a table header: bare when it can be, else quoted.
    static func quoted(_ key: String) -> String {
        key.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" })
            ? key : "\"" + key.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    private func resolve(_ rule: Rule, over base: Rule) -> Rule {
        // A rule that names its kind brings its own min/max.
        if rule.kind != nil {
            return Rule(kind: rule.kind, min: rule.min, max: rule.max, serviceTarget: rule.serviceTarget ?? base.serviceTarget,
                        orderWeekday: rule.orderWeekday ?? base.orderWeekday)
        }
        return Rule(kind: base.kind, min: rule.min ?? base.min, max: rule.max ?? base.max,
                    serviceTarget: rule.serviceTarget ?? base.serviceTarget, orderWeekday: rule.orderWeekday ?? base.orderWeekday)
    }

    /// `mon` … `sun` (or a full name, any case) as 0 Monday … 6 Sunday; nil unless exactly one weekday.
    static func weekday(_ text: String) -> Int? {
        guard let bits = SupplierCalendar.weekdays(text), bits.nonzeroBitCount == 1 else { return nil }
        return bits.trailingZeroBitCount
    }

    /// The weekday an item's review orders are dated (0 Monday … 6 Sunday): sku rule over
    /// category rule over the default; nil = none set.
    package func orderWeekday(sku: String, category: String?) -> Int? {
        let name = skus[sku]?.orderWeekday ?? category.flatMap { categories[$0]?.orderWeekday } ?? defaultRule.orderWeekday
        return name.flatMap(PolicyConfig.weekday)
    }

    /// Any `order_weekday`, as text for the config's fingerprint (empty when none is set).
    var orderWeekdayFingerprint: [String] {
        var parts: [String] = []
        if let w = defaultRule.orderWeekday { parts.append("order_weekday=\(w)") }
        for (k, r) in categories.sorted(by: { $0.key < $1.key }) { if let w = r.orderWeekday { parts.append("category:\(k).order_weekday=\(w)") } }
        for (k, r) in skus.sorted(by: { $0.key < $1.key }) { if let w = r.orderWeekday { parts.append("sku:\(k).order_weekday=\(w)") } }
        return parts
    }

    /// The rule, target and costs for an item: sku rule over category rule over the default.
    package func assignment(sku: String, category: String?, serviceLevel: Double, unitCost: Double?) -> (PolicyKind, ServiceTarget, OrderingCosts?) {
        var rule = defaultRule
        if let c = category, let r = categories[c] { rule = resolve(r, over: rule) }
        if let r = skus[sku] { rule = resolve(r, over: rule) }
        let kind = (try? PolicyKind(configName: rule.kind ?? "s_S", min: rule.min, max: rule.max)) ?? .reorderPointOrderUpTo
        let target: ServiceTarget = rule.serviceTarget == "fill_rate" ? .fillRate(serviceLevel) : .cycleServiceLevel(serviceLevel)
        var costs: OrderingCosts? = nil
        if orderingCost > 0, let c = unitCost, c > 0 {
            costs = OrderingCosts(unitCost: c, orderingCost: orderingCost, holdingRatePerYear: holdingRate)
        }
        return (kind, target, costs)
    }
}

extension RestockConfig {
    /// Tonight's decision input for one item: its settings, the configured rule, target and costs.
    /// `night` is the as-of day of the decision (it decides whether this is a review night).
    /// `calendar`: the supplier's order days (`suppliers.csv`) when the item is bought from one
    /// that has them: it is reviewed on the nights before them (tonight's order is dated the
    /// next day), protected until the order placed on the next order day arrives, and may be
    /// expedited only if the supplier allows. Without one, every `review_days` nights, staggered
    /// by sku (``ReviewCalendar``).
    package func replenishmentInput(sku: String, item: ItemSettings, night: Day, onHand: Double, allocated: Double,
                            inbound: [(day: Int, quantity: Double)], forecast f: DemandForecast,
                            history: SeriesHistory? = nil, calendar: SupplierCalendar? = nil) -> ReplenishmentInput {
        let level = item.serviceLevel ?? serviceLevel
        let review = item.reviewDays ?? reviewDays
        let (kind, target, costs) = policy.assignment(sku: sku, category: item.category, serviceLevel: level,
                                                      unitCost: item.unitCost)
        var input = ReplenishmentInput(
            onHand: onHand, allocated: allocated, inbound: inbound, demandMean: f.mean, demandSD: f.sd,
            leadTimeDays: item.leadTimeDays, leadTimeSDDays: item.leadTimeSDDays,
            reviewDays: review, serviceLevel: level,
            lot: LotRules(moq: item.moq, orderMultiple: item.orderMultiple, maxUnits: item.maxUnits),
            serviceTarget: target, policy: kind, costs: costs)
        if let calendar {
            let orderDate = night.adding(1)
            let wait = calendar.daysToOrderDay(from: orderDate)
            input.daysToNextReview = wait
            input.reviewDays = calendar.daysToNextOrderDay(after: orderDate.adding(wait))
            input.expediteAllowed = expedite && calendar.allowsExpedite
        } else {
            input.daysToNextReview = ReviewCalendar.daysToReview(from: night, reviewDays: review, sku: sku,
                                                                 orderWeekday: policy.orderWeekday(sku: sku, category: item.category))
            input.expediteAllowed = expedite
        }
        input.reviewsTonight = input.daysToNextReview == 0
        if let history { input.recentDemand = RestockConfig.recentDemand(history, through: night) }
        return input
    }

    /// The last 364 days of demand up to and including `night` (NaN on stock-out days).
    package static func recentDemand(_ h: SeriesHistory, through night: Day, days: Int = 364) -> [Double] {
        let end = min(h.count, h.firstDay.distance(to: night) + 1)
        guard end > 0 else { return [] }
        let start = max(0, end - days)
        return (start..<end).map { h.isStockout($0) ? .nan : h.quantity[$0] }
    }
}
