import Foundation

/// An output set read back for byte comparisons (a sharded night against the single run, two
/// runs of one night): every file, and `summary.json` without what differs between any two runs.
public enum OutputSetFiles {
    /// Every file under `root`, relative path → bytes.
    public static func files(_ root: String) throws -> [String: Data] {
        var out: [String: Data] = [:]
        let e = FileManager.default.enumerator(atPath: root)!
        while let rel = e.nextObject() as? String {
            var isDir: ObjCBool = false
            FileManager.default.fileExists(atPath: root + "/" + rel, isDirectory: &isDir)
            if !isDir.boolValue { out[rel] = try Data(contentsOf: URL(fileURLWithPath: root + "/" + rel)) }
        }
        return out
    }

    /// summary.json without its timings and finish time.
    public static func summaryWithoutTimings(_ data: Data?) throws -> NSDictionary {
        var j = try JSONSerialization.jsonObject(with: data ?? Data()) as! [String: Any]
        j["timings_seconds"] = nil
        j["finished_at"] = nil
        return j as NSDictionary
    }

    /// What differs between two output sets meant to be the same night: files only in one, files
    /// whose bytes differ, and summary.json apart from its timings; empty when they are the same.
    public static func differences(_ a: String, _ b: String) throws -> [String] {
        let x = try files(a), y = try files(b)
        var out = Set(x.keys).symmetricDifference(y.keys).sorted().map { "only in one: \($0)" }
        for (name, bytes) in x.sorted(by: { $0.key < $1.key }) where name != "summary.json" {
            if let other = y[name], other != bytes { out.append("\(name) differs") }
        }
        if try summaryWithoutTimings(x["summary.json"]) != summaryWithoutTimings(y["summary.json"]) { out.append("summary.json differs") }
        return out
    }
}
