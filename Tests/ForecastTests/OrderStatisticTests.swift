import Foundation
import Testing
import TestSupport
@testable import Forecast

/// Quickselect gives exactly the sorted array's k-th value, and the Fourier table the same bits
/// as computing the terms directly.
@Suite("Order statistics and the Fourier table")
struct OrderStatisticTests {
    @Test func kthSmallestMatchesSorting() {
        var rng = SplitMix64(seed: 3)
        for trial in 0..<400 {
            let n = 1 + trial % 97
            // Many ties on some trials (small integer values), distinct reals on others.
            let values: [Double] = (0..<n).map { _ in trial % 3 == 0 ? Double(rng.next() % 5) : rng.unit() * 10 - 5 }
            let sorted = values.sorted()
            for k in Set([0, n / 2, n - 1, Int(rng.next() % UInt64(n))]) {
                var a = values
                #expect(OrderStatistic.kthSmallest(&a, k) == sorted[k], "n \(n), k \(k)")
                #expect(a.sorted() == sorted)
            }
        }
    }

    @Test func fourierTableIsTheDirectComputation() {
        for day in [0, 1, 200, 365, 366, 5000, FourierTable.days - 1, FourierTable.days, 40_000] {
            var direct: [Double] = []
            FourierTable.terms(day: day) { _, v in direct.append(v) }
            #expect(direct.count == 2 * EffectLayout.fourierPairs)
            #expect(direct[0] == sin(2 * Double.pi * Double(day) / 365.25))
            if day < FourierTable.days {
                let row = Array(FourierTable.values[(day * direct.count)..<((day + 1) * direct.count)])
                #expect(row.map(\.bitPattern) == direct.map(\.bitPattern))
            }
        }
    }
}
