import Foundation
import RestockData

/// `rejected/<file>`: the input rows a night set aside for errors (``DataSet/rejected``), one
/// file per input file that had any: `line,reason,record` (the 1-based line in the input, the
/// first problem found, the row as it was).
package enum RejectedRowsFile {
    package static let folder = "rejected"

    /// Writes every file of `data.rejected` into `directory`'s staging area; nothing when none.
    package static func write(_ data: DataSet, into directory: OutputDirectory) throws {
        guard !data.rejected.isEmpty else { return }
        try FileManager.default.createDirectory(atPath: directory.stagingFile(folder), withIntermediateDirectories: true)
        for (file, rows) in data.rejected.sorted(by: { $0.key < $1.key }) {
            let w = try CSVWriter(path: directory.stagingFile(folder + "/" + file))
            try w.writeRow(["line", "reason", "record"])
            for r in rows {
                try w.writeInteger(r.line)
                try w.writeField(r.reason)
                try w.writeField(r.record)
                try w.endRecord()
            }
            try w.close()
        }
    }
}
