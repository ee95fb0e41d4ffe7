import Foundation

/// A seeded stream of pseudo-random numbers for simulated ETS prediction intervals:
/// SplitMix64 (Steele, Lea & Flood, OOPSLA 2014) for the bits, Box–Muller for normals.
/// Deterministic: the same seed gives the same stream on every platform.
struct ETSRandomStream {
    private var state: UInt64
    private var spare: Double?

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform on (0, 1): 53 random bits, never exactly 0.
    mutating func unit() -> Double { (Double(next() >> 11) + 0.5) * 0x1p-53 }

    /// Standard normal.
    mutating func normal() -> Double {
        if let s = spare { spare = nil; return s }
        let r = (-2 * log(unit())).squareRoot()
        let theta = 2 * Double.pi * unit()
        spare = r * sin(theta)
        return r * cos(theta)
    }
}
