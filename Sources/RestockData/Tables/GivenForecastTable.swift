/// A forecast made elsewhere (e.g. edited by a planner), for `restock plan`:
/// columns `sku,location,date,forecast,sd`; other columns (such as `forecast.csv`'s intervals
/// and model) are ignored.
public enum GivenForecastTable {
    public struct SeriesForecast: Sendable {
        /// Mean daily demand from the day after as-of, units per day, ≥ 0.
        public var mean: [Double]
        /// Daily forecast error standard deviation, units, ≥ 0.
        public var sd: [Double]
    }

    /// Reads the forecast for the series of `data`. Rows dated on or before as-of are errors;
    /// the horizon is the latest date given; a series with rows must cover every day up to it.
    /// Returns one entry per `data.series` index (nil: no rows for that series).
    public static func load(path: String, data: DataSet, issues: InputIssues) throws -> [SeriesForecast?] {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        let t = try TableReader(path: path, file: file, required: ["sku", "location", "date", "forecast", "sd"],
                                optional: [], issues: issues)
        let cSku = t.column("sku"), cLoc = t.column("location"), cDate = t.column("date")
        let cMean = t.column("forecast"), cSD = t.column("sd")
        var index: [SeriesKey: Int] = [:]
        for (i, s) in data.series.enumerated() { index[s.key] = i }
        var rows: [(series: Int, offset: Int, mean: Double, sd: Double, line: Int)] = []
        var horizon = 0
        while t.next() {
            guard let sku = t.text(cSku), let loc = t.text(cLoc), let day = t.day(cDate),
                  let mean = t.number(cMean), let sd = t.number(cSD) else { continue }
            guard mean >= 0 else { t.rowError(cMean, "expected a forecast ≥ 0"); continue }
            guard sd >= 0 else { t.rowError(cSD, "expected a standard deviation ≥ 0"); continue }
            let offset = data.asOf.distance(to: day)
            guard offset >= 1 else { t.rowError(cDate, "expected a date after the as-of date \(data.asOf)"); continue }
            guard offset <= 3660 else { t.rowError(cDate, "expected a date within 3660 days of the as-of date \(data.asOf)"); continue }
            guard let skuID = data.skus.existingID(sku), let locID = data.locations.existingID(loc),
                  let s = index[SeriesKey(sku: skuID, location: locID)] else {
                t.rowWarning(cSku, "no such series (\(sku), \(loc)) in the data: row ignored")
                continue
            }
            rows.append((s, offset, mean, sd, t.line))
            horizon = max(horizon, offset)
        }
        var out = [SeriesForecast?](repeating: nil, count: data.series.count)
        var filled = [[Bool]](repeating: [], count: data.series.count)
        for r in rows {
            if out[r.series] == nil {
                out[r.series] = SeriesForecast(mean: .init(repeating: 0, count: horizon), sd: .init(repeating: 0, count: horizon))
                filled[r.series] = .init(repeating: false, count: horizon)
            }
            if filled[r.series][r.offset - 1] {
                issues.error(file, line: r.line, "duplicate row for this sku, location and date")
                continue
            }
            filled[r.series][r.offset - 1] = true
            out[r.series]!.mean[r.offset - 1] = r.mean
            out[r.series]!.sd[r.offset - 1] = r.sd
        }
        for (i, f) in filled.enumerated() where !f.isEmpty {
            if let missing = f.firstIndex(of: false) {
                let s = data.series[i]
                issues.error(file, "sku \(data.skus[s.key.sku]) at \(data.locations[s.key.location]) has no row for \(data.asOf.adding(missing + 1)): expected every day from \(data.asOf.adding(1)) to \(data.asOf.adding(horizon))")
            }
        }
        return out
    }
}
