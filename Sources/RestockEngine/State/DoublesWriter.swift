import Foundation
import RestockData
import RestockSettings
#if canImport(Glibc)
import Glibc
#endif

/// Streams fixed-size records of float64 values to a file in the machine's byte order through a
/// 1 MiB buffer, each record followed by its ``RecordChecksum`` (so a reader checks the records it
/// reads, not the whole file); ``close()`` flushes and `fsync`s. (The snapshot's `.bin` files: they
/// grow with series × horizon, so they are never held whole.)
package final class DoublesWriter {
    package let path: String
    private let fd: Int32
    private var buffer: [Double] = []
    private var closed = false
    /// The checksum of the last record written (``BaselineSnapshot/Meta`` keeps it, binding the
    /// file to its snapshot).
    package private(set) var lastChecksum = 0.0
    private static let capacity = 1 << 17  // doubles (1 MiB)

    package init(path: String) throws {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw RestockError.data("\(path): cannot write: \(String(cString: strerror(errno)))") }
        buffer.reserveCapacity(DoublesWriter.capacity)
    }

    deinit { if !closed { Glibc.close(fd) } }

    /// One record: the concatenation of `parts`, then its checksum.
    package func writeRecord(_ parts: [Double]...) throws {
        var sum = RecordChecksum()
        for p in parts {
            buffer += p
            sum.add(p)
        }
        buffer.append(sum.value)
        lastChecksum = sum.value
        if buffer.count >= DoublesWriter.capacity { try flush() }
    }

    private func flush() throws {
        try buffer.withUnsafeBytes { try CSVWriter.writeAll($0, to: fd, path: path) }
        buffer.removeAll(keepingCapacity: true)
    }

    package func close() throws {
        try flush()
        guard fsync(fd) == 0 else { throw RestockError.data("\(path): fsync failed: \(String(cString: strerror(errno)))") }
        closed = true
        Glibc.close(fd)
    }
}

/// FNV-1a over the bit patterns of a record's values, stored as the bits of one more double.
package struct RecordChecksum {
    private var hash: UInt64 = 0xcbf2_9ce4_8422_2325

    package mutating func add(_ values: [Double]) {
        for v in values {
            var bits = v.bitPattern
            for _ in 0..<8 {
                hash = (hash ^ (bits & 0xff)) &* 0x100_0000_01b3
                bits >>= 8
            }
        }
    }

    package var value: Double { Double(bitPattern: hash) }

    /// Whether `record` (values, then the checksum) is intact.
    package static func verify(_ record: [Double]) -> Bool {
        guard let last = record.last else { return false }
        var sum = RecordChecksum()
        sum.add(Array(record.dropLast()))
        return sum.value.bitPattern == last.bitPattern
    }
}
