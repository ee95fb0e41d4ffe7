import Forecast
import Foundation
@testable import RestockEngine
import Testing

/// `global.csv` (the snapshot's and the pool file's cross-series model) keeps the level weight;
/// a file without it (written before it existed, or with weight 0) reads as 0.
@Suite struct GlobalSnapshotTests {
    @Test func theLevelWeightRoundTrips() throws {
        let layout = GlobalLayout(promotionTypes: 1, events: 2)
        var model = GlobalModel(layout: layout, coefficients: (0..<layout.columns).map { 0.01 * Double($0) }, dispersion: 1.5, rows: 99)
        model.weights = CombinationWeights(byClass: [0.5, 0.5, 0.5, 0.5])
        model.levelWeight = 0.1
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("global-\(getpid())-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try BaselineSnapshot.writeGlobal(model, to: path)
        let back = try #require(try BaselineSnapshot.readGlobal(path))
        #expect(back.levelWeight == 0.1)
        #expect(back.coefficients == model.coefficients && back.weights == model.weights)
        model.levelWeight = 0
        try BaselineSnapshot.writeGlobal(model, to: path)
        #expect(!String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self).contains("level_weight"))
        #expect(try BaselineSnapshot.readGlobal(path)?.levelWeight == 0)
    }
}
