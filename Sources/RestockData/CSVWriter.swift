import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes an RFC 4180 CSV file through a 1 MiB buffer, LF line ends, quoting a field only when
/// it holds a comma, a quote or a line break. Numbers are formatted by ``writeDecimal(_:places:)``
/// and ``writeInteger(_:)``, the same bytes on every machine and locale.
///
/// Call ``close()`` to flush and `fsync`; a writer dropped without it leaves a partial file, which
/// is why outputs are written into a staging directory first (see the executable's `OutputSet`).
public final class CSVWriter {
    public let path: String
    private let fd: Int32
    private var buffer: [UInt8] = []
    private var fieldsInRecord = 0
    private var closed = false
    /// Bytes flushed to the file so far; ``position`` adds what is still buffered.
    private var flushed = 0

    /// Bytes written so far (flushed or buffered): the offset the next record will start at.
    public var position: Int { flushed + buffer.count }

    public init(path: String) throws {
        self.path = path
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw CSVOpenError(path: path, reason: String(cString: strerror(errno)), operation: .create) }
        self.fd = fd
        buffer.reserveCapacity(1 << 20 + 4096)
    }

    deinit { if !closed { Glibc.close(fd) } }

    /// Writes a header or any row of text fields.
    public func writeRow(_ fields: [String]) throws {
        for f in fields { try writeField(f) }
        try endRecord()
    }

    @inline(__always)
    private func separator() {
        if fieldsInRecord > 0 { buffer.append(44) }
        fieldsInRecord += 1
    }

    /// A text field, quoted when needed.
    public func writeField(_ text: String) throws {
        separator()
        var needsQuotes = false
        for b in text.utf8 where b == 44 || b == 34 || b == 10 || b == 13 { needsQuotes = true; break }
        if needsQuotes {
            buffer.append(34)
            for b in text.utf8 {
                if b == 34 { buffer.append(34) }
                buffer.append(b)
            }
            buffer.append(34)
        } else {
            buffer.append(contentsOf: text.utf8)
        }
        try flushIfFull()
    }

    /// A day as `YYYY-MM-DD`.
    public func writeDay(_ day: Day) throws {
        separator()
        let c = day.civil
        let y = max(0, min(9999, c.year))
        buffer.append(UInt8(48 + y / 1000)); buffer.append(UInt8(48 + (y / 100) % 10))
        buffer.append(UInt8(48 + (y / 10) % 10)); buffer.append(UInt8(48 + y % 10))
        buffer.append(45)
        buffer.append(UInt8(48 + c.month / 10)); buffer.append(UInt8(48 + c.month % 10))
        buffer.append(45)
        buffer.append(UInt8(48 + c.day / 10)); buffer.append(UInt8(48 + c.day % 10))
        try flushIfFull()
    }

    /// An integer in plain decimal.
    public func writeInteger(_ value: Int) throws {
        separator()
        appendInteger(value)
        try flushIfFull()
    }

    /// A number rounded half away from zero to `places` decimals (0...9), trailing zeros of the
    /// fraction dropped, no exponent, `-0` written as `0`. Non-finite values are written as empty
    /// fields (restock never writes them; a test asserts it). |value| must be below 9e15 / 10^places.
    public func writeDecimal(_ value: Double, places: Int = 4) throws {
        separator()
        guard value.isFinite else { try flushIfFull(); return }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        guard abs(value) * scale < 9e15 else {
            // Beyond exact integer range: whole units, still no exponent.
            buffer.append(contentsOf: String(format: "%.0f", value).utf8)
            try flushIfFull()
            return
        }
        let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        let units = Int64(scaled)
        if units == 0 { buffer.append(48); try flushIfFull(); return }
        if value < 0 { buffer.append(45) }
        var p = places
        var divisor: Int64 = 1
        for _ in 0..<places { divisor *= 10 }
        let whole = units / divisor
        var fraction = units % divisor
        appendInteger(Int(whole))
        if fraction != 0 {
            // Drop trailing zeros.
            while fraction % 10 == 0 { fraction /= 10; p -= 1; divisor /= 10 }
            buffer.append(46)
            var digits = [UInt8](repeating: 48, count: p)
            var k = p - 1
            while k >= 0 { digits[k] = UInt8(48 + fraction % 10); fraction /= 10; k -= 1 }
            buffer.append(contentsOf: digits)
        }
        try flushIfFull()
    }

    @inline(__always)
    private func appendInteger(_ value: Int) {
        if value == 0 { buffer.append(48); return }
        var v = value.magnitude
        if value < 0 { buffer.append(45) }
        var tmp: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                  UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        withUnsafeMutableBytes(of: &tmp) { t in
            while v > 0 { t[n] = UInt8(48 + v % 10); v /= 10; n += 1 }
            for k in stride(from: n - 1, through: 0, by: -1) { buffer.append(t[k]) }
        }
    }

    /// Ends the current record with a line feed.
    public func endRecord() throws {
        buffer.append(10)
        fieldsInRecord = 0
        try flushIfFull()
    }

    @inline(__always)
    private func flushIfFull() throws {
        if buffer.count >= 1 << 20 { try flush() }
    }

    private func flush() throws {
        try buffer.withUnsafeBytes { try CSVWriter.writeAll($0, to: fd, path: path) }
        flushed += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }

    /// Copies bytes `range` of the open file `source` (whole records of another CSV file with the
    /// same columns) to the output as they are. The current record must be ended.
    public func copy(_ range: Range<Int>, from source: Int32, sourcePath: String) throws {
        precondition(fieldsInRecord == 0, "copy inside a record")
        try flush()
        var offset = range.lowerBound
        let chunk = 1 << 20
        let scratch = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 16)
        defer { scratch.deallocate() }
        while offset < range.upperBound {
            let n = pread(source, scratch, min(chunk, range.upperBound - offset), off_t(offset))
            if n < 0 {
                if errno == EINTR { continue }
                throw CSVOpenError(path: sourcePath, reason: "read failed: " + String(cString: strerror(errno)))
            }
            guard n > 0 else { throw CSVOpenError(path: sourcePath, reason: "ended before byte \(range.upperBound)") }
            try CSVWriter.writeAll(UnsafeRawBufferPointer(start: scratch, count: n), to: fd, path: path)
            offset += n
            flushed += n
        }
    }

    /// Writes every byte to `fd`, retrying short writes and EINTR; errors name `path`.
    public static func writeAll(_ raw: UnsafeRawBufferPointer, to fd: Int32, path: String) throws {
        var offset = 0
        while offset < raw.count {
            let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw CSVOpenError(path: path, reason: "write failed: " + String(cString: strerror(errno)), operation: .write)
            }
            offset += n
        }
    }

    /// Flushes, `fsync`s and closes the file.
    public func close() throws {
        try flush()
        guard fsync(fd) == 0 else {
            throw CSVOpenError(path: path, reason: "fsync failed: " + String(cString: strerror(errno)), operation: .write)
        }
        closed = true
        Glibc.close(fd)
    }
}
