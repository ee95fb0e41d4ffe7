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
}
