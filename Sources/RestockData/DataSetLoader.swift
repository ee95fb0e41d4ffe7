#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Loads and validates a data directory into a ``DataSet``, reporting every problem found.
public enum DataSetLoader {
    public struct Options: Sendable {
        /// Behave as if run on this day; nil = the last date in `sales.csv`.
        public var asOf: Day?
        /// Whether `items.csv` and `inventory.csv` must be present (plans need them).
        public var requirePlanningFiles: Bool
        /// Smallest part of `sales.csv` worth a thread of its own, bytes.
        public var minimumPartBytes: Int
        /// Called (from any thread) with the number of `sales.csv` bytes parsed since the last call.
        public var progress: (@Sendable (Int) -> Void)? = nil
        /// Load only these skus, their `sales.csv` rows read from an earlier full load's index
        /// (``DataSet/salesRuns``); nil = everything. Needs `asOf`. A partial load skips the
        /// file fingerprints and the checks that need the whole of `sales.csv`; its warnings are
        /// about the part loaded only.
        public var only: Subset? = nil
        /// Whether to compute each file's SHA-256 (``LoadedFile/sha256``; empty when not).
        public var fingerprints = true
        /// How many rows with errors each file may have set aside (``InputIssues/Quarantine``)
        /// instead of stopping the load; nil = strict: any error stops it.
        public var quarantine: InputIssues.Quarantine? = nil
        /// Keep only the skus whose name this accepts (a shard's, say); nil = every sku. Unlike
        /// ``only`` it needs no earlier load: the whole of `sales.csv` is streamed, every row
        /// parsed, checked and counted, and every sku and location interned in the order a full
        /// load interns them, but only the kept skus' days are stored, so the histories held
        /// are the kept skus' alone. Their histories, items, stock, open orders and closures are
        /// bit for bit the full load's; other skus' rows of the other files are dropped after the
        /// checks that span skus (source chains), and warnings are about the kept skus only.
        public var skuFilter: (@Sendable (String) -> Bool)? = nil
        public init(asOf: Day? = nil, requirePlanningFiles: Bool = true, minimumPartBytes: Int = 32 << 20) {
            self.asOf = asOf
            self.requirePlanningFiles = requirePlanningFiles
            self.minimumPartBytes = max(1, minimumPartBytes)
        }
    }

    /// Some skus of a data set loaded before, by name, and where their sales rows are.
    public struct Subset: Sendable {
        public var skus: Set<String>
        /// The runs of those skus (their `sku` field is not used; `file` indexes `files`).
        public var runs: [SalesRun]
        /// The sales table's files as the earlier load named them (``DataSet/salesFiles``).
        public var files: [String]
        /// Every location of the whole data set (lanes and scenarios may name ones the loaded skus lack).
        public var locations: [String]
        public init(skus: Set<String>, runs: [SalesRun], files: [String], locations: [String]) {
            self.skus = skus
            self.runs = runs
            self.files = files
            self.locations = locations
        }
    }

    /// Reads every contract file in `directory`. Returns nil when an error that stops the load
    /// was reported to `issues` (then nothing must be written): any error when strict, otherwise
    /// a file-level one or more row errors than ``Options/quarantine`` allows. The rows set aside
    /// are in ``DataSet/rejected``. Warnings do not stop the load.
    /// Throws only for I/O failures that are not about the data (a file that exists but cannot be read).
    public static func load(directory: String, options: Options, issues: InputIssues) throws -> DataSet? {
        var isDirectory = stat()
        guard stat(directory, &isDirectory) == 0, (isDirectory.st_mode & S_IFMT) == S_IFDIR else {
            issues.error(directory, "not a directory: expected a data directory holding sales.csv")
            return nil
        }
        // Where each table is: X.csv, X.csv.gz or (sales) a folder of part files; two at once is an error.
        var sources: [ContractTable: TableSource] = [:]
        for t in ContractTable.allCases {
            switch InputLayout.lookup(t, in: directory) {
            case .absent: break
            case .found(let s): sources[t] = s
            case .invalid(let message): issues.error(t.stem, message)
            }
        }
        if issues.hasErrors { return nil }
        func stored(_ t: ContractTable) -> StoredFile? { sources[t]?.files[0] }
        var skus = Interner(), locations = Interner(), types = Interner(), eventNames = Interner()
        for name in options.only?.locations ?? [] { _ = locations.id(name) }
        var files: [LoadedFile] = []
        // Fingerprints are computed on another core while the files are parsed.
        let fingerprints = FileFingerprints(sources: options.only != nil || !options.fingerprints ? [] : ContractTable.allCases.compactMap { sources[$0] })
        // Never return (or let the process exit) while the hashing thread still runs.
        defer { _ = fingerprints.wait() }

        guard let salesSource = sources[.sales] else {
            issues.error(ContractTable.sales.rawValue, "missing: every run needs sales.csv (or sales.csv.gz, or a folder sales/ of part files) in \(directory)")
            return nil
        }
        var sales: SalesLoad
        var suppliers: [String: SupplierCalendar] = [:]
        if let p = stored(.suppliers) {
            let r = try SuppliersTableLoader.load(source: p, issues: issues)
            suppliers = r.rows
            files.append(r.info)
        }

        if let only = options.only {
            guard options.asOf != nil else { preconditionFailure("a partial load needs the as-of date") }
            sales = try SalesTableLoader.load(source: salesSource, runs: only.runs, files: only.files,
                                              skus: &skus, locations: &locations, issues: issues, asOf: options.asOf)
        } else {
            sales = try SalesTableLoader.load(source: salesSource, skus: &skus, locations: &locations, issues: issues,
                                              asOf: options.asOf,
                                              minimumPartBytes: options.minimumPartBytes, progress: options.progress,
                                              keepSku: options.skuFilter)
        }
        files.append(LoadedFile(table: .sales, name: salesSource.name, rows: sales.rows, unknownColumns: sales.unknownColumns))

        var promotions: [Promotion] = []
        if let p = stored(.promotions) {
            let r = try PromotionsTableLoader.load(source: p, skus: &skus, locations: &locations, types: &types, issues: issues)
            promotions = r.rows
            files.append(r.info)
        }
        var events: [CalendarEvent] = []
        if let p = stored(.events) {
            let r = try EventsTableLoader.load(source: p, names: &eventNames, issues: issues)
            events = r.rows
            files.append(r.info)
        }
        var inventory: [SeriesKey: InventoryRecord] = [:]
        if let p = stored(.inventory) {
            let r = try InventoryTableLoader.load(source: p, skus: &skus, locations: &locations, issues: issues)
            inventory = r.rows
            files.append(r.info)
        } else if options.requirePlanningFiles {
            issues.error(ContractTable.inventory.rawValue, "missing: plans need inventory.csv in \(directory)")
        }
        var openOrders: [OpenOrder] = []
        if let p = stored(.openOrders) {
            let r = try OpenOrdersTableLoader.load(source: p, skus: &skus, locations: &locations, issues: issues)
            openOrders = r.rows
            files.append(r.info)
        }
        var items: [SeriesKey: ItemSettings] = [:]
        var itemLines: [SeriesKey: Int] = [:]
        if let p = stored(.items) {
            let r = try ItemsTableLoader.load(source: p, skus: &skus, locations: &locations, issues: issues)
            items = r.rows
            itemLines = r.lines
            files.append(r.info)
        } else if options.requirePlanningFiles {
            issues.error(ContractTable.items.rawValue, "missing: plans need items.csv in \(directory)")
        }
        var closures: [Closure] = []
        if let p = stored(.closures) {
            let r = try ClosuresTableLoader.load(source: p, skus: &skus, locations: &locations, issues: issues)
            closures = r.rows
            files.append(r.info)
        }
        var lanes: [Lane] = []
        if let p = stored(.lanes) {
            let r = try LanesTableLoader.load(source: p, locations: locations, issues: issues)
            lanes = r.rows
            files.append(r.info)
        }

        for i in files.indices { files[i].name = sources[files[i].table]?.name ?? files[i].name }

        if let only = options.only {
            let keep = { (key: SeriesKey) in only.skus.contains(skus[key.sku]) }
            crossCheckSources(items: items, lines: itemLines, skus: skus, locations: locations, issues: issues)
            if issues.isBlocking(options.quarantine) { return nil }
            items = items.filter { keep($0.key) }
            inventory = inventory.filter { keep($0.key) }
            openOrders = openOrders.filter { keep($0.key) }
        } else {
            // The as-of day.
            guard sales.latestDay != .min else { return nil }
            let wholeAsOf = options.asOf ?? Day(rawValue: sales.latestDay)
            var earliest = Int32.max
            for a in sales.accumulators { earliest = min(earliest, a.minDay) }
            if wholeAsOf.rawValue > sales.latestDay {
                issues.error(salesSource.name, "\(salesSource.name) ends on \(Day(rawValue: sales.latestDay)), before the as-of date \(wholeAsOf): expected sales up to the as-of date (a late export would read as days without sales)")
            }
            if wholeAsOf.rawValue < earliest {
                issues.error(salesSource.name, "no sales on or before the as-of date \(wholeAsOf) (first sale is \(Day(rawValue: earliest)))")
            }
            crossCheckSources(items: items, lines: itemLines, skus: skus, locations: locations, issues: issues)
            // Sources that are not locations are suppliers; list them once so a misspelt location
            // (which would silently become a supplier) is visible in every validate and run.
            let suppliers = Set(items.values.map(\.source).filter { locations.existingID($0) == nil }).sorted()
            if !suppliers.isEmpty {
                let shown = suppliers.prefix(10).joined(separator: ", ") + (suppliers.count > 10 ? ", …" : "")
                issues.warning(ContractTable.items.rawValue, "\(suppliers.count) source(s) are not locations and are treated as suppliers (purchase orders): \(shown)")
            }
            if issues.isBlocking(options.quarantine) { return nil }
            let digests = fingerprints.wait()
            for i in files.indices { files[i].sha256 = digests[files[i].name] ?? "" }
        }
        // What a full load would know of, for the closures' warning: locations and skus of the
        // series with history or an items row (before a sku filter drops any).
        var knownLocations = Set<Int32>(), knownSkus = Set<Int32>()
        if !closures.isEmpty {
            let asOfRaw = (options.asOf ?? Day(rawValue: sales.latestDay)).rawValue
            for (s, a) in sales.accumulators.enumerated() where a.minDay <= asOfRaw {
                knownLocations.insert(sales.locationIDs[s])
                knownSkus.insert(sales.skuIDs[s])
            }
            for key in items.keys {
                knownLocations.insert(key.location)
                knownSkus.insert(key.sku)
            }
        }
        if let keepSku = options.skuFilter {
            var kept: [Int32: Bool] = [:]
            let keep = { (sku: Int32) -> Bool in
                if let k = kept[sku] { return k }
                let k = keepSku(skus[sku])
                kept[sku] = k
                return k
            }
            items = items.filter { keep($0.key.sku) }
            inventory = inventory.filter { keep($0.key.sku) }
            openOrders = openOrders.filter { keep($0.key.sku) }
            closures = closures.filter { c in c.sku.map(keep) ?? true }
        }
        let asOf = options.asOf ?? Day(rawValue: sales.latestDay)
        let salesRuns = sales.runs
        // What a full load's histories would say that a sku filter leaves out.
        var historyKeysLeftOut: [SeriesKey] = []
        var earliestHistory = Int32.max
        for (s, a) in sales.accumulators.enumerated() where a.minDay <= asOf.rawValue {
            earliestHistory = min(earliestHistory, a.minDay)
            if !a.kept { historyKeysLeftOut.append(SeriesKey(sku: sales.skuIDs[s], location: sales.locationIDs[s])) }
        }

        // Histories, cut at as-of.
        let rowsAfter = sales.rowsAfterAsOf
        let (histories, negatives) = SalesTableLoader.histories(from: &sales, asOf: asOf)
        var negativeDays: NegativeDemandDays? = nil
        if !negatives.isEmpty {
            let first = negatives[0]
            let n = NegativeDemandDays(count: negatives.count, firstSeries: first.series, firstDay: first.day,
                                       sku: skus[sales.skuIDs[first.series]], location: locations[sales.locationIDs[first.series]])
            issues.warning(ContractTable.sales.rawValue, n.message)
            negativeDays = n
        }

        // Join per series.
        var byKey: [SeriesKey: Int] = [:]
        var all: [Series] = []
        func slot(_ key: SeriesKey) -> Int {
            if let i = byKey[key] { return i }
            byKey[key] = all.count
            all.append(Series(key: key, history: nil, item: nil, inventory: nil, openOrders: []))
            return all.count - 1
        }
        for (s, h) in histories.enumerated() {
            guard let h else { continue }
            all[slot(SeriesKey(sku: sales.skuIDs[s], location: sales.locationIDs[s]))].history = h
        }
        for (key, item) in items { all[slot(key)].item = item }
        if !closures.isEmpty {
            // A closure naming a location or sku no other file has closes nothing: say so.
            for c in closures where !knownLocations.contains(c.location) || (c.sku.map { !knownSkus.contains($0) } ?? false) {
                let what = c.sku.map { "sku \(skus[$0]) at \(locations[c.location])" } ?? "location \(locations[c.location])"
                issues.warning(ContractTable.closures.rawValue, "\(what) (\(c.start) … \(c.end)) is not in the sales or items: the closure is ignored")
            }
            let byLocation = Dictionary(grouping: closures, by: \.location)
            for i in all.indices {
                guard let here = byLocation[all[i].key.location] else { continue }
                all[i].closures = here.filter { $0.covers(all[i].key) }.map { $0.start...$0.end }
            }
        }
        for (key, record) in inventory {
            guard let i = byKey[key] else {
                issues.warning(ContractTable.inventory.rawValue, "sku \(skus[key.sku]) at \(locations[key.location]) has stock but no sales history and no items.csv row: ignored")
                continue
            }
            all[i].inventory = record
        }
        var lateOrders = 0
        for order in openOrders {
            guard let i = byKey[order.key] else {
                issues.warning(ContractTable.openOrders.rawValue, "sku \(skus[order.key.sku]) at \(locations[order.key.location]) has an open order but no sales history and no items.csv row: ignored")
                continue
            }
            if order.due <= asOf { lateOrders += 1 }
            all[i].openOrders.append(order)
        }
        if lateOrders > 0 {
            issues.warning(ContractTable.openOrders.rawValue, "\(lateOrders) open orders are due on or before the as-of date \(asOf) and not yet received: expected the day after as-of")
        }
        if options.requirePlanningFiles {
            let unplanned = all.filter { $0.item == nil }.count
            if unplanned > 0 {
                issues.warning(ContractTable.items.rawValue, "\(unplanned) series have sales but no items.csv row: forecast, not planned")
            }
            let noStock = all.filter { $0.item != nil && $0.inventory == nil }.count
            if noStock > 0 {
                issues.warning(ContractTable.inventory.rawValue, "\(noStock) planned series have no inventory.csv row: on hand taken as 0")
            }
        }
        for i in all.indices { all[i].openOrders.sort { ($0.due, $0.quantity) < ($1.due, $1.quantity) } }
        all.sort { a, b in
            let sa = skus[a.key.sku], sb = skus[b.key.sku]
            if sa != sb { return sa < sb }
            return locations[a.key.location] < locations[b.key.location]
        }
        var data = DataSet(asOf: asOf, skus: skus, locations: locations, promotionTypes: types, eventNames: eventNames,
                           series: all, promotions: promotions, events: events, lanes: lanes, files: files,
                           rowsAfterAsOf: rowsAfter)
        data.salesRuns = salesRuns
        data.salesFiles = salesSource.files.map(\.name)
        data.latestSalesDay = Day(rawValue: sales.latestDay)
        data.suppliers = suppliers
        data.historyKeysLeftOut = historyKeysLeftOut
        data.negativeDemandDays = negativeDays
        data.earliestHistoryDay = earliestHistory == .max ? nil : Day(rawValue: earliestHistory)
        if options.quarantine != nil {
            data.rejected = issues.rejectedRows
            data.rejectedCounts = issues.rejectedCount
        }
        return data
    }

    /// A source that names a location must have an `items.csv` row for the same sku there
    /// (otherwise that location's stock cannot be planned), and source chains must not loop.
    static func crossCheckSources(items: [SeriesKey: ItemSettings], lines: [SeriesKey: Int], skus: Interner,
                                  locations: Interner, issues: InputIssues) {
        let file = ContractTable.items.rawValue
        for key in items.keys.sorted(by: { (lines[$0] ?? 0) < (lines[$1] ?? 0) }) {
            guard let item = items[key], let src = locations.existingID(item.source) else { continue }
            let upstream = SeriesKey(sku: key.sku, location: src)
            guard items[upstream] != nil else {
                issues.error(file, line: lines[key], columnName: "source", value: item.source,
                             "source location has no items.csv row for sku \(skus[key.sku]): expected a row for (\(skus[key.sku]), \(item.source)) saying where it is supplied from")
                continue
            }
            // Walk the chain; a loop comes back to `key`.
            var cursor = upstream
            var steps = 0
            while let next = items[cursor], let nextLoc = locations.existingID(next.source), steps < 64 {
                cursor = SeriesKey(sku: key.sku, location: nextLoc)
                steps += 1
                if cursor == key {
                    issues.error(file, line: lines[key], columnName: "source", value: item.source,
                                 "source chain of sku \(skus[key.sku]) loops back to \(locations[key.location]): expected a chain ending at a supplier")
                    break
                }
            }
        }
    }
}
