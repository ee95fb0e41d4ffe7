import Forecast

/// Safety stock for a protection interval P = lead time + review period.
///
/// With daily forecast error standard deviations σ_1…σ_P (independent across days) and lead-time
/// standard deviation σ_L (days) around mean daily demand d̄:
/// σ_P = √(Σ_{h=1..P} σ_h² + d̄²·σ_L²)  (Silver, Pyke & Thomas, 2017, §6.10.2),
/// and for a cycle service level CSL the safety factor is k = Φ⁻¹(CSL), safety stock k·σ_P.
public enum SafetyStock {
    /// σ_P in units. `dailySD` holds σ_h from the first forecast day on; days beyond it repeat
    /// its last value. `days` ≥ 0 may be fractional (the last day is weighted by its fraction).
    public static func protectionSD(dailySD: [Double], days: Double, meanDailyDemand: Double,
                                    leadTimeSDDays: Double) -> Double {
        var variance = 0.0
        let whole = Int(days.rounded(.down))
        let fraction = days - Double(whole)
        for h in 0..<(whole + (fraction > 0 ? 1 : 0)) {
            let s = dailySD.isEmpty ? 0 : dailySD[min(h, dailySD.count - 1)]
            variance += (h < whole ? 1 : fraction) * s * s
        }
        variance += meanDailyDemand * meanDailyDemand * leadTimeSDDays * leadTimeSDDays
        return variance.squareRoot()
    }

    /// k = Φ⁻¹(CSL) for a cycle service level in (0, 1).
    public static func safetyFactor(cycleServiceLevel: Double) -> Double {
        StandardNormal.quantile(cycleServiceLevel)
    }

    /// Sum of the forecast means over the first `days` days (fractional last day weighted).
    public static func demandOver(days: Double, mean: [Double]) -> Double {
        var total = 0.0
        let whole = Int(days.rounded(.down))
        let fraction = days - Double(whole)
        for h in 0..<(whole + (fraction > 0 ? 1 : 0)) {
            let m = mean.isEmpty ? 0 : mean[min(h, mean.count - 1)]
            total += (h < whole ? 1 : fraction) * m
        }
        return total
    }
}
