#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a table's files look like from outside, without reading them: each file's name, size in
/// bytes and modification time in nanoseconds. Two equal stamps of the same path are taken to
/// mean the same bytes, as `make` and `rsync` take them; a stage that relies on this (a shard
/// taking the pool's SHA-256 instead of hashing the inputs again) is followed by one that hashes
/// (the merge), so a file rewritten in place with its size and time kept is still caught.
public enum FileStamps {
    /// `name size mtime_ns` per file, joined by `;` in the table's read order; nil when a file
    /// cannot be stat'ed.
    public static func stamp(of source: TableSource) -> String? {
        var parts: [String] = []
        for f in source.files {
            var s = stat()
            guard stat(f.path, &s) == 0 else { return nil }
            #if canImport(Darwin)
            let nanoseconds = Int64(s.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(s.st_mtimespec.tv_nsec)
            #else
            let nanoseconds = Int64(s.st_mtim.tv_sec) * 1_000_000_000 + Int64(s.st_mtim.tv_nsec)
            #endif
            parts.append("\(f.name) \(s.st_size) \(nanoseconds)")
        }
        return parts.joined(separator: ";")
    }

    /// The stamps of `sources` by table name (``TableSource/name``); tables whose files cannot be
    /// stat'ed are left out.
    public static func stamps(of sources: [TableSource]) -> [String: String] {
        var out: [String: String] = [:]
        for s in sources { if let stamp = stamp(of: s) { out[s.name] = stamp } }
        return out
    }

    /// The stamps of every contract table found in `directory` (``stamps(of:)``).
    public static func stamps(ofTablesIn directory: String) -> [String: String] {
        stamps(of: ContractTable.allCases.compactMap {
            if case .found(let s) = InputLayout.lookup($0, in: directory) { return s }
            return nil
        })
    }
}
