/// The Syntetos–Boylan–Croston demand classes (Syntetos, Boylan & Croston, "On the
/// categorization of demand patterns", *JORS* 56(5), 2005, §4; cut-offs as restated by Syntetos &
/// Boylan 2005 and used by most software):
///
/// |                 | CV² < 0.49     | CV² ≥ 0.49 |
/// |-----------------|----------------|------------|
/// | **ADI < 1.32**  | `smooth`       | `erratic`  |
/// | **ADI ≥ 1.32**  | `intermittent` | `lumpy`    |
///
/// ADI is the average inter-demand interval, days; CV² the squared coefficient of variation of the
/// non-zero demand sizes. See `DemandClassStatistics` for exactly how both are computed.
public enum DemandClass: String, Sendable, CaseIterable {
    case smooth, erratic, intermittent, lumpy

    /// ADI cut-off, days: a series with ADI ≥ 1.32 has intermittent occurrence.
    public static let adiCutoff = 1.32
    /// CV² cut-off: sizes with CV² ≥ 0.49 are erratic.
    public static let cv2Cutoff = 0.49

    /// The class of `y` from its observed (uncensored) days. O(n).
    public static func classify(_ y: DemandSeries) -> DemandClass {
        DemandClassStatistics(y).demandClass
    }

    /// The class for given ADI (days) and CV², by the table above. A NaN ADI (no observed days)
    /// counts as smooth.
    public static func classify(adi: Double, cv2: Double) -> DemandClass {
        let intermittentTiming = adi >= adiCutoff
        let erraticSize = cv2 >= cv2Cutoff
        switch (intermittentTiming, erraticSize) {
        case (false, false): return .smooth
        case (false, true): return .erratic
        case (true, false): return .intermittent
        case (true, true): return .lumpy
        }
    }
}

/// The two statistics behind `DemandClass`, computed over the observed (uncensored) days only;
/// a censored day is missing, not a zero.
///
/// - `adi` = observed days / demand days (days; ≥ 1; +∞ when no observed day has demand, NaN when
///   there is no observed day). With the first interval counted from the start of the history,
///   this is the mean inter-demand interval.
/// - `cv2` = (s / m)² over the non-zero sizes, with m their mean and s² = Σ(zᵢ − m)² / k their
///   population variance (k = demand days).
///
/// A "demand day" is an observed day with demand > 0 (a net-negative day, returns exceeding
/// sales, is a zero).
///
/// **Fewer than 2 demand days.** CV² cannot be estimated from one size, so it is set to 0 (no
/// observed variation). The table then gives: no demand or one demand among several observed days
/// (ADI ≥ 2) → `intermittent`; a single observed day that has demand (ADI = 1) → `smooth`; no
/// observed day at all → `smooth`. That is "intermittent if any observed zero, else smooth".
public struct DemandClassStatistics: Sendable, Equatable {
    /// Number of observed (uncensored) days.
    public var observedDays: Int
    /// Number of observed days with demand > 0.
    public var demandDays: Int
    /// Average inter-demand interval, days.
    public var adi: Double
    /// Squared coefficient of variation of the non-zero sizes (0 when `demandDays` < 2).
    public var cv2: Double

    /// The class these statistics fall in.
    public var demandClass: DemandClass { DemandClass.classify(adi: adi, cv2: cv2) }

    /// Computes the statistics in two passes over `y`, without allocating. O(n).
    public init(_ y: DemandSeries) {
        var observed = 0
        var k = 0
        var sum = 0.0
        y.demand.withUnsafeBufferPointer { d in
            for t in 0..<d.count where y.isObserved(t) {
                observed += 1
                if d[t] > 0 { k += 1; sum += d[t] }
            }
        }
        observedDays = observed
        demandDays = k
        adi = observed == 0 ? .nan : (k == 0 ? .infinity : Double(observed) / Double(k))
        guard k >= 2 else { cv2 = 0; return }
        let mean = sum / Double(k)
        var ss = 0.0
        y.demand.withUnsafeBufferPointer { d in
            for t in 0..<d.count where y.isObserved(t) && d[t] > 0 {
                let e = d[t] - mean
                ss += e * e
            }
        }
        cv2 = (ss / Double(k)) / (mean * mean)
    }
}
