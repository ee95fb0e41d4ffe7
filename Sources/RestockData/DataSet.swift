/// One input file as loaded: for the run summary.
public struct LoadedFile: Sendable {
    public var table: ContractTable
    /// How it is stored (``TableSource/name``): `sales.csv`, `sales.csv.gz`, `sales/`.
    public var name: String
    /// Data rows (records after the header; of every part file for a folder).
    public var rows: Int
    /// Header names the contract does not define (ignored).
    public var unknownColumns: [String]
    /// SHA-256 of the file's bytes as stored, lowercase hex (filled in when the load completes);
    /// for a folder of part files, of its manifest (``FileFingerprints/sha256(of:)``).
    public var sha256: String = ""

    public init(table: ContractTable, name: String? = nil, rows: Int, unknownColumns: [String]) {
        self.table = table
        self.name = name ?? table.rawValue
        self.rows = rows
        self.unknownColumns = unknownColumns
    }
}

/// Everything restock knows about one series (one sku at one location).
public struct Series: Sendable {
    public var key: SeriesKey
    /// Daily sales history up to as-of; nil when the series has no sale on or before as-of.
    public var history: SeriesHistory?
    /// Replenishment settings; nil when `items.csv` has no row for the series (it is not planned).
    public var item: ItemSettings?
    /// Stock at the end of the as-of day; nil when `inventory.csv` has no row (taken as 0).
    public var inventory: InventoryRecord?
    /// Inbound units, sorted by due day.
    public var openOrders: [OpenOrder]
    /// Days the series was or will be unavailable (`closures.csv`: its location's closures and
    /// its own), sorted, possibly overlapping; empty for most series.
    public var closures: [ClosedRange<Day>] = []

    /// Whether `day` lies in one of the series' closures.
    public func isClosed(_ day: Day) -> Bool {
        for c in closures where c.contains(day) { return true }
        return false
    }

    /// Whether history day `index` is not an observation of demand: a stock-out (it ended with
    /// nothing on hand) or a closed day. False without history.
    @inline(__always)
    public func isCensored(_ index: Int) -> Bool {
        guard let h = history else { return false }
        return h.isStockout(index) || (!closures.isEmpty && isClosed(h.firstDay.adding(index)))
    }

    /// The series without its history (what orders and exception rows need of it once the
    /// data set it was loaded in is gone).
    public var withoutHistory: Series {
        var s = self
        s.history = nil
        return s
    }

    /// Whether any history day is censored (so a per-day flag array is needed).
    public var hasCensoredDays: Bool {
        guard let h = history else { return false }
        if !h.onHand.isEmpty { return true }
        return closures.contains { $0.upperBound >= h.firstDay && $0.lowerBound <= h.firstDay.adding(h.count - 1) }
    }
}

/// The contents of a data directory, joined per series and validated.
///
/// Invariants: `series` is sorted by (sku name, location name), so each sku's locations are one
/// contiguous run (``skuRanges``); ids index the name tables; every history ends on `asOf`.
public struct DataSet: Sendable {
    /// The day the run behaves as if it ran on; forecasts start the day after.
    public var asOf: Day
    public var skus: Interner
    public var locations: Interner
    public var promotionTypes: Interner
    public var eventNames: Interner
    public var series: [Series]
    public var promotions: [Promotion]
    public var events: [CalendarEvent]
    public var lanes: [Lane]
    /// The files read, in contract order.
    public var files: [LoadedFile]
    /// `sales.csv` rows dated after as-of (ignored).
    public var rowsAfterAsOf: Int
    /// Where each sku's rows lie in the sales table (ids are `skus` ids), nil when not indexed
    /// (a compressed file, or rows too scattered); see ``SalesRun``.
    public var salesRuns: [SalesRun]? = nil
    /// The sales table's files by their names in the data directory (`sales.csv`, or the part
    /// files `sales/part-…`), in read order: ``SalesRun/file`` indexes it.
    public var salesFiles: [String] = []
    /// The last day in `sales.csv` (of the skus loaded).
    public var latestSalesDay = Day(rawValue: 0)
    /// Suppliers' order calendars by name (`suppliers.csv`; empty when there is none).
    public var suppliers: [String: SupplierCalendar] = [:]
    /// Rows set aside for errors under a quarantine (``DataSetLoader/Options/quarantine``), per
    /// file name, in line order; their counts (``rejectedCounts``) may exceed what is kept.
    public var rejected: [String: [InputIssues.RejectedRow]] = [:]
    /// Rows set aside per file name.
    public var rejectedCounts: [String: Int] = [:]
    /// The series with history (a sale on or before as-of) of the skus a sku filter left out
    /// (``DataSetLoader/Options/skuFilter``), in load order; empty without one. With them the
    /// loaded series are every series with history a full load has.
    public var historyKeysLeftOut: [SeriesKey] = []
    /// The first day of the earliest history, over every series a full load has (those a sku
    /// filter left out too); nil when no series has history.
    public var earliestHistoryDay: Day? = nil

    /// The series-days with more returns than sales among the loaded series (counted as zero
    /// demand, and warned about); nil when there are none.
    public var negativeDemandDays: NegativeDemandDays? = nil

    /// Contiguous index ranges of `series`, one per sku: the unit of parallel work.
    public var skuRanges: [Range<Int>] {
        guard !series.isEmpty else { return [] }
        var ranges: [Range<Int>] = []
        var start = 0
        for i in 1...series.count where i == series.count || series[i].key.sku != series[start].key.sku {
            ranges.append(start..<i)
            start = i
        }
        return series.isEmpty ? [] : ranges
    }

    /// The location id an item's source names, or nil when the source is a supplier.
    /// A source is a location exactly when it is the id of a location seen in the inputs.
    public func sourceLocation(of item: ItemSettings) -> Int32? {
        locations.existingID(item.source)
    }

    /// Names for messages and outputs.
    public func skuName(_ s: Series) -> String { skus[s.key.sku] }
    public func locationName(_ s: Series) -> String { locations[s.key.location] }
}

/// Series-days whose returns exceed their sales (net below zero), counted as zero demand: how
/// many, and the first in the sales table's series order (its load order), then by day.
public struct NegativeDemandDays: Sendable, Equatable {
    public var count: Int
    /// The first one's series, by its place in the order the sales table first names series.
    public var firstSeries: Int
    public var firstDay: Day
    public var sku: String
    public var location: String

    public init(count: Int, firstSeries: Int, firstDay: Day, sku: String, location: String) {
        self.count = count
        self.firstSeries = firstSeries
        self.firstDay = firstDay
        self.sku = sku
        self.location = location
    }

    /// The load's warning about them (`sales.csv: warning: …` once reported).
    public var message: String {
        "\(count) series-days have more returns than sales (net below zero), counted as zero demand; first: sku \(sku), location \(location), \(firstDay)"
    }

    /// Those of two loads of different skus of one night, as one load of both would count them.
    public func merged(with other: NegativeDemandDays) -> NegativeDemandDays {
        var first = (firstSeries, firstDay.rawValue) <= (other.firstSeries, other.firstDay.rawValue) ? self : other
        first.count = count + other.count
        return first
    }
}
