import Foundation
import RestockData
import Replenish

/// Every setting of a run, with its default, decoded from the config file and then overridden
/// by flags. Defaults live here and nowhere else.
package struct RestockConfig: Equatable {
    /// Days forecast after the as-of date, ≥ 1.
    package var horizon = 56
    /// Prediction interval levels in percent, each in (0, 100); one lo/hi column pair each.
    package var levels: [Double] = [80, 95]
    /// Cycle service level for items whose `service_level` is blank, in (0, 1).
    package var serviceLevel = 0.95
    /// Review period for items whose `review_days` is blank, days ≥ 1.
    package var reviewDays = 7
    /// Worker threads; 0 = one per core.
    package var threads = 0
    /// Most recent days held out to choose each series' forecasting method, ≥ 1.
    package var holdoutDays = 28
    /// Days of cover above which stock is reported as excess (and counted slow-moving), > 0.
    package var excessCoverDays = 120.0
    /// Days without a sale after which stock on hand is reported as dead stock, ≥ 1.
    package var deadStockDays = 90
    /// Nights a chosen forecasting method is kept (refitted, not re-chosen) before choosing again;
    /// 0 = choose every night.
    package var reselectDays = 7
    /// Rebalancing: stock a sender keeps beyond its order-up-to level, days of its demand, ≥ 0.
    package var rebalanceKeepCoverDays = 14.0
    /// Rebalancing: a lateral move is worth it when its cost per unit ≤ this share of unit cost.
    package var rebalanceMaxCostShare = 0.25
    /// Replenishment rules per category and sku, service target type and ordering costs.
    package var policy = PolicyConfig()
    /// Caps on the night's purchase spend (`[budget]`): total, per supplier, per category.
    package var budget = OrderBudget()
    /// Probabilities in (0, 1) of the quantile columns `q<p>` written at the end of
    /// `forecast.csv` (``DemandForecast/quantile(_:_:)``: count distributions for slow movers).
    package var quantiles: [Double] = []
    /// Whether and how each series' own model is combined with the cross-series model
    /// (``GlobalModel``) fitted on the series of the run.
    package var globalModel = GlobalModelMode.auto
    /// Log format on stderr: `plain` or `json`.
    package var logFormat = "plain"
    /// Log level: `debug`, `info`, `warning`, `error`.
    package var logLevel = "info"
    /// Whether an item that would run out before its next review night's order could arrive, or
    /// whose stock until then is short of its service target (`Replenish.WaitCover`), orders
    /// tonight, out of cycle (reason `expedite`).
    package var expedite = true
    /// Whether a peak a supplier cannot deliver within its `weekly_capacity_units` in the weeks
    /// before it is built earlier, on tonight's orders (`prebuild_units`, `capacity_prebuild`).
    package var prebuild = true
    /// Stop at any input error (no rows set aside).
    package var strict = false
    /// Shares of rows with errors that may be set aside into `rejected/`: `sales.csv`'s, and
    /// every other file's (``InputIssues/Quarantine``).
    package var maxRejectedShareSales = 0.001
    package var maxRejectedShare = 0.01
    /// The gate against the previous night's inputs (``InputGate``), and the freshness limit:
    /// a night whose last sales date is more than this many days before today stops (0 = off).
    package var inputGate = InputGate()
    package var maxInputAgeDays = 0
    /// At most this many series' histories held at once: a larger catalogue is forecast and
    /// planned in parts of whole skus (``BucketedNight``), with the same outputs; 0 = automatic
    /// (in parts of 50,000 series when the sales table is over 2 GiB as stored, else whole).
    /// Not in ``fingerprint``: it changes memory, not what is written.
    package var maxSeriesInMemory = 0
    /// The defaults.
    package init() {}

    /// The loader's quarantine: nil when strict.
    package var quarantine: InputIssues.Quarantine? {
        strict ? nil : InputIssues.Quarantine(sales: maxRejectedShareSales, other: maxRejectedShare)
    }

    package static let keys: Set<String> = [
        "horizon", "levels", "service_level", "review_days", "threads", "holdout_days", "log_format", "log_level",
        "excess_cover_days", "dead_stock_days", "reselect_days", "rebalance_keep_cover_days", "rebalance_max_cost_share", "global_model", "quantiles",
        "strict", "max_rejected_share_sales", "max_rejected_share", "expedite", "prebuild",
        "gate_max_series_drop", "gate_max_sales_rows_drop", "gate_max_units_drop", "gate_max_active_share_drop", "gate_max_last_day_drop", "max_input_age_days",
        "max_series_in_memory",
    ]

    /// Reads `path` over the defaults. Errors (bad syntax, unknown keys, out-of-range values) are
    /// usage errors naming the file and line.
    package static func load(path: String?) throws -> RestockConfig {
        var config = RestockConfig()
        guard let path else { return config }
        try config.apply(ConfigFile.read(path: path))
        return config
    }

    /// The config file's settings (or the defaults), then those set in the environment: each
    /// top-level setting as `RESTOCK_<NAME>` (`RESTOCK_HORIZON=28`, `RESTOCK_LEVELS=80,95`,
    /// `RESTOCK_LOG_FORMAT=json`, `RESTOCK_GLOBAL_MODEL=off`). A value is read as a TOML value
    /// (`[80, 95]`, `"json"`), else as a comma-separated list of numbers, else as a string. Other
    /// `RESTOCK_*` variables are not settings and are left alone. Errors name the variable.
    package static func load(path: String?, environment: [String: String]) throws -> RestockConfig {
        var config = try load(path: path)
        for key in keys.sorted() {
            let name = "RESTOCK_" + key.uppercased()
            guard let text = environment[name] else { continue }
            let source = "environment variable \(name)"
            do { try config.apply(ConfigFile(path: source, values: [key: environmentValue(text)], line: 0)) } catch let e as RestockError {
                // A variable has no lines: "<source>:0: message" reads "<source>: message".
                throw RestockError(status: e.status, message: e.message.replacingOccurrences(of: source + ":0:", with: source + ":"))
            }
        }
        return config
    }

    /// An environment variable's text as a setting's value.
    static func environmentValue(_ text: String) -> ConfigFile.Value {
        if let v = (try? ConfigFile(path: "", text: "v = " + text))?.value("v")?.value { return v }
        let parts = text.split(separator: ",").map { String($0).trimmingCharacters() }
        if parts.count > 1 || text.contains(","), case let numbers = parts.compactMap(Double.init), numbers.count == parts.count {
            return .array(numbers.map { .number($0) })
        }
        return .string(text)
    }

    /// Applies a parsed config file's settings (all of its keys must be config settings).
    package mutating func apply(_ file: ConfigFile) throws {
        let path = file.path
        var config = self
        defer { self = config }
        for (key, line) in file.unknownKeys(known: RestockConfig.keys) {
            if try config.policy.take(key: key, value: file.value(key)!.value, path: path, line: line) { continue }
            if try config.budget.take(key: key, value: file.value(key)!.value, path: path, line: line) { continue }
            throw RestockError.usage("\(path):\(line): unknown setting '\(key)' (known: \(RestockConfig.keys.sorted().joined(separator: ", ")), policy.*, budget.*)")
        }
        func number(_ key: String) throws -> Double? {
            guard let (v, line) = file.value(key) else { return nil }
            guard case .number(let d) = v else { throw RestockError.usage("\(path):\(line): '\(key)' must be a number") }
            return d
        }
        func string(_ key: String) throws -> String? {
            guard let (v, line) = file.value(key) else { return nil }
            guard case .string(let s) = v else { throw RestockError.usage("\(path):\(line): '\(key)' must be a \"string\"") }
            return s
        }
        func integer(_ key: String) throws -> Int? {
            guard let v = try number(key) else { return nil }
            guard let i = Int(exactly: v), abs(i) <= 1_000_000 else {
                throw RestockError.usage("\(path):\(file.value(key)!.line): '\(key)' must be a whole number, got \(v)")
            }
            return i
        }
        if let v = try integer("horizon") { config.horizon = v }
        if let v = try number("service_level") { config.serviceLevel = v }
        if let v = try integer("review_days") { config.reviewDays = v }
        if let v = try integer("threads") { config.threads = v }
        if let v = try integer("max_series_in_memory") { config.maxSeriesInMemory = v }
        if let v = try integer("holdout_days") { config.holdoutDays = v }
        if let v = try number("excess_cover_days") { config.excessCoverDays = v }
        if let v = try integer("dead_stock_days") { config.deadStockDays = v }
        if let v = try integer("reselect_days") { config.reselectDays = v }
        if let v = try number("rebalance_keep_cover_days") { config.rebalanceKeepCoverDays = v }
        if let v = try number("rebalance_max_cost_share") { config.rebalanceMaxCostShare = v }
        if let (v, line) = file.value("global_model") {
            switch v {
            case .bool(let b): config.globalModel = b ? .on : .off
            case .string(let s) where GlobalModelMode(rawValue: s) != nil: config.globalModel = GlobalModelMode(rawValue: s)!
            default: throw RestockError.usage("\(path):\(line): 'global_model' must be true, false or \"auto\"")
            }
        }
        if let (v, line) = file.value("strict") {
            guard case .bool(let b) = v else { throw RestockError.usage("\(path):\(line): 'strict' must be true or false") }
            config.strict = b
        }
        if let (v, line) = file.value("expedite") {
            guard case .bool(let b) = v else { throw RestockError.usage("\(path):\(line): 'expedite' must be true or false") }
            config.expedite = b
        }
        if let (v, line) = file.value("prebuild") {
            guard case .bool(let b) = v else { throw RestockError.usage("\(path):\(line): 'prebuild' must be true or false") }
            config.prebuild = b
        }
        if let v = try number("max_rejected_share_sales") { config.maxRejectedShareSales = v }
        if let v = try number("max_rejected_share") { config.maxRejectedShare = v }
        if let v = try number("gate_max_series_drop") { config.inputGate.maxSeriesDrop = v }
        if let v = try number("gate_max_sales_rows_drop") { config.inputGate.maxSalesRowsDrop = v }
        if let v = try number("gate_max_units_drop") { config.inputGate.maxUnitsDrop = v }
        if let v = try number("gate_max_active_share_drop") { config.inputGate.maxActiveShareDrop = v }
        if let v = try number("gate_max_last_day_drop") { config.inputGate.maxLastDayDrop = v }
        if let v = try integer("max_input_age_days") { config.maxInputAgeDays = v }
        if let v = try string("log_format") { config.logFormat = v }
        if let v = try string("log_level") { config.logLevel = v }
        func numbers(_ key: String, example: String) throws -> [Double]? {
            guard let (v, line) = file.value(key) else { return nil }
            guard case .array(let items) = v else { throw RestockError.usage("\(path):\(line): '\(key)' must be an array like \(example)") }
            return try items.map {
                guard case .number(let d) = $0 else { throw RestockError.usage("\(path):\(line): '\(key)' must hold numbers") }
                return d
            }
        }
        if let v = try numbers("quantiles", example: "[0.5, 0.95]") { config.quantiles = v }
        if let v = try numbers("levels", example: "[80, 95]") { config.levels = v }
        try config.validate(source: path)
    }

    /// Checks ranges; `source` names where the values came from.
    package func validate(source: String) throws {
        func fail(_ m: String) -> RestockError { .usage("\(source): \(m)") }
        guard horizon >= 1 && horizon <= 3660 else { throw fail("horizon must be 1...3660 days, got \(horizon)") }
        guard !levels.isEmpty, levels.allSatisfy({ $0 > 0 && $0 < 100 }) else {
            throw fail("levels must be percentages strictly between 0 and 100, got \(levels)")
        }
        guard Set(levels).count == levels.count else { throw fail("levels must be distinct, got \(levels)") }
        guard quantiles.allSatisfy({ $0 > 0 && $0 < 1 }), Set(quantiles).count == quantiles.count, quantiles.count <= 99 else {
            throw fail("quantiles must be distinct probabilities strictly between 0 and 1, got \(quantiles)")
        }
        guard serviceLevel > 0 && serviceLevel < 1 else { throw fail("service_level must be strictly between 0 and 1, got \(serviceLevel)") }
        guard reviewDays >= 1 else { throw fail("review_days must be ≥ 1, got \(reviewDays)") }
        guard threads >= 0 && threads <= 1024 else { throw fail("threads must be 0…1024, got \(threads)") }
        guard maxSeriesInMemory >= 0 else { throw fail("max_series_in_memory must be ≥ 0 (0 = automatic), got \(maxSeriesInMemory)") }
        guard holdoutDays >= 1 else { throw fail("holdout_days must be ≥ 1, got \(holdoutDays)") }
        guard excessCoverDays > 0 else { throw fail("excess_cover_days must be > 0, got \(excessCoverDays)") }
        guard reselectDays >= 0 else { throw fail("reselect_days must be ≥ 0, got \(reselectDays)") }
        guard deadStockDays >= 1 else { throw fail("dead_stock_days must be ≥ 1, got \(deadStockDays)") }
        guard rebalanceKeepCoverDays >= 0, rebalanceMaxCostShare >= 0 else {
            throw fail("rebalance_keep_cover_days and rebalance_max_cost_share must be ≥ 0")
        }
        guard (0...1).contains(maxRejectedShareSales), (0...1).contains(maxRejectedShare) else {
            throw fail("max_rejected_share_sales and max_rejected_share must be shares in 0…1, got \(maxRejectedShareSales) and \(maxRejectedShare)")
        }
        let g = inputGate
        guard [g.maxSeriesDrop, g.maxSalesRowsDrop, g.maxUnitsDrop, g.maxActiveShareDrop, g.maxLastDayDrop].allSatisfy({ (0...1).contains($0) }) else {
            throw fail("gate_max_series_drop, gate_max_sales_rows_drop, gate_max_units_drop, gate_max_active_share_drop and gate_max_last_day_drop must be shares in 0…1")
        }
        guard maxInputAgeDays >= 0 else { throw fail("max_input_age_days must be ≥ 0 (0 = off), got \(maxInputAgeDays)") }
        try policy.validate(source: source)
        guard ["plain", "json"].contains(logFormat) else { throw fail("log_format must be \"plain\" or \"json\", got \"\(logFormat)\"") }
        guard ["trace", "debug", "info", "notice", "warning", "error", "critical"].contains(logLevel) else {
            throw fail("log_level must be debug, info, warning or error, got \"\(logLevel)\"")
        }
    }

    /// Worker threads to use.
    package var effectiveThreads: Int { threads > 0 ? threads : max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Column suffix for a level: 80 → "80", 97.5 → "97.5".
    package static func levelLabel(_ level: Double) -> String {
        level == level.rounded() ? String(Int(level)) : String(level)
    }
}

extension RestockConfig {
    /// Every setting that changes what a run writes, as text (threads and logging left out,
    /// policy maps sorted): equal fingerprints give equal outputs for equal data.
    package var fingerprint: String {
        func rule(_ r: PolicyConfig.Rule) -> String {
            "\(r.kind ?? "-")/\(r.min.map { "\($0)" } ?? "-")/\(r.max.map { "\($0)" } ?? "-")/\(r.serviceTarget ?? "-")"
        }
        var parts = ["horizon=\(horizon)", "levels=\(levels.sorted())", "service_level=\(serviceLevel)", "review_days=\(reviewDays)",
                     "holdout_days=\(holdoutDays)", "excess_cover_days=\(excessCoverDays)", "dead_stock_days=\(deadStockDays)",
                     "reselect_days=\(reselectDays)", "rebalance_keep_cover_days=\(rebalanceKeepCoverDays)",
                     "rebalance_max_cost_share=\(rebalanceMaxCostShare)", "policy=\(rule(policy.defaultRule))",
                     "ordering_cost=\(policy.orderingCost)", "holding_rate=\(policy.holdingRate)"]
        if !expedite { parts.append("expedite=false") }
        if !prebuild { parts.append("prebuild=false") }
        switch globalModel {
        case .off: break  // as before the option existed, so older snapshots stay valid
        case .on: parts.append("global_model=true")
        case .auto: parts.append("global_model=auto")
        }
        if !quantiles.isEmpty { parts.append("quantiles=\(quantiles)") }
        parts += policy.categories.sorted { $0.key < $1.key }.map { "category:\($0.key)=\(rule($0.value))" }
        parts += policy.skus.sorted { $0.key < $1.key }.map { "sku:\($0.key)=\(rule($0.value))" }
        parts += policy.orderWeekdayFingerprint
        parts += budget.fingerprintParts
        return parts.joined(separator: ";")
    }
}

/// How each series' own forecast is combined with the cross-series model (`global_model`).
package enum GlobalModelMode: String, Sendable {
    /// The series' own model alone.
    case off
    /// The equal-weight average of the two, for every series.
    case on
    /// A weight per demand class chosen on two holdout windows before the as-of date by the
    /// weighted RMSSE (``CombinationWeights``): 0 where the cross-series model does not help.
    case auto
}
