import CZlib
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Streams the records of an RFC 4180 CSV file, one at a time, without a `String` per field.
///
/// - Accepts: quoted fields with commas, doubled quotes and line breaks inside; CRLF, LF or a
///   lone CR as record ends; a UTF-8 byte-order mark; a last record without a line break.
///   Blank lines are skipped. A quote inside an unquoted field is kept as a literal character.
/// - Rejects (``CSVSyntaxError``): a character other than `,` or a line break after a closing
///   quote; a quoted field still open at the end of the file; a record over ``maxRecordBytes``.
/// - Memory: one read chunk (1 MiB) plus the longest record; the file is never held whole.
/// - Compressed: a gzip file (``init(path:compressed:)``) is inflated through zlib's `gzread`
///   into the same chunk buffer, whole and in order (it cannot be split into byte ranges); a
///   corrupt or truncated stream, or a `.gz` that is not gzip data, throws ``CompressedDataError``.
/// - Lines are counted from 1 (the header is line 1); a record's ``line`` is where it starts.
public final class CSVReader {
    /// The file name used in error messages.
    public let path: String
    /// Longest record accepted, in bytes (guards against an unterminated quote swallowing the file).
    public static let maxRecordBytes = 1 << 20

    private let fd: Int32
    /// zlib's reader when the file is gzip-compressed (it owns a duplicate of `fd`).
    private var gz: gzFile? = nil
    private let chunk: UnsafeMutablePointer<UInt8>
    private let chunkCapacity = 1 << 20
    private var pos = 0
    private var end = 0
    private var atEOF = false
    private var firstRead = true
    private var skipLF = false

    private var record: UnsafeMutablePointer<UInt8>
    private var recordCapacity = 4096
    private var recordLength = 0
    private var ends: UnsafeMutablePointer<Int>
    private var endsCapacity = 64

    /// Number of fields in the current record.
    public private(set) var fieldCount = 0
    /// Line (1-based) where the current record starts.
    public private(set) var line = 0
    private var nextLine = 1
    /// True when the input (the file, or this reader's byte range) ended inside a quoted field.
    /// For a range from ``CSVPartition`` that means the split was not a record boundary.
    public private(set) var endedInsideQuotes = false
    /// Lines read so far (all of this reader's lines once ``nextRecord()`` returned false).
    public var linesRead: Int { nextLine - 1 }
    /// Bytes of the file as stored read so far (compressed bytes for a gzip file), for progress.
    public private(set) var bytesRead = 0
    /// Byte offset in the file (in the inflated bytes for a gzip file) where the current record starts (after a skipped blank line or
    /// the BOM); a record ending in CR LF may leave it pointing at that LF.
    public private(set) var recordStart = 0
    /// Byte offset in the file of the next byte not yet consumed (after a record ending in CR,
    /// its LF).
    public var position: Int { offset - end + pos }

    /// Byte offset where reading stops (the end of this reader's current range of the file).
    private var limit: Int
    private var offset: Int
    /// Ranges still to read after the current one, last first.
    private var laterRanges: [Range<Int>] = []

    /// Opens `path` for streaming, the whole file or only `byteRange` (which must start at the
    /// beginning of a record, outside quotes; see ``CSVPartition``). Line numbers are counted from
    /// 1 at the range's start. Throws ``CSVOpenError`` when the file cannot be read.
    public convenience init(path: String, byteRange: Range<Int>? = nil) throws {
        try self.init(path: path, byteRanges: [byteRange ?? 0..<Int.max])
    }

    /// Opens the gzip-compressed file at `path` (`compressed` true) or the plain one, whole.
    public convenience init(path: String, compressed: Bool) throws {
        try self.init(path: path, byteRanges: [0..<Int.max])
        if compressed { try openCompressed() }
    }

    /// Opens `path` and reads `byteRanges` one after the other, as if they were one file; each
    /// must hold whole records (start at a record's beginning and end after one).
    public convenience init(path: String, byteRanges: [Range<Int>]) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw CSVOpenError(path: path, reason: String(cString: strerror(errno))) }
        self.init(ownedDescriptor: fd, path: path, byteRanges: byteRanges)
    }

    /// Reads a file already open as `descriptor` (duplicated: the caller keeps its own), e.g. one
    /// opened earlier so that a later rename of its path cannot change what is read.
    public convenience init(descriptor: Int32, path: String, byteRange: Range<Int>? = nil) throws {
        let fd = dup(descriptor)
        guard fd >= 0 else { throw CSVOpenError(path: path, reason: String(cString: strerror(errno))) }
        self.init(ownedDescriptor: fd, path: path, byteRanges: [byteRange ?? 0..<Int.max])
    }

    private init(ownedDescriptor fd: Int32, path: String, byteRanges: [Range<Int>]) {
        self.path = path
        self.fd = fd
        let first = byteRanges.first ?? 0..<0
        offset = first.lowerBound
        limit = first.upperBound
        laterRanges = byteRanges.dropFirst().reversed()
        firstRead = offset == 0
        chunk = .allocate(capacity: chunkCapacity)
        record = .allocate(capacity: recordCapacity)
        ends = .allocate(capacity: endsCapacity)
    }

    /// Switches to reading the file through zlib (before the first record is read).
    private func openCompressed() throws {
        let own = dup(fd)
        guard own >= 0, let g = gzdopen(own, "rb") else {
            if own >= 0 { close(own) }
            throw CSVOpenError(path: path, reason: "cannot open as gzip")
        }
        gzbuffer(g, 1 << 17)
        gz = g
    }

    deinit {
        if let gz { gzclose_r(gz) }
        close(fd)
        chunk.deallocate()
        record.deallocate()
        ends.deallocate()
    }

    /// The bytes of field `index` (0-based, `< fieldCount`) of the current record, unquoted.
    /// Valid until the next call to ``nextRecord()``.
    @inline(__always)
    public func field(_ index: Int) -> UnsafeRawBufferPointer {
        let start = index == 0 ? 0 : ends[index - 1]
        return UnsafeRawBufferPointer(start: record + start, count: ends[index] - start)
    }

    /// Field `index` as a `String`, or nil when its bytes are not valid UTF-8.
    public func string(_ index: Int) -> String? {
        let f = field(index)
        return String(validating: f.bindMemory(to: UInt8.self), as: UTF8.self)
    }

    private func refill() throws {
        if atEOF { end = 0; pos = 0; return }
        while offset >= limit, let next = laterRanges.popLast() {
            offset = next.lowerBound
            limit = next.upperBound
        }
        var n: Int
        if let gz {
            n = Int(gzread(gz, chunk, UInt32(chunkCapacity)))
            // A stream cut short ends with 0 bytes and Z_BUF_ERROR ("unexpected end of file"),
            // which gzread leaves for gzerror to tell (it also serves files still being written).
            var code: Int32 = Z_OK
            let message = n <= 0 ? gzerror(gz, &code).map { String(cString: $0) } ?? "unknown error" : ""
            if n < 0 || (n == 0 && code != Z_OK) {
                throw CompressedDataError(path: path, line: nextLine,
                                          message: "the gzip data is damaged (zlib: \(message)); expected a complete gzip file")
            }
            if firstRead && n > 0 && gzdirect(gz) != 0 {
                throw CompressedDataError(path: path, line: 1, message: "not gzip data: a file named .gz must be gzip-compressed")
            }
            bytesRead = Int(gzoffset(gz))
        } else {
            let want = min(chunkCapacity, limit - offset)
            repeat { n = want > 0 ? pread(fd, chunk, want, off_t(offset)) : 0 } while n < 0 && errno == EINTR
            guard n >= 0 else { throw CSVOpenError(path: path, reason: String(cString: strerror(errno))) }
            bytesRead += n
        }
        offset += n
        pos = 0
        end = n
        if n == 0 { atEOF = true }
        if firstRead {
            firstRead = false
            if n >= 3, chunk[0] == 0xEF, chunk[1] == 0xBB, chunk[2] == 0xBF { pos = 3 }
        }
    }

    @inline(__always)
    private func append(_ src: UnsafeMutablePointer<UInt8>, _ count: Int) throws {
        if recordLength + count > recordCapacity {
            guard recordLength + count <= CSVReader.maxRecordBytes else {
                throw CSVSyntaxError(path: path, line: line, column: fieldCount + 1,
                                     message: "record longer than \(CSVReader.maxRecordBytes) bytes (an unterminated quote?)")
            }
            var cap = recordCapacity * 2
            while cap < recordLength + count { cap *= 2 }
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: cap)
            grown.update(from: record, count: recordLength)
            record.deallocate()
            record = grown
            recordCapacity = cap
        }
        (record + recordLength).update(from: src, count: count)
        recordLength += count
    }

    @inline(__always)
    private func endField() {
        if fieldCount == endsCapacity {
            let grown = UnsafeMutablePointer<Int>.allocate(capacity: endsCapacity * 2)
            grown.update(from: ends, count: endsCapacity)
            ends.deallocate()
            ends = grown
            endsCapacity *= 2
        }
        ends[fieldCount] = recordLength
        fieldCount += 1
    }

    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted }

    /// Reads the next record. Returns false at the end of the file.
    public func nextRecord() throws -> Bool {
        records: while true {
            recordStart = position
            recordLength = 0
            fieldCount = 0
            line = nextLine
            var state = State.fieldStart
            var sawAnything = false
            while true {
                if pos >= end {
                    try refill()
                    if end == 0 {
                        switch state {
                        case .quoted:
                            endedInsideQuotes = true
                            throw CSVSyntaxError(path: path, line: line, column: fieldCount + 1,
                                                 message: "quoted field not closed before the end of the file")
                        case .fieldStart where !sawAnything:
                            return false
                        default:
                            endField()
                            return true
                        }
                    }
                }
                if skipLF {
                    skipLF = false
                    if chunk[pos] == 10 { pos += 1; continue }
                }
                switch state {
                case .fieldStart, .unquoted:
                    let b = chunk[pos]
                    if state == .fieldStart && b == 34 {
                        state = .quoted
                        sawAnything = true
                        pos += 1
                        continue
                    }
                    // Fast path: copy the run up to the next comma or line break.
                    var i = pos
                    while i < end {
                        let c = chunk[i]
                        if c == 44 || c == 10 || c == 13 { break }
                        i += 1
                    }
                    if i > pos {
                        try append(chunk + pos, i - pos)
                        sawAnything = true
                        state = .unquoted
                        pos = i
                    }
                    if pos >= end { continue }
                    let c = chunk[pos]
                    pos += 1
                    if c == 44 {
                        endField()
                        state = .fieldStart
                        sawAnything = true
                    } else {
                        nextLine += 1
                        if c == 13 { skipLF = true }
                        if !sawAnything { continue records }  // blank line: skip it
                        endField()
                        return true
                    }
                case .quoted:
                    var i = pos
                    var newlines = 0
                    while i < end {
                        let c = chunk[i]
                        if c == 34 { break }
                        if c == 10 { newlines += 1 }
                        i += 1
                    }
                    nextLine += newlines
                    if i > pos { try append(chunk + pos, i - pos) }
                    pos = i
                    if pos < end { pos += 1; state = .quoteInQuoted }
                case .quoteInQuoted:
                    let c = chunk[pos]
                    pos += 1
                    switch c {
                    case 34:
                        var quote: UInt8 = 34
                        try append(&quote, 1)
                        state = .quoted
                    case 44:
                        endField()
                        state = .fieldStart
                    case 10, 13:
                        nextLine += 1
                        if c == 13 { skipLF = true }
                        endField()
                        return true
                    default:
                        throw CSVSyntaxError(path: path, line: nextLine, column: fieldCount + 1,
                                             message: "unexpected character '\(Unicode.Scalar(c))' after a closing quote (a quote inside a quoted field must be doubled)")
                    }
                }
            }
        }
    }
}

/// A file that could not be opened, read or written.
public struct CSVOpenError: Error, CustomStringConvertible {
    /// What was being done: reading an input, creating an output file, writing (or syncing) one.
    public enum Operation: Sendable { case read, create, write }
    public var path: String
    public var reason: String
    public var operation: Operation = .read

    public init(path: String, reason: String, operation: Operation = .read) {
        self.path = path
        self.reason = reason
        self.operation = operation
    }

    public var description: String {
        switch operation {
        case .read: return "\(path): cannot read: \(reason)"
        case .create: return "\(path): cannot create: \(reason)"
        case .write: return "\(path): cannot write: \(reason)"
        }
    }
}

/// A gzip-compressed input that cannot be inflated (damaged, truncated, or not gzip at all).
public struct CompressedDataError: Error, CustomStringConvertible {
    public var path: String
    /// 1-based line of the inflated text where reading stopped.
    public var line: Int
    public var message: String
    public var description: String { "\(path):\(line): \(message)" }
}

/// A CSV syntax error: the file is not RFC 4180.
public struct CSVSyntaxError: Error, CustomStringConvertible {
    public var path: String
    /// 1-based line of the file.
    public var line: Int
    /// 1-based field number within the record.
    public var column: Int
    public var message: String
    public var description: String { "\(path):\(line):\(column): \(message)" }
}
