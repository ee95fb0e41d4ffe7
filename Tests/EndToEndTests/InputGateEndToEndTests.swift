import Foundation
import Testing

/// The gate against the previous night's inputs: a cut-short export stops the night (exit 65,
/// the previous outputs untouched) until `--accept-input-change`; ordinary growth, a re-run of
/// the same date and a replay pass.
@Suite struct InputGateEndToEndTests {
    /// The samples' `sales.csv` lines (header first) and the rows of 2024-12-24 re-dated to `day`:
    /// one more ordinary day of every series (the same weekday a week later).
    static func salesWithAnotherDay(_ lines: [String], day: String, from source: String, keep: (Int) -> Bool = { _ in true }) -> [String] {
        var extra: [String] = []
        for line in lines.dropFirst() where line.hasPrefix(source + ",") {
            if keep(extra.count) { extra.append(day + line.dropFirst(10)) } else { extra.append("") }
        }
        return lines + extra.filter { !$0.isEmpty }
    }

    @Test func aCutShortExportStopsTheNightUntilAccepted() throws {
        let dir = try TempDir()
        let data = try dir.copySamples()
        let path = data + "/sales.csv"
        let original = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        let out = dir.path + "/night"
        // Night 1, then night 2 with one more ordinary day: passes.
        #expect(try RestockProcess.run(["run", "--data", data, "--out", out]).status == 0)
        let night2 = Self.salesWithAnotherDay(original, day: "2024-12-31", from: "2024-12-24")
        try (night2.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let second = try RestockProcess.run(["run", "--data", data, "--out", out])
        #expect(second.status == 0, "stderr: \(second.stderr)")
        let kept = try dir.read("night/forecast.csv")

        // Night 3: a new day, but the export cut to half its rows.
        let full3 = Self.salesWithAnotherDay(night2, day: "2025-01-01", from: "2024-12-25")
        let half = [full3[0]] + full3.dropFirst().enumerated().filter { $0.offset % 2 == 0 || $0.element.hasPrefix("2025-01-01") }.map(\.element)
        try (half.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let cut = try RestockProcess.run(["run", "--data", data, "--out", out])
        #expect(cut.status == 65)
        #expect(cut.stderr.contains("sales.csv rows:") && cut.stderr.contains("--accept-input-change"), "\(cut.stderr)")
        #expect(try dir.read("night/forecast.csv") == kept, "a stopped night leaves the previous outputs")

        // Night 3 with most of its last week missing (the rows of 2024-12-26 … 2024-12-31 thinned
        // to one in ten, a new day added in full): the units of 7 days fall.
        let week = Self.salesWithAnotherDay(night2, day: "2025-01-01", from: "2024-12-25")
        let thinWeek = [week[0]] + week.dropFirst().enumerated().filter { k, line in
            let d = String(line.prefix(10))
            return !(d >= "2024-12-26" && d <= "2024-12-31") || k % 10 == 0
        }.map(\.element)
        try (thinWeek.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let lastWeek = try RestockProcess.run(["run", "--data", data, "--out", out])
        #expect(lastWeek.status == 65)
        #expect(lastWeek.stderr.contains("units sold in the last 7 days"), "\(lastWeek.stderr)")
        #expect(try dir.read("night/forecast.csv") == kept)

        // Night 3 with its last day mostly missing (one row in 20 of 2025-01-01).
        let thin = Self.salesWithAnotherDay(night2, day: "2025-01-01", from: "2024-12-25", keep: { $0 % 20 == 0 })
        try (thin.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let partial = try RestockProcess.run(["run", "--data", data, "--out", out])
        #expect(partial.status == 65)
        #expect(partial.stderr.contains("units sold on the last day (2025-01-01)"), "\(partial.stderr)")
        // A replay of that date skips the gate; accepting the change lets the night go on.
        #expect(try RestockProcess.run(["run", "--data", data, "--out", dir.path + "/replay", "--as-of", "2025-01-01"]).status == 0)
        let accepted = try RestockProcess.run(["run", "--data", data, "--out", out, "--accept-input-change"])
        #expect(accepted.status == 0, "stderr: \(accepted.stderr)")
        #expect(try dir.read("night/forecast.csv") != kept)
        // Re-running the same night compares with itself: it runs, and writes the same files.
        let acceptedForecast = try dir.read("night/forecast.csv")
        let rerun = try RestockProcess.run(["run", "--data", data, "--out", out])
        #expect(rerun.status == 0, "stderr: \(rerun.stderr)")
        #expect(try dir.read("night/forecast.csv") == acceptedForecast)

        // An export that ends before the night just planned (as of 2025-01-01) stops too.
        try (night2.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let stale = try RestockProcess.run(["run", "--data", data, "--out", out])
        #expect(stale.status == 65)
        #expect(stale.stderr.contains("before the previous night's last date 2025-01-01"), "\(stale.stderr)")
    }

    @Test func freshnessLimitStopsAnOldExport() throws {
        let dir = try TempDir()
        try dir.write("fresh.toml", "max_input_age_days = 3\n")
        let r = try RestockProcess.run(["forecast", "--data", RestockProcess.samples, "--out", dir.path + "/out",
                                        "--config", dir.path + "/fresh.toml", "--horizon", "7"])
        #expect(r.status == 65)
        #expect(r.stderr.contains("older than max_input_age_days = 3"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/out"))
    }
}
