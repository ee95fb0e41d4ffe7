import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The cron guarantees: exit codes, the output-directory lock, and output sets that are never
/// half-written or mixed.
@Suite(.serialized) struct CronGuaranteesEndToEndTests {
    @Test func usageErrorsExit64() throws {
        let dir = try TempDir()
        #expect(try RestockProcess.run(["run", "--data", RestockProcess.samples, "--out", dir.path + "/o", "--as-of", "2024-13-01"]).status == 64)
        #expect(try RestockProcess.run(["run", "--data", RestockProcess.samples, "--out", dir.path + "/o", "--service-level", "1.2"]).status == 64)
        #expect(try RestockProcess.run(["run", "--bogus"]).status == 64)
        try dir.write("bad.toml", "horizon = 28\nhorizn = 5\n")
        let c = try RestockProcess.run(["run", "--data", RestockProcess.samples, "--out", dir.path + "/o", "--config", dir.path + "/bad.toml"])
        #expect(c.status == 64)
        #expect(c.stderr.contains("bad.toml:2"), "\(c.stderr)")
        // Numbers that do not fit are usage errors, not crashes.
        try dir.write("huge.toml", "horizon = 1e19\n")
        #expect(try RestockProcess.run(["run", "--data", RestockProcess.samples, "--out", dir.path + "/o", "--config", dir.path + "/huge.toml"]).status == 64)
        #expect(try RestockProcess.run(["forecast", "--data", RestockProcess.samples, "--out", dir.path + "/."]).status == 64)
    }

    @Test func configFileSetsDefaultsAndFlagsOverrideThem() throws {
        let dir = try TempDir()
        try dir.write("restock.toml", "# nightly\nhorizon = 10\nlevels = [90]\nservice_level = 0.9\n")
        let a = try RestockProcess.run(["forecast", "--data", RestockProcess.samples, "--out", dir.path + "/a", "--config", dir.path + "/restock.toml"])
        #expect(a.status == 0, "\(a.stderr)")
        let fa = parseCSV(String(decoding: try dir.read("a/forecast.csv"), as: UTF8.self))
        #expect(fa[0] == ["sku", "location", "date", "forecast", "sd", "lo90", "hi90", "model"])
        #expect(fa.count - 1 == 120 * 10)
        let b = try RestockProcess.run(["forecast", "--data", RestockProcess.samples, "--out", dir.path + "/b", "--config", dir.path + "/restock.toml", "--horizon", "3"])
        #expect(b.status == 0)
        #expect(parseCSV(String(decoding: try dir.read("b/forecast.csv"), as: UTF8.self)).count - 1 == 120 * 3)
    }

    @Test func aSecondRunWhileTheLockIsHeldExits75AtOnce() throws {
        let dir = try TempDir()
        let out = dir.path + "/out"
        // Hold the lock the way a running restock does.
        let fd = open(dir.path + "/.out.lock", O_RDWR | O_CREAT, 0o644)
        #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
        let start = Date()
        let r = try RestockProcess.run(["run", "--data", RestockProcess.samples, "--out", out])
        #expect(r.status == 75, "\(r.stderr)")
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(r.stderr.contains("lock"))
        close(fd)
        #expect(try RestockProcess.run(["run", "--data", RestockProcess.samples, "--out", out]).status == 0)
    }

    @Test func aSecondRealRunWhileTheFirstIsWorkingExits75() throws {
        let dir = try TempDir()
        let out = dir.path + "/out"
        // A long horizon keeps the first run busy for a few seconds.
        let first = try RestockProcess.start(["run", "--data", RestockProcess.samples, "--out", out,
                                              "--horizon", "3000", "--threads", "1"])
        let deadline = Date().addingTimeInterval(30)
        var started = false
        while Date() < deadline && first.isRunning {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
            if entries.contains(where: { $0.hasPrefix(".out.staging-") }) { started = true; break }
            usleep(2000)
        }
        #expect(started)
        let t = Date()
        let second = try RestockProcess.run(["run", "--data", RestockProcess.samples, "--out", out])
        let secondSeconds = Date().timeIntervalSince(t)
        let firstStillRunning = first.isRunning
        first.waitUntilExit()
        #expect(firstStillRunning, "the first run ended before the second started; the test proves nothing")
        #expect(second.status == 75, "\(second.stderr)")
        #expect(secondSeconds < 5)
        #expect(first.terminationStatus == 0)
    }

    @Test func aFailedRunLeavesThePreviousOutputsUntouched() throws {
        let dir = try TempDir()
        let data = try dir.copySamples()
        let out = dir.path + "/out"
        #expect(try RestockProcess.run(["run", "--data", data, "--out", out]).status == 0)
        let before = try snapshot(out)
        try Data("date,sku,location,quantity\nnot-a-date,A,B,1\n".utf8).write(to: URL(fileURLWithPath: data + "/sales.csv"))
        #expect(try RestockProcess.run(["run", "--data", data, "--out", out]).status == 65)
        #expect(try snapshot(out) == before)
    }

    @Test func aRunKilledMidWriteLeavesThePreviousOutputsIntact() throws {
        let dir = try TempDir()
        let out = dir.path + "/out"
        #expect(try RestockProcess.run(["run", "--data", RestockProcess.samples, "--out", out, "--horizon", "7"]).status == 0)
        let before = try snapshot(out)
        // A long horizon makes the write stage long enough to be interrupted.
        for delayMicroseconds: UInt32 in [0, 20_000, 100_000] {
            let p = try RestockProcess.start(["run", "--data", RestockProcess.samples, "--out", out, "--horizon", "3000", "--threads", "1"])
            let deadline = Date().addingTimeInterval(30)
            var staged = false
            while Date() < deadline && p.isRunning {
                let entries = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
                if let s = entries.first(where: { $0.hasPrefix(".out.staging-") }),
                   let size = try? FileManager.default.attributesOfItem(atPath: dir.path + "/" + s + "/forecast.csv")[.size] as? Int,
                   size > 0 {
                    staged = true
                    break
                }
                usleep(1000)
            }
            usleep(delayMicroseconds)
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            #expect(staged, "the run finished before it could be killed mid-write")
            #expect(try snapshot(out) == before, "outputs changed after SIGKILL")
        }
        // The next run cleans up the killed run's staging directory and succeeds.
        #expect(try RestockProcess.run(["run", "--data", RestockProcess.samples, "--out", out, "--horizon", "7"]).status == 0)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains("staging") }
        #expect(leftovers.isEmpty)
    }

    @Test func missingParentDirectoriesAreCreated() throws {
        let dir = try TempDir()
        let r = try RestockProcess.run(["forecast", "--data", RestockProcess.samples, "--out", dir.path + "/a/b/nightly", "--horizon", "3"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.path + "/a/b/nightly/forecast.csv"))
    }

    @Test func refusesToReplaceADirectoryItDidNotWrite() throws {
        let dir = try TempDir()
        try dir.write("mine/notes.txt", "precious")
        let r = try RestockProcess.run(["run", "--data", RestockProcess.samples, "--out", dir.path + "/mine"])
        #expect(r.status == 64)
        #expect(try dir.read("mine/notes.txt") == Data("precious".utf8))
    }

    @Test func jsonLogsOnStderr() throws {
        let dir = try TempDir()
        let r = try RestockProcess.run(["forecast", "--data", RestockProcess.samples, "--out", dir.path + "/o", "--log-format", "json"])
        #expect(r.status == 0)
        let lines = r.stderr.split(separator: "\n")
        #expect(!lines.isEmpty)
        for line in lines {
            let o = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(o?["level"] != nil && o?["msg"] != nil && o?["ts"] != nil, "\(line)")
        }
    }

    /// Relative path → bytes of every file under a directory (subdirectories included).
    func snapshot(_ path: String) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let files = FileManager.default.enumerator(atPath: path)
        while let f = files?.nextObject() as? String {
            var isDir: ObjCBool = false
            FileManager.default.fileExists(atPath: path + "/" + f, isDirectory: &isDir)
            if !isDir.boolValue { result[f] = try Data(contentsOf: URL(fileURLWithPath: path + "/" + f)) }
        }
        #expect(result["forecast.csv"] != nil && result["state/models.v1.csv"] != nil)
        return result
    }
}
