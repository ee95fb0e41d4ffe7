import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Outputs that cannot be created or written: exit 73 or 74 naming the path and the system's
/// reason, and the previous outputs untouched.
@Suite struct OutputFailureEndToEndTests {
    @Test func anOutputParentThatCannotBeCreatedExits73() throws {
        let r = try RestockProcess.run(["forecast", "--data", RestockProcess.samples, "--out", "/proc/restock-e2e/out", "--horizon", "7"])
        #expect(r.status == 73, "stderr: \(r.stderr)")
        #expect(r.stderr.contains("/proc/restock-e2e") && r.stderr.contains("cannot create"), "\(r.stderr)")
    }

    /// A 600 KB file system holds a 7-day forecast (about 130 KB) but not a full night (about
    /// 900 KB): the night fails with ENOSPC as exit 74, and the forecast set is still there,
    /// byte for byte. Needs root, to mount the small file system.
    @Test(.enabled(if: getuid() == 0, "mounting a tmpfs needs root"))
    func aFullDiskExits74AndLeavesThePreviousOutputs() throws {
        let dir = try TempDir()
        let disk = dir.path + "/disk"
        try FileManager.default.createDirectory(atPath: disk, withIntermediateDirectories: true)
        let mount = Process()
        mount.executableURL = URL(fileURLWithPath: "/bin/mount")
        mount.arguments = ["-t", "tmpfs", "-o", "size=600k", "tmpfs", disk]
        try mount.run()
        mount.waitUntilExit()
        try #require(mount.terminationStatus == 0, "mount failed")
        defer {
            let umount = Process()
            umount.executableURL = URL(fileURLWithPath: "/bin/umount")
            umount.arguments = [disk]
            try? umount.run()
            umount.waitUntilExit()
        }
        let first = try RestockProcess.run(["forecast", "--data", RestockProcess.samples, "--out", disk + "/out", "--horizon", "7"])
        #expect(first.status == 0, "stderr: \(first.stderr)")
        let before = try Data(contentsOf: URL(fileURLWithPath: disk + "/out/forecast.csv"))
        let night = try RestockProcess.run(["run", "--data", RestockProcess.samples, "--out", disk + "/out"])
        #expect(night.status == 74, "stderr: \(night.stderr)")
        #expect(night.stderr.contains("No space left on device"), "\(night.stderr)")
        #expect(night.stderr.contains(disk), "\(night.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: disk + "/out/forecast.csv")) == before)
        #expect(!FileManager.default.fileExists(atPath: disk + "/out/orders.csv"))
    }
}
