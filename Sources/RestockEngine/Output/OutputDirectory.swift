import CPlatform
import Foundation
import LinearAlgebra
import Logging
import RestockData
import RestockSettings
#if canImport(Glibc)
import Glibc
#endif

/// The output directory of a run, written as a set.
///
/// - Lock: an exclusive `flock` on `<parent>/.<name>.lock`, taken before any work; a second run
///   on the same directory fails at once with exit 75. The kernel drops the lock when the process
///   dies, even by SIGKILL.
/// - Staging: files are written into `<parent>/.<name>.staging-<pid>` and `fsync`ed.
/// - Commit: the staging directory and the output directory are swapped in one atomic
///   `renameat2(RENAME_EXCHANGE)` (a plain rename when the directory does not exist yet), then
///   the old set is deleted. Readers see either the whole previous set or the whole new one; a
///   run that fails or is killed before the swap leaves the previous files byte-for-byte intact.
/// - Safety: restock only replaces a directory it wrote (it holds the ``marker`` file) or an
///   empty one, so a mistyped `--out` cannot wipe a folder of other files.
package final class OutputDirectory {
    package static let marker = ".restock-output"

    package let path: String
    package let staging: String
    private let lockPath: String
    private var lockFD: Int32 = -1
    private var committed = false

    package init(path: String) throws {
        var p = path
        while p.count > 1 && p.hasSuffix("/") { p.removeLast() }
        let last = p.split(separator: "/").last.map(String.init) ?? ""
        guard !p.isEmpty, p != "/", last != ".", last != "..", !last.isEmpty else {
            throw RestockError.usage("--out \(path): name a directory of its own (not '.', '..' or '/')")
        }
        // A symlinked output directory is written where it points.
        if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: p) {
            p = target.hasPrefix("/") ? target : URL(fileURLWithPath: p).deletingLastPathComponent().appendingPathComponent(target).path
        }
        self.path = p
        let url = URL(fileURLWithPath: p)
        let parent = url.deletingLastPathComponent().path
        let name = url.lastPathComponent
        lockPath = parent + "/." + name + ".lock"
        staging = parent + "/." + name + ".staging-\(getpid())"
        var isDir: ObjCBool = false
        if !FileManager.default.fileExists(atPath: parent, isDirectory: &isDir) {
            // Like `mkdir -p`: the output's parent folders are created.
            do { try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true) } catch {
                throw RestockError.cannotCreate("--out \(path): cannot create the parent directory \(parent): \(error.localizedDescription)")
            }
        } else if !isDir.boolValue {
            throw RestockError.usage("--out \(path): \(parent) is not a directory")
        }
    }

    /// Takes the lock (exit 75 when held), checks the directory may be replaced, removes
    /// staging directories left by killed runs, and creates this run's staging directory.
    package func acquire() throws {
        lockFD = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard lockFD >= 0 else {
            throw RestockError.cannotCreate("cannot create the lock file \(lockPath): \(String(cString: strerror(errno)))")
        }
        if flock(lockFD, LOCK_EX | LOCK_NB) != 0 {
            if errno == EWOULDBLOCK {
                throw RestockError.locked("another restock run holds the lock on \(path) (\(lockPath)); try again later")
            }
            throw RestockError.internalFailure("cannot lock \(lockPath): \(String(cString: strerror(errno)))")
        }
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: path, isDirectory: &isDir) {
            guard isDir.boolValue else { throw RestockError.usage("--out \(path) exists and is not a directory") }
            let entries = (try? fm.contentsOfDirectory(atPath: path)) ?? []
            if !entries.isEmpty && !entries.contains(OutputDirectory.marker) {
                throw RestockError.usage("--out \(path) holds files restock did not write; refusing to replace it (use an empty or new directory)")
            }
        }
        // Leftovers of killed runs (we hold the lock, so none is live).
        let url = URL(fileURLWithPath: path)
        let parent = url.deletingLastPathComponent().path
        let prefix = "." + url.lastPathComponent + ".staging-"
        for entry in (try? fm.contentsOfDirectory(atPath: parent)) ?? [] where entry.hasPrefix(prefix) {
            // A previous set moved aside by a two-rename swap that was interrupted: restore it.
            if entry.hasSuffix(".old") && !fm.fileExists(atPath: path) {
                if rename(parent + "/" + entry, path) == 0 { continue }
            }
            try? fm.removeItem(atPath: parent + "/" + entry)
        }
        do { try fm.createDirectory(atPath: staging, withIntermediateDirectories: false) } catch {
            throw RestockError.cannotCreate("cannot create the staging directory \(staging): \(error.localizedDescription)")
        }
    }

    /// Path of an output file inside the staging directory.
    package func stagingFile(_ name: String) -> String { staging + "/" + name }

    /// Writes the marker, syncs the staging directory, and swaps it in.
    package func commit() throws {
        let markerPath = stagingFile(OutputDirectory.marker)
        let text = "This directory is written by restock as a whole; files you add here are removed by the next run.\n"
        try OutputDirectory.writeDurably(Data(text.utf8), to: markerPath)
        OutputDirectory.syncDirectory(staging)
        let fm = FileManager.default
        if fm.fileExists(atPath: path) {
            if restock_exchange_paths(staging, path) != 0 {
                let code = errno
                guard code == EINVAL || code == ENOSYS else {
                    throw RestockError.io("cannot swap \(staging) and \(path): \(String(cString: strerror(code)))")
                }
                // File system without RENAME_EXCHANGE: two renames (a brief window without `path`).
                let old = staging + ".old"
                guard rename(path, old) == 0 else {
                    throw RestockError.io("cannot replace \(path): \(String(cString: strerror(errno)))")
                }
                guard rename(staging, path) == 0 else {
                    let reason = String(cString: strerror(errno))
                    _ = rename(old, path)  // put the previous set back
                    throw RestockError.io("cannot replace \(path): \(reason)")
                }
                try? fm.removeItem(atPath: old)
            } else {
                try? fm.removeItem(atPath: staging)  // now holds the previous set
            }
        } else {
            guard rename(staging, path) == 0 else {
                throw RestockError.io("cannot rename \(staging) to \(path): \(String(cString: strerror(errno)))")
            }
        }
        OutputDirectory.syncDirectory(URL(fileURLWithPath: path).deletingLastPathComponent().path)
        committed = true
    }

    /// Removes an uncommitted staging directory and releases the lock.
    package func release() {
        if !committed { try? FileManager.default.removeItem(atPath: staging) }
        if lockFD >= 0 { close(lockFD); lockFD = -1 }
    }

    deinit { release() }

    /// Writes a whole file and fsyncs it (staged files must be on disk before the swap).
    package static func writeDurably(_ data: Data, to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw RestockError.cannotCreate("cannot create \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        do { try data.withUnsafeBytes { try CSVWriter.writeAll($0, to: fd, path: path) } } catch {
            throw RestockError.io("cannot write \(path): \(error)")
        }
        guard fsync(fd) == 0 else { throw RestockError.io("cannot sync \(path): \(String(cString: strerror(errno)))") }
    }

    package static func syncDirectory(_ dir: String) {
        let fd = open(dir, O_RDONLY | O_DIRECTORY)
        if fd >= 0 { fsync(fd); close(fd) }
    }
}
