import Foundation
import Logging
import RestockEngine

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
