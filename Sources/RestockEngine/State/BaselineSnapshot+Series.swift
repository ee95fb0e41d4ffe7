import Foundation
import RestockData

/// `series.csv` of a baseline snapshot: one ``SeriesTally`` per series, numbers written in
/// Swift's shortest round-trip form (`Double(String)` gives back the same bits), empty for nil.
extension BaselineSnapshot {
    package static let seriesHeader = [
        "sku", "location", "category", "source", "model", "supplier", "exceptions", "forecast_rows", "order_rows",
        "transfer_rows", "units_ordered", "value_ordered", "units_transferred", "planned", "on_hand", "unit_cost",
        "mean_daily", "slow", "service_target", "valuable_score", "urgent_score", "demand", "ordered", "value",
        "transferred", "first_stockout_day", "order_up_to", "stockout_risk",
        // Added later: a snapshot without it reads as no arrival known.
        "order_arrival",
    ]

    package static func writeSeriesRow(_ w: CSVWriter, sku: String, location: String, item: ItemSettings?, _ t: SeriesTally) throws {
        func number(_ x: Double?) throws { try w.writeField(x.map { "\($0)" } ?? "") }
        func flag(_ b: Bool) throws { try w.writeField(b ? "1" : "0") }
        try w.writeField(sku)
        try w.writeField(location)
        try w.writeField(item?.category ?? "")
        try w.writeField(item?.source ?? "")
        try w.writeField(t.model)
        try w.writeField(t.supplier ?? "")
        try w.writeField(t.exceptions.joined(separator: "|"))
        try w.writeInteger(t.forecastRows)
        try w.writeInteger(t.orderRows)
        try w.writeInteger(t.transferRows)
        try number(t.unitsOrdered)
        try number(t.valueOrdered)
        try number(t.unitsTransferred)
        try flag(t.planned)
        try number(t.onHand)
        try number(t.unitCost)
        try number(t.meanDaily)
        try flag(t.slow)
        try number(t.serviceTarget)
        try number(t.valuableScore)
        try number(t.urgentScore)
        try number(t.diff.demand)
        try number(t.diff.ordered)
        try number(t.diff.value)
        try number(t.diff.transferred)
        try w.writeField(t.diff.firstStockoutDay.map(String.init) ?? "")
        try number(t.diff.orderUpTo)
        try flag(t.diff.stockoutRisk)
        try w.writeField(t.orderArrival.map { $0.description } ?? "")
        try w.endRecord()
    }

    package static func seriesRow(_ r: [String]) throws -> SeriesRow {
        guard r.count == seriesHeader.count || r.count == seriesHeader.count - 1 else {
            throw SnapshotError("series row with \(r.count) fields, expected \(seriesHeader.count)")
        }
        func number(_ i: Int) throws -> Double? {
            if r[i].isEmpty { return nil }
            guard let v = Double(r[i]) else { throw SnapshotError("series row \(r[0]),\(r[1]): '\(r[i])' is not a number") }
            return v
        }
        func required(_ i: Int) throws -> Double {
            guard let v = try number(i) else { throw SnapshotError("series row \(r[0]),\(r[1]): \(seriesHeader[i]) is empty") }
            return v
        }
        func integer(_ i: Int) throws -> Int {
            guard let v = Int(r[i]) else { throw SnapshotError("series row \(r[0]),\(r[1]): '\(r[i])' is not a whole number") }
            return v
        }
        var t = SeriesTally()
        t.model = r[4]
        t.supplier = r[5].isEmpty ? nil : r[5]
        t.exceptions = r[6].isEmpty ? [] : r[6].split(separator: "|").map(String.init)
        t.forecastRows = try integer(7)
        t.orderRows = try integer(8)
        t.transferRows = try integer(9)
        t.unitsOrdered = try required(10)
        t.valueOrdered = try required(11)
        t.unitsTransferred = try required(12)
        t.planned = r[13] == "1"
        t.onHand = try required(14)
        t.unitCost = try number(15)
        t.meanDaily = try required(16)
        t.slow = r[17] == "1"
        t.serviceTarget = try number(18)
        t.valuableScore = try required(19)
        t.urgentScore = try number(20)
        t.diff.demand = try required(21)
        t.diff.ordered = try required(22)
        t.diff.value = try required(23)
        t.diff.transferred = try required(24)
        t.diff.firstStockoutDay = r[25].isEmpty ? nil : try integer(25)
        t.diff.orderUpTo = try number(26)
        t.diff.stockoutRisk = r[27] == "1"
        t.orderArrival = r.count > 28 ? Day.parse(r[28]) : nil
        return SeriesRow(sku: r[0], location: r[1], category: r[2].isEmpty ? nil : r[2], source: r[3].isEmpty ? nil : r[3],
                         tally: t)
    }
}
