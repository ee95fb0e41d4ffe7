import Foundation
import Logging
import CPlatform

/// Bootstraps swift-log once for the process: stderr only, `plain` lines for people or `json`
/// lines (UTC timestamps) for log collectors.
enum LogSetup {
    nonisolated(unsafe) private static var done = false

    static func bootstrap(format: String, level: String) -> Logger {
        let logLevel = Logger.Level(rawValue: level) ?? .info
        if !done {
            done = true
            let json = format == "json"
            LoggingSystem.bootstrap { label in
                var h = StderrLogHandler(label: label, json: json)
                h.logLevel = logLevel
                return h
            }
        }
        var logger = Logger(label: "restock")
        logger.logLevel = logLevel
        return logger
    }
}

/// Writes one line per message to stderr.
struct StderrLogHandler: LogHandler {
    let label: String
    let json: Bool
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var all = metadata
        if let extra = event.metadata { all.merge(extra) { $1 } }
        let line: String
        if json {
            var fields: [String: String] = [:]
            for (k, v) in all { fields[k] = "\(v)" }
            var object: [String: Any] = ["ts": StderrLogHandler.timestamp(), "level": event.level.rawValue,
                                         "msg": "\(event.message)"]
            if !fields.isEmpty { object["meta"] = fields }
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
            line = String(decoding: data, as: UTF8.self)
        } else {
            let meta = all.isEmpty ? "" : " " + all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            line = "restock: \(event.level.rawValue): \(event.message)\(meta)"
        }
        Progress.clearLine()
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    static func timestamp() -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: Date())
    }
}

/// A progress bar with rate and ETA on stderr, only when stderr is a terminal.
/// Rates are shown as units per second (series/s, MB/s).
final class Progress: @unchecked Sendable {
    static let isTerminal = restock_isatty(2) == 1
    nonisolated(unsafe) private static var barShown = false

    let stage: String
    let total: Int
    private var done = 0
    private let start = Date()
    private var lastDraw = Date.distantPast
    private let lock = NSLock()

    /// `unit` labels the rate; `scale` converts units of work to that unit (bytes → MB: 1e-6).
    let unit: String
    let scale: Double

    init(stage: String, total: Int, unit: String = "series/s", scale: Double = 1) {
        self.stage = stage
        self.total = max(total, 1)
        self.unit = unit
        self.scale = scale
    }

    /// Adds `n` finished units (thread-safe) and redraws at most ten times a second.
    func advance(by n: Int) {
        guard Progress.isTerminal else { return }
        lock.lock()
        defer { lock.unlock() }
        done += n
        let now = Date()
        guard now.timeIntervalSince(lastDraw) > 0.1 || done >= total else { return }
        lastDraw = now
        let fraction = min(1, Double(done) / Double(total))
        let width = 30
        let filled = Int(fraction * Double(width))
        let elapsed = now.timeIntervalSince(start)
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let eta = rate > 0 ? Double(total - done) / rate : 0
        let bar = String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
        let text = "\r\(stage) [\(bar)] \(Int(fraction * 100))% \(Int(rate * scale)) \(unit) ETA \(Int(eta.rounded()))s "
        FileHandle.standardError.write(Data(text.utf8))
        Progress.barShown = true
    }

    /// Erases the bar so a log line starts on a clean line.
    static func clearLine() {
        guard isTerminal, barShown else { return }
        barShown = false
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
