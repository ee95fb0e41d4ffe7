import RestockData

/// Everything `report.html` shows, gathered by the executable (run, whatif, backtest).
/// Values are plain numbers and names; the renderer does no computation beyond layout.
public struct ReportInput: Sendable {
    /// Page title, e.g. "restock run — as of 2024-12-30".
    public var title: String
    public var asOf: Day
    /// Headline figures in display order, e.g. ("Days of cover", "6.2").
    public var kpis: [(label: String, value: String)]
    /// Exception counts by kind, and the top rows of each kind (sku, location, detail).
    public var exceptionsByKind: [(kind: String, count: Int, top: [(sku: String, location: String, detail: String)])]
    /// Forecast model names and how many series use each.
    public var modelMix: [(model: String, series: Int)]
    /// Backtest accuracy rows (model, segment, MASE, RMSSE, WAPE); empty when not backtested.
    public var accuracy: [(model: String, segment: String, mase: Double, rmsse: Double, wape: Double)]
    /// One chart per selected series.
    public var charts: [SeriesChart]
    /// Notes shown at the end (warnings, what the scenario changed).
    public var notes: [String]

    public init(title: String, asOf: Day, kpis: [(label: String, value: String)] = [],
                exceptionsByKind: [(kind: String, count: Int, top: [(sku: String, location: String, detail: String)])] = [],
                modelMix: [(model: String, series: Int)] = [],
                accuracy: [(model: String, segment: String, mase: Double, rmsse: Double, wape: Double)] = [],
                charts: [SeriesChart] = [], notes: [String] = []) {
        self.title = title
        self.asOf = asOf
        self.kpis = kpis
        self.exceptionsByKind = exceptionsByKind
        self.modelMix = modelMix
        self.accuracy = accuracy
        self.charts = charts
        self.notes = notes
    }
}

/// One series' chart: recent history, the forecast with its interval, promotions shaded,
/// events marked, projected inventory, planned arrivals and tonight's order; for a what-if the
/// scenario's forecast and projection next to the baseline.
public struct SeriesChart: Sendable {
    /// "SKU00001 at S01".
    public var title: String
    /// Why it was chosen ("highest value", "stock-out risk", "changed by the scenario").
    public var reason: String
    /// First day of `history`.
    public var historyStart: Day
    /// Units sold per day (the last weeks before as-of), and which days were stock-outs.
    public var history: [Double]
    public var censored: [Bool]
    /// Forecast from as-of + 1: mean and one interval (level in percent, e.g. 80).
    public var forecast: [Double]
    public var lower: [Double]
    public var upper: [Double]
    public var intervalLevel: Double
    /// Scenario forecast (what-if only), same days as `forecast`.
    public var scenarioForecast: [Double]?
    /// Promotions overlapping the chart (inclusive days) and events on it.
    public var promotions: [(start: Day, end: Day, label: String)]
    public var events: [(day: Day, label: String)]
    /// Projected available stock from as-of + 1 (units), baseline and scenario.
    public var projectedInventory: [Double]?
    public var scenarioProjectedInventory: [Double]?
    /// Inbound units by arrival day (open orders and tonight's orders), and tonight's orders.
    public var arrivals: [(day: Day, quantity: Double, label: String)]
    public var reorderPoint: Double?
    public var orderUpTo: Double?

    public init(title: String, reason: String, historyStart: Day, history: [Double], censored: [Bool],
                forecast: [Double], lower: [Double], upper: [Double], intervalLevel: Double,
                scenarioForecast: [Double]? = nil, promotions: [(start: Day, end: Day, label: String)] = [],
                events: [(day: Day, label: String)] = [], projectedInventory: [Double]? = nil,
                scenarioProjectedInventory: [Double]? = nil, arrivals: [(day: Day, quantity: Double, label: String)] = [],
                reorderPoint: Double? = nil, orderUpTo: Double? = nil) {
        self.title = title
        self.reason = reason
        self.historyStart = historyStart
        self.history = history
        self.censored = censored
        self.forecast = forecast
        self.lower = lower
        self.upper = upper
        self.intervalLevel = intervalLevel
        self.scenarioForecast = scenarioForecast
        self.promotions = promotions
        self.events = events
        self.projectedInventory = projectedInventory
        self.scenarioProjectedInventory = scenarioProjectedInventory
        self.arrivals = arrivals
        self.reorderPoint = reorderPoint
        self.orderUpTo = orderUpTo
    }
}
