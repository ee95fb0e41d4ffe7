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
/// inside quotes, the next line feed is tried. The file is read in 1 MiB chunks, never mapped,
/// so the scan holds 1 MiB whatever the file's size.
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
        // Read forward in chunks, never mapped: a mapping of the whole file would count its
        // pages in the process's resident set (the size of the sales file, at the peak).
        let chunk = 1 << 20
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: chunk)
        defer { buffer.deallocate() }
        /// Reads up to `count` bytes at `offset` into `buffer`; 0 at the end or on an error.
        func read(at offset: Int, count: Int) -> Int {
            var n: Int
            repeat { n = pread(fd, buffer, min(chunk, count), off_t(offset)) } while n < 0 && errno == EINTR
            return max(0, n)
        }
        var cuts = [0]
        var quotes = 0  // quotes in [0, scanned)
        var scanned = 0
        func countQuotes(upTo end: Int) {
            var offset = scanned
            while offset < end {
                let n = read(at: offset, count: end - offset)
                guard n > 0 else { break }
                var p = 0
                while p < n, let hit = memchr(buffer + p, 34, n - p) {
                    quotes += 1
                    p = buffer.distance(to: hit.assumingMemoryBound(to: UInt8.self)) + 1
                }
                offset += n
            }
            scanned = end
        }
        /// The offset of the first line feed at or after `from`, nil when there is none.
        func lineFeed(from: Int) -> Int? {
            var offset = from
            while offset < size {
                let n = read(at: offset, count: size - offset)
                guard n > 0 else { return nil }
                if let hit = memchr(buffer, 10, n) { return offset + buffer.distance(to: hit.assumingMemoryBound(to: UInt8.self)) }
                offset += n
            }
            return nil
        }
        for k in 1..<n {
            var candidate = max(k * size / n, cuts.last! + 1)
            while candidate < size {
                guard let lf = lineFeed(from: candidate) else { candidate = size; break }
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
