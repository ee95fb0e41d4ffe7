/// A past or planned promotion of one sku, at one location or (location nil) at all of them.
public struct Promotion: Sendable, Equatable {
    public var sku: Int32
    /// Location id, or nil for every location.
    public var location: Int32?
    /// First and last day, inclusive; `end >= start`.
    public var start: Day
    public var end: Day
    /// Index into `DataSet.promotionTypes`.
    public var type: Int32
    /// Discount in percent of the regular price, in [0, 100); nil when not given.
    public var discountPercent: Double?

    public init(sku: Int32, location: Int32?, start: Day, end: Day, type: Int32, discountPercent: Double?) {
        self.sku = sku
        self.location = location
        self.start = start
        self.end = end
        self.type = type
        self.discountPercent = discountPercent
    }
}

enum PromotionsTableLoader {
    static func load(source: StoredFile, skus: inout Interner, locations: inout Interner, types: inout Interner,
                     issues: InputIssues) throws -> (rows: [Promotion], info: LoadedFile) {
        let file = source.name
        let t = try TableReader(path: source.path, file: file, required: ContractTable.promotions.required,
                                optional: ContractTable.promotions.optional, issues: issues,
                                compressed: source.isCompressed)
        let cSku = t.column("sku"), cLoc = t.column("location"), cStart = t.column("start_date")
        let cEnd = t.column("end_date"), cType = t.column("promo_type"), cDiscount = t.column("discount_pct")
        var rows: [Promotion] = []
        while t.next() {
            guard let sku = t.text(cSku), let locText = t.optionalText(cLoc),
                  let start = t.day(cStart), let end = t.day(cEnd), let type = t.text(cType),
                  let discount = t.optionalNumber(cDiscount, expected: "a discount in percent, -100 < d < 100", { $0 > -100 && $0 < 100 })
            else { continue }
            guard end >= start else {
                t.rowError(cEnd, "end_date is before start_date \(start)")
                continue
            }
            rows.append(Promotion(sku: skus.id(sku), location: locText.map { locations.id($0) }, start: start, end: end,
                                  type: types.id(type), discountPercent: discount))
        }
        return (rows, LoadedFile(table: .promotions, rows: t.rowCount, unknownColumns: t.unknownColumns))
    }
}
