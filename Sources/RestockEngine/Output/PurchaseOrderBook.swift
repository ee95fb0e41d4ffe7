import Foundation
import RestockData

/// The night's order lines grouped into purchase orders: one per supplier and order date,
/// numbered `PO-<yyyymmdd>-<supplier>`, or several when the supplier stage split the order at
/// its `max_units_per_order` (`…-<supplier>-2`, `-3`, …; deterministic: the same night gives the
/// same numbers, whatever the threads or the order the lines come in). Written as `purchase_orders.csv`:
/// `po,supplier,order_date,expected_arrival,lines,units,value` — the latest arrival of its
/// lines, Σ units, Σ units × unit cost over the lines with a cost (blank when none has one).
package struct PurchaseOrderBook {
    package struct Order {
        package var supplier: String
        /// 1 for the supplier's first purchase order of the night, 2, 3, … for the parts of a split.
        package var order = 1
        package var lines = 0
        package var units = 0.0
        package var value = 0.0
        package var valued = 0
        package var arrival: Day? = nil
    }

    package struct Key: Hashable { var supplier: String; var order: Int }

    /// By supplier and part; the order date is the night's (every line is ordered the day after as-of).
    package private(set) var orders: [Key: Order] = [:]

    package static let header = ["po", "supplier", "order_date", "expected_arrival", "lines", "units", "value"]

    package static func number(supplier: String, orderDate: Day, order: Int = 1) -> String {
        "PO-" + orderDate.description.replacingOccurrences(of: "-", with: "") + "-" + supplier + (order > 1 ? "-\(order)" : "")
    }

    /// Adds an order line on the supplier's `order`-th purchase order: `units` at `unitCost` each
    /// (nil = unknown), arriving on `arrival`.
    package mutating func add(supplier: String, order: Int = 1, units: Double, unitCost: Double?, arrival: Day?) {
        let key = Key(supplier: supplier, order: order)
        var o = orders[key] ?? Order(supplier: supplier, order: order)
        o.lines += 1
        o.units += units
        if let c = unitCost { o.value += units * c; o.valued += 1 }
        if let a = arrival { o.arrival = o.arrival.map { max($0, a) } ?? a }
        orders[key] = o
    }

    package func write(to path: String, orderDate: Day) throws {
        let w = try CSVWriter(path: path)
        try w.writeRow(PurchaseOrderBook.header)
        for o in orders.values.sorted(by: { ($0.supplier, $0.order) < ($1.supplier, $1.order) }) {
            try w.writeField(PurchaseOrderBook.number(supplier: o.supplier, orderDate: orderDate, order: o.order))
            try w.writeField(o.supplier)
            try w.writeDay(orderDate)
            if let a = o.arrival { try w.writeDay(a) } else { try w.writeField("") }
            try w.writeInteger(o.lines)
            try w.writeDecimal(o.units)
            if o.valued > 0 { try w.writeDecimal(o.value, places: 2) } else { try w.writeField("") }
            try w.endRecord()
        }
        try w.close()
    }
}
