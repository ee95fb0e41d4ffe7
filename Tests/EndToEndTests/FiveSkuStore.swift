import Foundation

/// The small store the purchase-order end-to-end suites share: one store S1, five skus SKU1…SKU5,
/// 120 days of sales from 2024-01-01 (as-of 2024-04-29, orders dated 2024-04-30), nothing on hand,
/// so every sku orders. Each suite writes its own `items.csv` (and `suppliers.csv`) beside it.
enum FiveSkuStore {
    static let skus = ["SKU1", "SKU2", "SKU3", "SKU4", "SKU5"]

    /// Items bought from three suppliers, reviewed every night; SKU5 has no unit cost.
    static let itemsFromThreeSuppliers = """
        sku,location,source,lead_time_days,review_days,order_multiple,unit_cost
        SKU1,S1,SUPX,7,1,5,2
        SKU2,S1,SUPY,7,1,1,1
        SKU3,S1,SUPY,7,1,1,1.5
        SKU4,S1,SUPZ,7,1,1,3
        SKU5,S1,SUPZ,7,1,1,

        """

    /// Writes `data/sales.csv` and `data/inventory.csv` under `dir`; returns the data folder.
    static func writeSalesAndInventory(_ dir: TempDir) throws -> String {
        var sales = "date,sku,location,quantity\n"
        for (t, date) in isoDays(from: 2024, 1, 1, count: 120).enumerated() {
            for (k, sku) in skus.enumerated() { sales += "\(date),\(sku),S1,\(4 + 2 * k + (t * (k + 3)) % 5)\n" }
        }
        try dir.write("data/sales.csv", sales)
        try dir.write("data/inventory.csv", "sku,location,on_hand\n" + skus.map { "\($0),S1,0\n" }.joined())
        return dir.path + "/data"
    }
}
