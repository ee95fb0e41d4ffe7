/// The contract's file names and columns (required, optional), in one place.
public enum ContractTable: String, CaseIterable, Sendable {
    case sales = "sales.csv"
    case promotions = "promotions.csv"
    case events = "events.csv"
    case inventory = "inventory.csv"
    case openOrders = "open_orders.csv"
    case items = "items.csv"
    case lanes = "lanes.csv"
    case suppliers = "suppliers.csv"
    case closures = "closures.csv"

    public var required: [String] {
        switch self {
        case .sales: return ["date", "sku", "location", "quantity"]
        case .promotions: return ["sku", "location", "start_date", "end_date", "promo_type"]
        case .events: return ["date", "event"]
        case .inventory: return ["sku", "location", "on_hand"]
        case .openOrders: return ["sku", "location", "quantity", "due_date"]
        case .items: return ["sku", "location", "source", "lead_time_days"]
        case .lanes: return ["from_location", "to_location", "lead_time_days"]
        case .suppliers: return ["supplier", "order_days"]
        case .closures: return ["location", "start_date", "end_date"]
        }
    }

    public var optional: [String] {
        switch self {
        case .sales: return ["on_hand", "price"]
        case .promotions: return ["discount_pct"]
        case .events: return []
        case .inventory: return ["allocated"]
        case .openOrders: return ["kind"]
        case .items:
            return ["lead_time_sd_days", "review_days", "service_level", "moq", "order_multiple",
                    "max_units", "unit_cost", "category"]
        case .lanes: return ["cost_per_unit"]
        case .suppliers: return ["allows_expedite", "min_order_value", "min_order_units", "order_multiple_units", "max_units_per_order", "weekly_capacity_units"]
        case .closures: return ["sku"]
        }
    }

    /// Whether a run can go without the file.
    public var isOptional: Bool {
        switch self {
        case .sales: return false
        case .inventory, .items: return false  // needed for plans; `forecast` loads without them
        default: return true
        }
    }
}
