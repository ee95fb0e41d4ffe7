import Foundation
import RestockData

/// The fitted-model state kept between nights in the output directory (`state/models.v1.csv`):
/// per series the method chosen and the night it was chosen. The next run refits that method
/// directly instead of choosing again (no holdout, one ETS specification), until it is
/// `reselect_days` old. The file is versioned by name and header; a missing, old-version or
/// unreadable state is ignored with a warning and every series is chosen afresh.
package struct ModelState {
    package static let relativePath = "state/models.v1.csv"
    package static let header = ["sku", "location", "model", "chosen_on"]

    package struct Entry: Sendable {
        package var model: String
        package var chosenOn: Day
    }

    /// Reads the state of the previous run in `outputDirectory`, for the series of `data`.
    /// Returns nil (and a warning, unless there is simply no state yet) when it cannot be used.
    /// `reader`: the file already open (else it is opened by path).
    package static func read(outputDirectory: String, data: DataSet, reader given: CSVReader? = nil) -> (entries: [Entry?]?, warning: String?) {
        let path = outputDirectory + "/" + relativePath
        guard given != nil || FileManager.default.fileExists(atPath: path) else {
            let old = (try? FileManager.default.contentsOfDirectory(atPath: outputDirectory + "/state")) ?? []
            return (nil, old.isEmpty ? nil : "state in \(outputDirectory)/state is from another version (\(old.joined(separator: ", "))); choosing every model afresh")
        }
        do {
            let reader = try given ?? CSVReader(path: path)
            guard try reader.nextRecord(), (0..<reader.fieldCount).map({ reader.string($0) ?? "" }) == header else {
                return (nil, "\(path): unexpected header; choosing every model afresh")
            }
            var index: [String: Int] = [:]
            for (i, s) in data.series.enumerated() { index[data.skuName(s) + "\u{1}" + data.locationName(s)] = i }
            var entries = [Entry?](repeating: nil, count: data.series.count)
            while try reader.nextRecord() {
                guard reader.fieldCount == 4, let sku = reader.string(0), let loc = reader.string(1),
                      let model = reader.string(2), let day = Day.parse(reader.field(3)) else {
                    return (nil, "\(path):\(reader.line): unreadable state row; choosing every model afresh")
                }
                if let i = index[sku + "\u{1}" + loc] { entries[i] = Entry(model: model, chosenOn: day) }
            }
            return (entries, nil)
        } catch {
            return (nil, "\(path): \(error); choosing every model afresh")
        }
    }
}
