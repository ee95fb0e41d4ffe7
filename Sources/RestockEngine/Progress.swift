import CPlatform
import Foundation

/// A progress bar with rate and ETA on stderr, only when stderr is a terminal.
/// Rates are shown as units per second (series/s, MB/s).
package final class Progress: @unchecked Sendable {
    package static let isTerminal = restock_isatty(2) == 1
    nonisolated(unsafe) private static var barShown = false

    package let stage: String
    package let total: Int
    private var done = 0
    private let start = Date()
    private var lastDraw = Date.distantPast
    private let lock = NSLock()

    /// `unit` labels the rate; `scale` converts units of work to that unit (bytes → MB: 1e-6).
    package let unit: String
    package let scale: Double

    package init(stage: String, total: Int, unit: String = "series/s", scale: Double = 1) {
        self.stage = stage
        self.total = max(total, 1)
        self.unit = unit
        self.scale = scale
    }

    /// Adds `n` finished units (thread-safe) and redraws at most ten times a second.
    package func advance(by n: Int) {
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
    package static func clearLine() {
        guard isTerminal, barShown else { return }
        barShown = false
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
