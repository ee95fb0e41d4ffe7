/// An allowed lateral transfer between two locations (`lanes.csv`).
public struct Lane: Sendable, Equatable {
    public var from: Int32
    public var to: Int32
    /// Days from shipping to arrival, ≥ 0.
    public var leadTimeDays: Double
    /// Cost of moving one unit, ≥ 0; nil when not given.
    public var costPerUnit: Double?
}

enum LanesTableLoader {
    static func load(source: StoredFile, locations: Interner, issues: InputIssues) throws -> (rows: [Lane], info: LoadedFile) {
        let file = source.name
        let t = try TableReader(path: source.path, file: file, required: ContractTable.lanes.required,
                                optional: ContractTable.lanes.optional, issues: issues,
                                compressed: source.isCompressed)
        let cFrom = t.column("from_location"), cTo = t.column("to_location"), cLead = t.column("lead_time_days")
        let cCost = t.column("cost_per_unit")
        var rows: [Lane] = []
        while t.next() {
            guard let from = t.text(cFrom), let to = t.text(cTo), let lead = t.number(cLead),
                  let cost = t.optionalNumber(cCost, expected: "a cost ≥ 0", { $0 >= 0 }) else { continue }
            guard lead >= 0 && lead <= 3660 else { t.rowError(cLead, "expected days in 0…3660"); continue }
            guard let fromID = locations.existingID(from) else {
                t.rowError(cFrom, "unknown location: expected a location that appears in sales.csv, items.csv or inventory.csv")
                continue
            }
            guard let toID = locations.existingID(to) else {
                t.rowError(cTo, "unknown location: expected a location that appears in sales.csv, items.csv or inventory.csv")
                continue
            }
            guard fromID != toID else { t.rowError(cTo, "a lane must join two different locations"); continue }
            rows.append(Lane(from: fromID, to: toID, leadTimeDays: lead, costPerUnit: cost))
        }
        return (rows, LoadedFile(table: .lanes, rows: t.rowCount, unknownColumns: t.unknownColumns))
    }
}
