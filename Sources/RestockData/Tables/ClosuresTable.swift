/// Days a location, or one sku at a location, was or will be unavailable (`closures.csv`: a
/// store refurbished, closed for a holiday, an item off the shelf for a while). Those days are
/// not demand: past ones are censored like stock-outs, planned ones are forecast 0.
public struct Closure: Sendable, Equatable {
    /// Location id (into ``DataSet/locations``).
    public var location: Int32
    /// Sku id, or nil for every sku at the location.
    public var sku: Int32?
    /// First and last closed day, inclusive (`start ≤ end`).
    public var start: Day
    public var end: Day

    public init(location: Int32, sku: Int32?, start: Day, end: Day) {
        self.location = location
        self.sku = sku
        self.start = start
        self.end = end
    }

    /// Whether the closure covers series `key`.
    public func covers(_ key: SeriesKey) -> Bool { key.location == location && (sku == nil || sku == key.sku) }
}

enum ClosuresTableLoader {
    /// Reads `closures.csv`; an unknown location or sku (none of the other files names it) is a
    /// warning naming it, its rows kept (a closure of nothing changes nothing).
    static func load(source: StoredFile, skus: inout Interner, locations: inout Interner,
                     issues: InputIssues) throws -> (rows: [Closure], info: LoadedFile) {
        let file = source.name
        let t = try TableReader(path: source.path, file: file, required: ContractTable.closures.required,
                                optional: ContractTable.closures.optional, issues: issues,
                                compressed: source.isCompressed)
        let cLocation = t.column("location"), cStart = t.column("start_date"), cEnd = t.column("end_date")
        let cSku = t.column("sku")
        var rows: [Closure] = []
        while t.next() {
            guard let location = t.text(cLocation), let start = t.day(cStart), let end = t.day(cEnd),
                  let sku = t.optionalText(cSku) else { continue }
            guard start <= end else {
                t.rowError(cEnd, "expected an end_date on or after start_date \(start)")
                continue
            }
            rows.append(Closure(location: locations.id(location), sku: sku.map { skus.id($0) }, start: start, end: end))
        }
        rows.sort { ($0.location, $0.sku ?? -1, $0.start, $0.end) < ($1.location, $1.sku ?? -1, $1.start, $1.end) }
        return (rows, LoadedFile(table: .closures, rows: t.rowCount, unknownColumns: t.unknownColumns))
    }
}
