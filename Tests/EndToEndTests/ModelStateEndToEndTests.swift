import Foundation
import Testing

/// The model state kept in the output directory between nights.
@Suite(.serialized) struct ModelStateEndToEndTests {
    @Test func aWarmRunReusesTheChosenMethodsAndGivesTheSameForecasts() throws {
        let dir = try TempDir()
        let out = dir.path + "/out"
        #expect(try RestockProcess.run(["run", "--data", RestockProcess.samples, "--out", out]).status == 0)
        let state = parseCSV(String(decoding: try dir.read("out/state/models.v1.csv"), as: UTF8.self))
        #expect(state[0] == ["sku", "location", "model", "chosen_on"])
        #expect(state.count == 121)
        #expect(state.dropFirst().allSatisfy { $0[3] == "2024-12-30" })
        let cold = try dir.read("out/forecast.csv")
        let warm = try RestockProcess.run(["run", "--data", RestockProcess.samples, "--out", out, "--log-format", "json"])
        #expect(warm.status == 0)
        #expect(warm.stderr.contains("\"warm\":\"true\""), "\(warm.stderr)")
        // Same data and night: refitting the chosen method gives the same forecast.
        #expect(try dir.read("out/forecast.csv") == cold)
    }

    @Test func aCorruptStateIsIgnoredWithAWarning() throws {
        let dir = try TempDir()
        let out = dir.path + "/out"
        #expect(try RestockProcess.run(["run", "--data", RestockProcess.samples, "--out", out]).status == 0)
        let reference = try dir.read("out/forecast.csv")
        try dir.write("out/state/models.v1.csv", "sku,location,model,chosen_on\nSKU00001,DC1,\"ets(a,n\n")
        let r = try RestockProcess.run(["run", "--data", RestockProcess.samples, "--out", out])
        #expect(r.status == 0)
        #expect(r.stderr.contains("choosing every model afresh"), "\(r.stderr)")
        #expect(try dir.read("out/forecast.csv") == reference)
    }
}
