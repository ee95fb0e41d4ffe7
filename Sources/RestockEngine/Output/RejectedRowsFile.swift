import Foundation
import RestockData

/// `rejected/<file>`: the input rows a night set aside for errors (``DataSet/rejected``), one
/// file per input file that had any: `line,reason,record` (the 1-based line in the input, the
/// first problem found, the row as it was). Plain CSV whatever the input was: `<file>` is the
/// input's name as stored without a `.gz` (`items.csv.gz` → `rejected/items.csv`, a part file
/// `sales/part-00003.csv.gz` → `rejected/sales/part-00003.csv`).
package enum RejectedRowsFile {
    package static let folder = "rejected"

    /// Where the rows set aside from input `file` (named as stored) go, relative to the output set.
    package static func relativePath(of file: String) -> String {
        folder + "/" + (file.hasSuffix(".gz") ? String(file.dropLast(3)) : file)
    }

    /// Writes every file of `data.rejected` into `directory`'s staging area; nothing when none.
    package static func write(_ data: DataSet, into directory: OutputDirectory) throws {
        guard !data.rejected.isEmpty else { return }
        try FileManager.default.createDirectory(atPath: directory.stagingFile(folder), withIntermediateDirectories: true)
        for (file, rows) in data.rejected.sorted(by: { $0.key < $1.key }) {
            let path = directory.stagingFile(relativePath(of: file))
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            let w = try CSVWriter(path: path)
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
