/// When a supplier takes orders (`suppliers.csv`): the items bought from it are reviewed on
/// the nights before its order days, and protected until the order placed on the next order
/// day arrives. It also carries the supplier's terms for one purchase order (all optional,
/// nil = not set): what the cross-sku stage (`SupplierOrderTerms` in Replenish) enforces.
public struct SupplierCalendar: Sendable, Equatable {
    public var name: String
    /// Order weekdays: bit d set for d = 0 Monday … 6 Sunday; never 0.
    public var orderWeekdays: UInt8
    /// Whether the supplier takes an out-of-cycle order (`expedite`); default true.
    public var allowsExpedite: Bool
    /// `min_order_value`: the least Σ units × unit cost a purchase order may have (currency, ≥ 0).
    public var minOrderValue: Double?
    /// `min_order_units`: the least Σ units a purchase order may have (units, ≥ 0).
    public var minOrderUnits: Double?
    /// `order_multiple_units`: a purchase order's Σ units must be a multiple of it (units, > 0; a pallet).
    public var orderMultipleUnits: Double?
    /// `max_units_per_order`: the most Σ units one purchase order may have (units, > 0; a truck).
    public var maxUnitsPerOrder: Double?
    /// `weekly_capacity_units`: the most units the supplier delivers on the orders of 7 order
    /// dates (units per week, > 0): a peak above it is built earlier (`CapacityPrebuild` in Replenish).
    public var weeklyCapacityUnits: Double?

    public init(name: String, orderWeekdays: UInt8, allowsExpedite: Bool = true, minOrderValue: Double? = nil,
                minOrderUnits: Double? = nil, orderMultipleUnits: Double? = nil, maxUnitsPerOrder: Double? = nil,
                weeklyCapacityUnits: Double? = nil) {
        precondition(orderWeekdays & 0x7F != 0, "at least one order day")
        self.name = name
        self.orderWeekdays = orderWeekdays & 0x7F
        self.allowsExpedite = allowsExpedite
        self.minOrderValue = minOrderValue
        self.minOrderUnits = minOrderUnits
        self.orderMultipleUnits = orderMultipleUnits
        self.maxUnitsPerOrder = maxUnitsPerOrder
        self.weeklyCapacityUnits = weeklyCapacityUnits
    }

    /// Whether any purchase-order term (minimum, multiple, maximum) is set.
    public var hasOrderTerms: Bool {
        minOrderValue != nil || minOrderUnits != nil || orderMultipleUnits != nil || maxUnitsPerOrder != nil
    }

    public func takesOrders(on day: Day) -> Bool { orderWeekdays & (1 << UInt8(day.weekday)) != 0 }

    /// Days from `day` to the first order day on or after it (0 … 6).
    public func daysToOrderDay(from day: Day) -> Int {
        var k = 0
        while !takesOrders(on: day.adding(k)) { k += 1 }
        return k
    }

    /// Days from an order on `day` to the supplier's next order day after it (1 … 7).
    public func daysToNextOrderDay(after day: Day) -> Int { 1 + daysToOrderDay(from: day.adding(1)) }

    /// `mon,thu` (any case, spaces ignored; `mon`…`sun` or the full names) as weekday bits; nil
    /// when a name is not a weekday or there is none.
    public static func weekdays(_ text: String) -> UInt8? {
        let names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        var bits: UInt8 = 0
        for part in text.lowercased().split(whereSeparator: { $0 == "," || $0 == ";" || $0 == " " || $0 == "|" }) {
            let p = String(part)
            guard let d = names.firstIndex(where: { p == $0 || p == Self.fullName($0) }) else { return nil }
            bits |= 1 << UInt8(d)
        }
        return bits == 0 ? nil : bits
    }

    static func fullName(_ short: String) -> String {
        ["mon": "monday", "tue": "tuesday", "wed": "wednesday", "thu": "thursday", "fri": "friday",
         "sat": "saturday", "sun": "sunday"][short]!
    }
}

enum SuppliersTableLoader {
    static func load(source: StoredFile, issues: InputIssues) throws -> (rows: [String: SupplierCalendar], info: LoadedFile) {
        let file = source.name
        let t = try TableReader(path: source.path, file: file, required: ContractTable.suppliers.required,
                                optional: ContractTable.suppliers.optional, issues: issues,
                                compressed: source.isCompressed)
        let cName = t.column("supplier"), cDays = t.column("order_days"), cExpedite = t.column("allows_expedite")
        let cMinValue = t.column("min_order_value"), cMinUnits = t.column("min_order_units")
        let cMultiple = t.column("order_multiple_units"), cMax = t.column("max_units_per_order")
        let cCapacity = t.column("weekly_capacity_units")
        var rows: [String: SupplierCalendar] = [:]
        var lines: [String: Int] = [:]
        while t.next() {
            guard let name = t.text(cName), let daysText = t.text(cDays), let expediteText = t.optionalText(cExpedite),
                  let minValue = t.optionalNumber(cMinValue, expected: "a value ≥ 0", { $0 >= 0 }),
                  let minUnits = t.optionalNumber(cMinUnits, expected: "units ≥ 0", { $0 >= 0 }),
                  let multiple = t.optionalNumber(cMultiple, expected: "units > 0", { $0 > 0 }),
                  let maxUnits = t.optionalNumber(cMax, expected: "units > 0", { $0 > 0 }),
                  let capacity = t.optionalNumber(cCapacity, expected: "units per week > 0", { $0 > 0 })
            else { continue }
            guard let days = SupplierCalendar.weekdays(daysText) else {
                t.rowError(cDays, "expected weekdays such as mon,thu")
                continue
            }
            var expedite = true
            if let e = expediteText?.lowercased() {
                switch e {
                case "true", "yes", "1": expedite = true
                case "false", "no", "0": expedite = false
                default: t.rowError(cExpedite, "expected true or false"); continue
                }
            }
            if let first = lines[name] {
                t.fileError("duplicate supplier '\(name)': already on line \(first); expected one row per supplier")
                continue
            }
            lines[name] = t.line
            rows[name] = SupplierCalendar(name: name, orderWeekdays: days, allowsExpedite: expedite, minOrderValue: minValue,
                                          minOrderUnits: minUnits, orderMultipleUnits: multiple, maxUnitsPerOrder: maxUnits,
                                          weeklyCapacityUnits: capacity)
        }
        return (rows, LoadedFile(table: .suppliers, rows: t.rowCount, unknownColumns: t.unknownColumns))
    }
}
