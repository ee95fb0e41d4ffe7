#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits a large CSV file into byte ranges that each start at a record boundary, so that the
/// parts can be parsed on separate cores.
///
/// A split is placed just after a line feed. It is a record boundary only if the line feed is
/// outside quotes, i.e. an even number of `"` bytes precede it (RFC 4180 doubles quotes inside
/// quoted fields, so parity is exact). The bytes before each candidate are scanned for quotes
/// with `memchr`; files without quotes (the usual case) cost one fast pass. When a candidate is
/// inside quotes, the next line feed is tried.
///
/// Parity is only a guess when a file has a literal `"` inside an unquoted field (which
/// ``CSVReader`` accepts). Callers must therefore check that every part but the last ended
/// outside quotes (``CSVReader/endedInsideQuotes``) and otherwise parse the file as one part.
public enum CSVPartition {
    /// Byte ranges covering the file, at most `parts` of them; a single range for small files.
    public static func ranges(path: String, parts: Int, minimumPartBytes: Int = 32 << 20) -> [Range<Int>] {
        var st = stat()
        guard stat(path, &st) == 0 else { return [0..<Int.max] }
        let size = Int(st.st_size)
        let n = max(1, min(parts, size / max(1, minimumPartBytes)))
        guard n > 1 else { return [0..<size] }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return [0..<size] }
        defer { close(fd) }
        guard let map = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), map != MAP_FAILED else { return [0..<size] }
        defer { munmap(map, size) }
        let bytes = map.assumingMemoryBound(to: UInt8.self)
        var cuts = [0]
        var quotes = 0  // quotes in [0, scanned)
        var scanned = 0
        func countQuotes(upTo end: Int) {
            var p = scanned
            while p < end {
                guard let hit = memchr(bytes + p, 34, end - p) else { break }
                quotes += 1
                p = bytes.distance(to: hit.assumingMemoryBound(to: UInt8.self)) + 1
            }
            scanned = end
        }
        for k in 1..<n {
            var candidate = max(k * size / n, cuts.last! + 1)
            while candidate < size {
                guard let hit = memchr(bytes + candidate, 10, size - candidate) else { candidate = size; break }
                let lf = bytes.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                countQuotes(upTo: lf)
                if quotes % 2 == 0 { candidate = lf + 1; break }
                candidate = lf + 1
            }
            if candidate >= size { break }
            cuts.append(candidate)
        }
        cuts.append(size)
        return (0..<(cuts.count - 1)).map { cuts[$0]..<cuts[$0 + 1] }
    }
}
