/// Inbound units not yet received: a purchase order or a transfer in transit.
public struct OpenOrder: Sendable, Equatable {
    public enum Kind: String, Sendable { case po, transfer }
    public var key: SeriesKey
    /// Units, > 0.
    public var quantity: Double
    /// The day the units arrive and can be sold.
    public var due: Day
    public var kind: Kind?
}

enum OpenOrdersTableLoader {
    static func load(source: StoredFile, skus: inout Interner, locations: inout Interner,
                     issues: InputIssues) throws -> (rows: [OpenOrder], info: LoadedFile) {
        let file = source.name
        let t = try TableReader(path: source.path, file: file, required: ContractTable.openOrders.required,
                                optional: ContractTable.openOrders.optional, issues: issues,
                                compressed: source.isCompressed)
        let cSku = t.column("sku"), cLoc = t.column("location"), cQty = t.column("quantity")
        let cDue = t.column("due_date"), cKind = t.column("kind")
        var rows: [OpenOrder] = []
        while t.next() {
            guard let sku = t.text(cSku), let loc = t.text(cLoc), let qty = t.number(cQty),
                  let due = t.day(cDue), let kindText = t.optionalText(cKind) else { continue }
            guard qty > 0 else { t.rowError(cQty, "expected a quantity > 0"); continue }
            var kind: OpenOrder.Kind? = nil
            if let k = kindText {
                guard let parsed = OpenOrder.Kind(rawValue: k.lowercased()) else {
                    t.rowError(cKind, "expected 'po' or 'transfer'")
                    continue
                }
                kind = parsed
            }
            rows.append(OpenOrder(key: SeriesKey(sku: skus.id(sku), location: locations.id(loc)),
                                  quantity: qty, due: due, kind: kind))
        }
        return (rows, LoadedFile(table: .openOrders, rows: t.rowCount, unknownColumns: t.unknownColumns))
    }
}
