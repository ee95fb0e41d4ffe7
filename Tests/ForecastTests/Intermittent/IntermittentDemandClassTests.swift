import Testing
@testable import Forecast

@Suite("Intermittent: DemandClass")
struct IntermittentDemandClassTests {
    private func series(_ d: [Double], censored: [Bool] = []) -> DemandSeries {
        DemandSeries(demand: d, censored: censored)
    }

    @Test func eachClassFromConstructedSeries() {
        // Every day sells, sizes 5/6: ADI 1, CV² ≈ 0.008.
        let smooth = series((0..<60).map { $0 % 2 == 0 ? 5 : 6 })
        // Every day sells, sizes 1/10: CV² = 20.25 / 30.25 ≈ 0.67.
        let erratic = series((0..<60).map { $0 % 2 == 0 ? 1 : 10 })
        // Every other day 4 units: ADI 2, CV² 0.
        let intermittent = series((0..<60).map { $0 % 2 == 0 ? 0 : 4 })
        // Every other day 1 or 10 units: ADI 2, CV² ≈ 0.67.
        let lumpy = series((0..<60).map { $0 % 2 == 0 ? 0 : ($0 % 4 == 1 ? 1 : 10) })
        #expect(DemandClass.classify(smooth) == .smooth)
        #expect(DemandClass.classify(erratic) == .erratic)
        #expect(DemandClass.classify(intermittent) == .intermittent)
        #expect(DemandClass.classify(lumpy) == .lumpy)

        let s = DemandClassStatistics(lumpy)
        #expect(s.observedDays == 60 && s.demandDays == 30)
        #expect(s.adi == 2)
        #expect(isClose(s.cv2, 20.25 / 30.25, 1e-15))
    }

    @Test func adiCutoffIsInclusive() {
        // 33 observed days with 25 demands: ADI = 33/25 = 1.32 exactly (both sides round to the
        // same double), which is on the intermittent side.
        var d = [Double](repeating: 7, count: 33)
        for t in [3, 7, 11, 15, 19, 23, 27, 31] { d[t] = 0 }
        let atCutoff = DemandClassStatistics(series(d))
        #expect(atCutoff.demandDays == 25)
        #expect(atCutoff.adi == DemandClass.adiCutoff)
        #expect(atCutoff.demandClass == .intermittent)
        // One more demand day: ADI = 33/26 ≈ 1.269 < 1.32.
        d[31] = 7
        #expect(DemandClass.classify(series(d)) == .smooth)
    }

    @Test func cv2CutoffIsInclusive() {
        // Sizes 3 and 17 in equal numbers: mean 10, population sd 7, CV² = 49/100 = 0.49 exactly.
        let atCutoff = DemandClassStatistics(series((0..<40).map { $0 % 2 == 0 ? 3 : 17 }))
        #expect(atCutoff.cv2 == DemandClass.cv2Cutoff)
        #expect(atCutoff.demandClass == .erratic)
        let below = series((0..<40).map { $0 % 2 == 0 ? 3.01 : 16.99 })
        #expect(DemandClassStatistics(below).cv2 < 0.49)
        #expect(DemandClass.classify(below) == .smooth)
        // The same sizes with zeros in between move to the intermittent row.
        let sparse = series((0..<80).map { $0 % 2 == 0 ? 0 : ($0 % 4 == 1 ? 3 : 17) })
        #expect(DemandClass.classify(sparse) == .lumpy)
    }

    @Test func tableFromStatistics() {
        #expect(DemandClass.classify(adi: 1.3199, cv2: 0.4899) == .smooth)
        #expect(DemandClass.classify(adi: 1.3199, cv2: 0.49) == .erratic)
        #expect(DemandClass.classify(adi: 1.32, cv2: 0.4899) == .intermittent)
        #expect(DemandClass.classify(adi: 1.32, cv2: 0.49) == .lumpy)
    }

    @Test func fewerThanTwoDemands() {
        // CV² is 0 with fewer than 2 demands: any observed zero → intermittent, else smooth.
        #expect(DemandClass.classify(series([0, 0, 0])) == .intermittent)
        #expect(DemandClassStatistics(series([0, 0, 0])).adi == .infinity)
        #expect(DemandClass.classify(series([0, 9, 0, 0])) == .intermittent)
        #expect(DemandClass.classify(series([9])) == .smooth)
        #expect(DemandClass.classify(series([])) == .smooth)
        #expect(DemandClass.classify(series([0, 0], censored: [true, true])) == .smooth)
        // Net-negative days (returns) are zeros.
        #expect(DemandClass.classify(series([-2, 5, -1, 0])) == .intermittent)
    }

    @Test func censoredDaysAreMissingNotZero() {
        // Zeros on censored days would make this intermittent; as missing days it is smooth.
        let y = series([4, 0, 5, 0, 4, 0, 5], censored: [false, true, false, true, false, true, false])
        let s = DemandClassStatistics(y)
        #expect(s.observedDays == 4 && s.demandDays == 4 && s.adi == 1)
        #expect(s.demandClass == .smooth)
    }
}
