import ArgumentParser
import Foundation
import RestockData
import RestockSettings

/// Options every data command shares; each overrides the config file's setting of the same name.
struct CommonOptions: ParsableArguments {
    @Option(help: "Data directory holding sales.csv and the other input files.")
    var data: String

    @Option(name: .customLong("as-of"), help: "Behave as if run on this date (YYYY-MM-DD); default: the last date in sales.csv.")
    var asOf: String?

    @Option(help: "Config file (TOML) with defaults; RESTOCK_<SETTING> environment variables override it, flags override both.")
    var config: String?

    @Option(help: "Worker threads (0 = one per core).")
    var threads: Int?

    @Option(name: .customLong("max-series-in-memory"), help: "Hold at most this many series' histories at once: a larger catalogue is forecast and planned in parts, with the same outputs (0 = automatic: parts of 50,000 when sales are over 2 GiB).")
    var maxSeriesInMemory: Int?

    @Option(help: "Days to forecast after the as-of date.")
    var horizon: Int?

    @Option(help: "Prediction interval levels in percent, comma-separated (e.g. 80,95).")
    var levels: String?

    @Option(name: .customLong("service-level"), help: "Default cycle service level in (0,1) for items without one.")
    var serviceLevel: Double?

    @Option(name: .customLong("review-days"), help: "Default review period in days for items without one.")
    var reviewDays: Int?

    @Option(name: .customLong("policy"), help: "Default replenishment rule: order_up_to, s_S, min_max or days_of_supply.")
    var policy: String?

    @Option(name: .customLong("service-target"), help: "What the service level means: csl (cycle service level) or fill_rate.")
    var serviceTarget: String?

    @Option(name: .customLong("holdout-days"), help: "Recent days held out to choose each series' method.")
    var holdoutDays: Int?

    @Option(name: .customLong("reselect-days"), help: "Nights a chosen forecasting method is kept before choosing again (0 = every night).")
    var reselectDays: Int?

    @Option(name: .customLong("quantiles"), help: "Quantile columns q<p> at the end of forecast.csv, e.g. 0.5,0.95 (count distributions for slow movers).")
    var quantiles: String?

    @Option(name: .customLong("global-model"), help: "Combine each series' own model with one fitted across all series: auto (the equal-weight average or the own model alone, one choice per run on two holdout windows), on (equal weights) or off (default auto, or the config's global_model).")
    var globalModel: String?

    @Flag(help: "Stop at any input error instead of setting bad rows aside into rejected/ (as strict = true).")
    var strict = false

    @Option(name: .customLong("log-format"), help: "Log format on stderr: plain or json.")
    var logFormat: String?

    @Option(name: .customLong("log-level"), help: "Log level: debug, info, warning or error.")
    var logLevel: String?

    /// The config file's settings with every given flag applied, validated.
    func resolvedConfig() throws -> RestockConfig {
        var c = try RestockConfig.load(path: config, environment: ProcessInfo.processInfo.environment)
        if let threads { c.threads = threads }
        if let maxSeriesInMemory { c.maxSeriesInMemory = maxSeriesInMemory }
        if let horizon { c.horizon = horizon }
        if let serviceLevel { c.serviceLevel = serviceLevel }
        if let reviewDays { c.reviewDays = reviewDays }
        if let holdoutDays { c.holdoutDays = holdoutDays }
        if let policy { c.policy.defaultRule.kind = policy }
        if let reselectDays { c.reselectDays = reselectDays }
        if let serviceTarget { c.policy.defaultRule.serviceTarget = serviceTarget }
        if let globalModel {
            switch globalModel {
            case "on", "true": c.globalModel = .on
            case "off", "false": c.globalModel = .off
            case "auto": c.globalModel = .auto
            default: throw RestockError.usage("--global-model must be auto, on or off, got '\(globalModel)'")
            }
        }
        if strict { c.strict = true }
        if let logFormat { c.logFormat = logFormat }
        if let logLevel { c.logLevel = logLevel }
        /// A comma-separated list of numbers given to `--<flag>`.
        func numbers(_ text: String, flag: String) throws -> [Double] {
            try text.split(separator: ",").map { String($0).trimmingCharacters() }.map {
                guard let v = Double($0) else { throw RestockError.usage("--\(flag): '\($0)' is not a number") }
                return v
            }
        }
        if let levels { c.levels = try numbers(levels, flag: "levels") }
        if let quantiles { c.quantiles = try numbers(quantiles, flag: "quantiles") }
        try c.validate(source: config == nil ? "options" : "options and \(config!)")
        return c
    }

    /// The `--as-of` day, if given.
    func asOfDay() throws -> Day? {
        guard let asOf else { return nil }
        guard let d = Day.parse(asOf) else { throw RestockError.usage("--as-of: '\(asOf)' is not a date YYYY-MM-DD") }
        return d
    }
}

/// The output directory option.
struct OutputOptions: ParsableArguments {
    @Option(help: "Output directory; written as a whole set (previous files stay until the new set is complete).")
    var out: String
}
