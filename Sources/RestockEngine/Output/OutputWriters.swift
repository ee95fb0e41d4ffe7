import Forecast
import Foundation
import Replenish
import RestockData
import RestockSettings

/// Writes the contract's output tables into the staging directory, batch by batch, and
/// counts what it wrote for the summary.
package final class OutputWriters {
    /// The data set the batches being written come from: the night's, or the part of it loaded
    /// now (``BucketedNight`` rebinds it part by part, ``rebind(to:seriesOffset:)``).
    package private(set) var data: DataSet
    package let config: RestockConfig
    package let forecast: CSVWriter
    package let orders: CSVWriter?
    package let transfers: CSVWriter?
    package let exceptions: CSVWriter?
    private let levels: [Double]
    private let directory: OutputDirectory
    package let state: CSVWriter
    /// Collects what report.html shows.
    package let report = ReportCollector()
    /// For a what-if: the baseline forecast of a series (charts show both).
    package var baselineForecast: ((Int) -> DemandForecast?)? = nil
    /// Called before each sku's rows are written (the nightly run records where they start).
    package var willWriteSku: ((Range<Int>) throws -> Void)? = nil
    /// Called with each series' tally once its rows are written.
    package var didWriteSeries: ((Int, SeriesTally, DemandForecast?) throws -> Void)? = nil
    /// Maps a series index of `data` to its place among all series (what-if on part of the data).
    package var globalIndex: (Int) -> Int = { $0 }

    /// Everything written so far, summed series by series (then the supplier stage's lines, at ``close()``).
    package var totals = RunTotals()
    package var forecastRows: Int { totals.forecastRows }
    package var orderRows: Int { totals.orderRows }
    package var transferRows: Int { totals.transferRows }
    package var exceptionRows: Int { totals.exceptionRows }
    package var unitsOrdered: Double { totals.unitsOrdered }
    package var unitsTransferred: Double { totals.unitsTransferred }
    package var modelMix: [String: Int] { totals.modelMix }
    package var exceptionKinds: [String: Int] { totals.exceptionKinds }
    package var kpis: PlanKPIs { totals.kpis }
    /// Thread seconds spent forecasting and planning, summed over all skus.
    package private(set) var forecastThreadSeconds = 0.0
    /// Series whose forecast ``ForecastGuard`` replaced, and the first 20 of them named.
    package private(set) var fallbackCount = 0
    package private(set) var fallbackWarnings: [String] = []
    /// The run's warnings about replaced forecasts: the first 20 named, then how many more.
    package var fallbackSummary: [String] {
        guard fallbackCount > fallbackWarnings.count else { return fallbackWarnings }
        return fallbackWarnings + ["\(fallbackCount - fallbackWarnings.count) more series' forecasts replaced by the 28-day mean"]
    }
    package private(set) var planThreadSeconds = 0.0
    /// Wall seconds of the cross-sku supplier stage at ``close()`` (pre-build, supplier terms,
    /// budget, and writing the lines it placed); 0 when no supplier sets terms or a capacity and
    /// no budget is set.
    package private(set) var supplierStageSeconds = 0.0
    /// Purchase-order terms by supplier (`suppliers.csv`), only the suppliers that set one. When
    /// there is any, order lines wait in `pendingOrders` for the cross-sku stage at ``close()``;
    /// otherwise each is written as its sku's plan made it.
    package let supplierTerms: [String: SupplierOrderTerms]
    package var pendingOrders: [PendingOrderLine] = []
    /// What the budget step cut (`[budget]` in the config), once the cross-sku stage has run.
    package var budgetStage: BudgetStageResult? = nil
    /// Items of capacity-limited suppliers reviewed tonight, for the pre-build step, and its result.
    package var pendingCapacity: [PendingCapacityItem] = []
    package var prebuildStage: PrebuildStageResult? = nil
    /// With a budget: expected units short per cycle and review-period demand of the planned series
    /// the budget cannot change (no supplier order tonight), for the plan's expected fill rate.
    package var unbudgetedService = PlanService()

    package static let forecastHeader = ["sku", "location", "date", "forecast", "sd"]
    package static let ordersHeader = ["sku", "location", "supplier", "order_date", "quantity", "arrival_date", "on_hand",
                               "on_order", "inventory_position", "reorder_point", "order_up_to", "safety_stock", "reason",
                               // Added columns (the contract allows new ones at the end):
                               "days_of_cover", "projected_stockout_date", "urgency", "policy", "demand_model", "po",
                               "topped_up_units", "budget_cut_units",
                               "next_order_date", "prebuild_units"]
    package static let transfersHeader = ["sku", "from_location", "to_location", "quantity", "ship_date", "arrival_date", "reason",
                                  "days_of_cover", "projected_stockout_date", "urgency"]
    package static let exceptionsHeader = ["sku", "location", "kind", "detail"]

    package init(directory: OutputDirectory, data: DataSet, config: RestockConfig, plan: Bool) throws {
        self.directory = directory
        self.data = data
        self.config = config
        levels = config.levels.sorted()
        supplierTerms = data.suppliers.filter { $0.value.hasOrderTerms }.mapValues {
            SupplierOrderTerms(minValue: $0.minOrderValue, minUnits: $0.minOrderUnits, multipleUnits: $0.orderMultipleUnits,
                               maxUnits: $0.maxUnitsPerOrder)
        }
        try RejectedRowsFile.write(data, into: directory)
        try FileManager.default.createDirectory(atPath: directory.stagingFile("state"), withIntermediateDirectories: true)
        state = try CSVWriter(path: directory.stagingFile(ModelState.relativePath))
        try state.writeRow(ModelState.header)
        forecast = try CSVWriter(path: directory.stagingFile("forecast.csv"))
        var header = OutputWriters.forecastHeader
        for l in levels { header += ["lo\(RestockConfig.levelLabel(l))", "hi\(RestockConfig.levelLabel(l))"] }
        header.append("model")
        for q in config.quantiles { header.append("q\(q)") }
        try forecast.writeRow(header)
        if plan {
            orders = try CSVWriter(path: directory.stagingFile("orders.csv"))
            transfers = try CSVWriter(path: directory.stagingFile("transfers.csv"))
            exceptions = try CSVWriter(path: directory.stagingFile("exceptions.csv"))
            try orders!.writeRow(OutputWriters.ordersHeader)
            try transfers!.writeRow(OutputWriters.transfersHeader)
            try exceptions!.writeRow(OutputWriters.exceptionsHeader)
        } else {
            orders = nil
            transfers = nil
            exceptions = nil
        }
    }

    /// Writes the next part of a night held in parts (``BucketedNight``): its series follow
    /// `seriesOffset` series of the parts before. Charts of the report's candidates from the
    /// part before are drawn now, while its histories are loaded; the lines waiting for the
    /// supplier stage carry their series without history (``PendingOrderLine/record``).
    package func rebind(to part: DataSet, seriesOffset: Int) {
        report.drawCharts(data: data, config: config)
        data = part
        globalIndex = { seriesOffset + $0 }
    }

    package func write(_ results: [SkuResult]) throws {
        for r in results {
            forecastThreadSeconds += r.forecastSeconds
            planThreadSeconds += r.planSeconds
            try willWriteSku?(r.range)
            for (k, i) in r.range.enumerated() {
                let s = data.series[i]
                let f = r.forecasts[k]
                let plan = r.plans.isEmpty ? nil : r.plans[k]
                var tally = SeriesTally()
                try writeForecast(series: s, f, &tally)
                if k < r.fallbacks.count, let failure = r.fallbacks[k] {
                    let detail = "forecast replaced by the 28-day mean: " + failure
                    fallbackCount += 1
                    if fallbackWarnings.count < 20 {
                        fallbackWarnings.append("\(data.skuName(s)) at \(data.locationName(s)): \(detail)")
                    }
                    if exceptions != nil { try writeException(s, kind: "forecast_fallback", detail: detail, &tally) }
                }
                tally.valuableScore = ReportCollector.valuableScore(forecast: f, unitCost: s.item?.unitCost)
                tally.urgentScore = plan.flatMap { ReportCollector.urgentScore(forecast: f, plan: $0) }
                report.consider(series: globalIndex(i), valuableScore: tally.valuableScore, urgentScore: tally.urgentScore,
                                local: i, forecast: f, plan: plan, baseline: baselineForecast?(i))
                if k < r.chosenOn.count {
                    try state.writeField(data.skuName(s))
                    try state.writeField(data.locationName(s))
                    try state.writeField(f.model)
                    try state.writeDay(r.chosenOn[k])
                    try state.endRecord()
                }
                if let p = plan { try writePlan(series: i, p, forecast: f, &tally) }
                if !r.plans.isEmpty, s.history == nil, s.item != nil {
                    try writeException(s, kind: "no_history",
                                       detail: "no sales on or before \(data.asOf): forecast is zero until it sells", &tally)
                }
                if let item = s.item, !r.plans.isEmpty { tally.serviceTarget = item.serviceLevel ?? config.serviceLevel }
                tally.diff = DiffValues(forecast: f, plan: plan, item: s.item, data: data)
                try add(tally, series: i, forecast: f)
            }
        }
    }

    /// Adds a series' tally to the totals (and tells `didWriteSeries`).
    package func add(_ tally: SeriesTally, series i: Int, forecast: DemandForecast? = nil) throws {
        totals.add(tally)
        try didWriteSeries?(i, tally, forecast)
    }

    private func writeForecast(series s: Series, _ f: DemandForecast, _ tally: inout SeriesTally) throws {
        let sku = data.skuName(s), loc = data.locationName(s)
        tally.model = f.model
        for h in 0..<f.mean.count {
            try forecast.writeField(sku)
            try forecast.writeField(loc)
            try forecast.writeDay(data.asOf.adding(h + 1))
            try forecast.writeDecimal(f.mean[h])
            try forecast.writeDecimal(f.sd[h])
            for l in levels {
                let (lo, hi) = f.interval(h, level: l / 100)
                try forecast.writeDecimal(lo)
                try forecast.writeDecimal(hi)
            }
            try forecast.writeField(f.model)
            for q in config.quantiles { try forecast.writeDecimal(f.quantile(h, q)) }
            try forecast.endRecord()
            tally.forecastRows += 1
        }
    }

    private func writePlan(series i: Int, _ p: NodePlan, forecast f: DemandForecast, _ tally: inout SeriesTally) throws {
        let s = data.series[i]
        guard let item = s.item, orders != nil, let transfers else { return }
        let d = p.decision
        let onHand = s.inventory?.onHand ?? 0
        let available = onHand - (s.inventory?.allocated ?? 0)
        let meanDaily = f.mean.isEmpty ? 0 : f.mean.reduce(0, +) / Double(f.mean.count)
        let cover = meanDaily > 0 ? available / meanDaily : (available > 0 ? Double.infinity : 0)
        let daysSinceSale = lastSale(s).map { $0.distance(to: data.asOf) }
        let dead = onHand > 0 && (daysSinceSale ?? Int.max) >= config.deadStockDays
        let excess = onHand > 0 && cover > config.excessCoverDays
        tally.planned = true
        tally.onHand = onHand
        tally.unitCost = item.unitCost
        tally.meanDaily = meanDaily
        tally.slow = dead || excess
        if dead {
            try writeException(s, kind: "dead_stock",
                               detail: daysSinceSale.map { "\(format(onHand)) on hand, no sale in \($0) days" } ?? "\(format(onHand)) on hand, never sold", &tally)
        } else if excess {
            // A forecast of a few units per century is a finite cover beyond Int: capped for the text.
            let detail = cover.isFinite
                ? "\(Int(min(cover, 999_999).rounded())) days of cover (\(format(available)) available, forecast \(format((meanDaily * 100).rounded() / 100))/day)"
                : "\(format(available)) available and no forecast demand"
            try writeException(s, kind: "excess", detail: detail, &tally)
        }
        let start = data.asOf.adding(1)
        let sourceLocation = data.sourceLocation(of: item)
        if config.budget.isSet && (sourceLocation != nil || p.quantity <= 0) {
            unbudgetedService.add(d, inventoryPosition: d.inventoryPosition, quantity: sourceLocation != nil ? max(0, p.quantity) : 0)
        }
        if sourceLocation == nil && weighsCapacity(item) {
            // A DC's requirement is its stores' demand too: the demand its plan was made against.
            holdForCapacity(series: i, decision: d, quantity: max(0, p.quantity), demand: p.demandMean.isEmpty ? f.mean : p.demandMean,
                            meanDaily: meanDaily)
        }
        if p.quantity > 0 {
            if sourceLocation == nil {
                let line = PendingOrderLine(series: globalIndex(i), record: s.withoutHistory, decision: d, line: PurchaseOrderLine(
                    sku: data.skuName(s), location: data.locationName(s), supplier: item.source, quantity: p.quantity,
                    casePack: item.orderMultiple, unitCost: item.unitCost, inventoryPosition: d.inventoryPosition,
                    dailyDemand: meanDaily, maxCoverDays: config.excessCoverDays, maxUnits: item.maxUnits))
                if holdsOrderLines {
                    // Counted in the totals once the supplier stage has placed it (``close()``).
                    pendingOrders.append(line)
                    return try writeTransfersAndExceptions(series: s, p, item: item, transfers: transfers, &tally)
                }
                try writeOrderRow(line, units: p.quantity, order: 1, toppedUp: 0)
                tally.orderArrival = data.asOf.adding(d.arrivalDays)
                tally.orderRows += 1
                tally.unitsOrdered += p.quantity
                tally.valueOrdered += p.quantity * (item.unitCost ?? 0)
                tally.supplier = item.source
            } else {
                try transfers.writeField(data.skuName(s))
                try transfers.writeField(item.source)
                try transfers.writeField(data.locationName(s))
                try transfers.writeDecimal(p.quantity)
                try transfers.writeDay(start)
                try transfers.writeDay(data.asOf.adding(d.arrivalDays))
                try transfers.writeField(p.shortfall > 0 ? "below_reorder_point_partial" : d.reason)
                try writeUrgency(transfers, d, item: item)
                try transfers.endRecord()
                tally.transferRows += 1
                tally.unitsTransferred += p.quantity
            }
        }
        try writeTransfersAndExceptions(series: s, p, item: item, transfers: transfers, &tally)
    }

    /// The rebalancing moves and the plan's exception rows of a series.
    private func writeTransfersAndExceptions(series s: Series, _ p: NodePlan, item: ItemSettings, transfers: CSVWriter,
                                             _ tally: inout SeriesTally) throws {
        let d = p.decision
        let start = data.asOf.adding(1)
        for m in p.rebalancing {
            let to = data.series[m.to]
            try transfers.writeField(data.skuName(s))
            try transfers.writeField(data.locationName(s))
            try transfers.writeField(data.locationName(to))
            try transfers.writeDecimal(m.quantity)
            try transfers.writeDay(start)
            try transfers.writeDay(data.asOf.adding(m.arrivalDays))
            try transfers.writeField("rebalance")
            try transfers.writeField("")
            try transfers.writeField("")
            try transfers.writeField("critical")
            try transfers.endRecord()
            tally.transferRows += 1
            tally.unitsTransferred += m.quantity
        }
        if d.stockoutBeforeArrival {
            try writeException(s, kind: "stockout_risk",
                               detail: "projected stock runs out before an order placed today arrives (\(data.asOf.adding(d.arrivalDays)))", &tally)
        }
        if d.lot.moqExceedsCapacity {
            try writeException(s, kind: "moq_above_max",
                               detail: "MOQ \(format(item.moq)) takes the position above max_units \(format(item.maxUnits ?? 0))", &tally)
        }
        if p.shortfall > 0 {
            try writeException(s, kind: "dc_shortfall",
                               detail: "\(item.source) can ship \(format(p.quantity)) of the \(format(p.quantity + p.shortfall)) units asked", &tally)
        }
    }

    /// One orders.csv row: `units` of a series' line on its supplier's `order`-th purchase order
    /// of the night, `toppedUp` of them added by the supplier stage.
    package func writeOrderRow(_ pending: PendingOrderLine, units: Double, order: Int, toppedUp: Double, budgetCut: Double = 0,
                               prebuilt: Double = 0) throws {
        guard let orders else { return }
        let s = pending.record, d = pending.decision
        guard let item = s.item else { return }
        let start = data.asOf.adding(1)
        try orders.writeField(pending.line.sku)
        try orders.writeField(pending.line.location)
        try orders.writeField(item.source)
        try orders.writeDay(start)
        try orders.writeDecimal(units)
        try orders.writeDay(data.asOf.adding(d.arrivalDays))
        try orders.writeDecimal(s.inventory?.onHand ?? 0)
        try orders.writeDecimal(d.onOrder)
        try orders.writeDecimal(d.inventoryPosition)
        try orders.writeDecimal(d.reorderPoint)
        try orders.writeDecimal(d.orderUpTo)
        try orders.writeDecimal(d.safetyStock)
        try orders.writeField(d.reason)
        try writeUrgency(orders, d, item: item)
        try orders.writeField(d.policy.configName)
        try orders.writeField(d.demandModel.rawValue)
        try orders.writeField(PurchaseOrderBook.number(supplier: item.source, orderDate: start, order: order))
        try orders.writeDecimal(toppedUp)
        try orders.writeDecimal(budgetCut)
        try orders.writeDay(data.asOf.adding(d.nextReviewDays + 1))
        try orders.writeDecimal(prebuilt)
        try orders.endRecord()
    }

    /// `days_of_cover` (projected available stock over forecast demand, days), the first day the
    /// projection runs out (empty if not within the horizon) and the urgency: `critical` when it
    /// runs out before an order placed today can arrive, `high` within one more review period,
    /// `normal` otherwise.
    private func writeUrgency(_ w: CSVWriter, _ d: ReplenishmentDecision, item: ItemSettings) throws {
        try w.writeDecimal(min(d.daysOfCover, 9999), places: 1)
        if let day = d.firstStockoutDay { try w.writeDay(data.asOf.adding(day)) } else { try w.writeField("") }
        let review = item.reviewDays ?? config.reviewDays
        let urgency = d.stockoutBeforeArrival ? "critical"
            : (d.firstStockoutDay.map { $0 <= d.arrivalDays + review } ?? false) ? "high" : "normal"
        try w.writeField(urgency)
    }

    /// The last day with a sale, nil when the series never sold.
    private func lastSale(_ s: Series) -> Day? {
        guard let h = s.history else { return nil }
        var t = h.count - 1
        while t >= 0 && h.quantity[t] <= 0 { t -= 1 }
        return t >= 0 ? h.firstDay.adding(t) : nil
    }

    private func writeException(_ s: Series, kind: String, detail: String, _ tally: inout SeriesTally) throws {
        tally.exceptions.append(kind)
        try writeExceptionRow(s, kind: kind, detail: detail)
    }

    /// An exceptions.csv row (also shown in the report); the caller counts it.
    package func writeExceptionRow(_ s: Series, kind: String, detail: String) throws {
        try writeExceptionRow(sku: data.skuName(s), location: data.locationName(s), kind: kind, detail: detail)
    }

    /// An exceptions.csv row (and the report's note of it) for the series `sku` at `location`.
    package func writeExceptionRow(sku: String, location: String, kind: String, detail: String) throws {
        guard let exceptions else { return }
        report.exception(kind: kind, sku: sku, location: location, detail: detail)
        try exceptions.writeField(sku)
        try exceptions.writeField(location)
        try exceptions.writeField(kind)
        try exceptions.writeField(detail)
        try exceptions.endRecord()
    }

    package func format(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
    }

    package func close() throws {
        try state.close()
        try forecast.close()
        if orders != nil {
            if holdsOrderLines {
                let t = DispatchTime.now().uptimeNanoseconds
                try enforceSupplierTerms()
                supplierStageSeconds = Double(DispatchTime.now().uptimeNanoseconds - t) / 1e9
            }
            try totals.purchaseOrders.write(to: directory.stagingFile("purchase_orders.csv"), orderDate: data.asOf.adding(1))
        }
        try orders?.close()
        try transfers?.close()
        try exceptions?.close()
    }
}
