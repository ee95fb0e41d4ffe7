/// The rule restock is compared with in a replay: a classic ERP min/max on recent average
/// demand, min = m·d̄·(L + R), max = min + d̄·R, with d̄ the mean daily sales of the 28 days
/// before the replay and one multiplier m for every item, tuned so the rule reaches a given
/// fill rate (a fair comparison: same service and the same review nights, then look at the
/// stock each needs).
package struct MinMaxRule {
    package var multiplier: Double

    package func levels(meanDaily d: Double, leadTimeDays l: Double, reviewDays r: Int) -> (min: Double, max: Double) {
        let low = multiplier * d * (l + Double(r))
        return (low, low + d * Double(r))
    }
}
