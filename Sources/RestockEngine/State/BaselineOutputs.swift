import Foundation
import RestockData
#if canImport(Glibc)
import Glibc
#endif

/// The nightly output files a what-if copies rows from, opened (and their sizes checked) when
/// the snapshot is read, so a nightly run that replaces the directory meanwhile cannot mix nights.
package final class BaselineOutputs: @unchecked Sendable {  // immutable; reads use pread
    package let paths: [String]
    package let fds: [Int32]

    /// Nil when a file is missing or not of the size the snapshot indexed.
    package init?(directory: String, sizes: [Int]) {
        paths = BaselineSnapshot.indexedOutputs.map { directory + "/" + $0 }
        var fds: [Int32] = []
        for (p, size) in zip(paths, sizes) {
            let fd = open(p, O_RDONLY)
            var st = stat()
            guard fd >= 0, fstat(fd, &st) == 0, Int(st.st_size) == size else {
                if fd >= 0 { close(fd) }
                fds.forEach { _ = close($0) }
                return nil
            }
            fds.append(fd)
        }
        self.fds = fds
    }

    deinit { fds.forEach { _ = close($0) } }

    /// The (location, kind, detail) of each exceptions.csv row in `range`.
    package func exceptionRows(_ range: Range<Int>, _ body: (String, String, String) -> Void) throws {
        guard !range.isEmpty else { return }
        let reader = try CSVReader(path: "/proc/self/fd/\(fds[3])", byteRange: range)
        while try reader.nextRecord() {
            guard reader.fieldCount == 4 else { continue }
            body(reader.string(1) ?? "", reader.string(2) ?? "", reader.string(3) ?? "")
        }
    }
}
