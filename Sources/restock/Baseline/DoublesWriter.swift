import Foundation
import RestockData
#if canImport(Glibc)
import Glibc
#endif

/// Streams float64 values to a file in the machine's byte order through a 1 MiB buffer;
/// ``close()`` flushes and `fsync`s. (The snapshot's `forecasts.bin`: its size grows with
/// series × horizon, so it is never held whole.)
final class DoublesWriter {
    let path: String
    private let fd: Int32
    private var buffer: [Double] = []
    private var closed = false
    private static let capacity = 1 << 17  // doubles (1 MiB)

    init(path: String) throws {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw RestockError.data("\(path): cannot write: \(String(cString: strerror(errno)))") }
        buffer.reserveCapacity(DoublesWriter.capacity)
    }

    deinit { if !closed { Glibc.close(fd) } }

    func write(_ values: [Double]) throws {
        buffer += values
        if buffer.count >= DoublesWriter.capacity { try flush() }
    }

    private func flush() throws {
        try buffer.withUnsafeBytes { try CSVWriter.writeAll($0, to: fd, path: path) }
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws {
        try flush()
        guard fsync(fd) == 0 else { throw RestockError.data("\(path): fsync failed: \(String(cString: strerror(errno)))") }
        closed = true
        Glibc.close(fd)
    }
}
