import CCrypto
import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SHA-256 of the input tables as stored, computed on a background queue (one file after
/// another) so that hashing overlaps with parsing. ``wait()`` returns the hex digests by table
/// name (``TableSource/name``); a table that cannot be read gets an empty digest.
public final class FileFingerprints: @unchecked Sendable {
    private let group = DispatchGroup()
    private var digests: [String: String] = [:]

    public init(sources: [TableSource]) {
        group.enter()
        DispatchQueue.global().async { [self] in
            var result: [String: String] = [:]
            for s in sources { result[s.name] = FileFingerprints.sha256(of: s) ?? "" }
            digests = result
            group.leave()
        }
    }

    /// A table's digest: the SHA-256 of its file's bytes as stored (compressed or not); for a
    /// folder of part files, the SHA-256 of its manifest, one line `<sha256 of the part>  <name>`
    /// per part file in read order (what `cd DATA && sha256sum sales/part-* | sha256sum` prints,
    /// with the parts' names as they sort), so adding, removing, renaming or changing a part
    /// changes it. Nil when a file cannot be read.
    public static func sha256(of source: TableSource) -> String? {
        guard source.isFolder else { return sha256(path: source.files[0].path) }
        var manifest = ""
        for f in source.files {
            guard let d = sha256(path: f.path) else { return nil }
            manifest += d + "  " + f.name + "\n"
        }
        return sha256(bytes: Array(manifest.utf8))
    }

    /// SHA-256 of `bytes`, lowercase hex.
    public static func sha256(bytes: [UInt8]) -> String? {
        guard let ctx = EVP_MD_CTX_new() else { return nil }
        defer { EVP_MD_CTX_free(ctx) }
        guard EVP_DigestInit_ex(ctx, EVP_sha256(), nil) == 1,
              bytes.withUnsafeBytes({ EVP_DigestUpdate(ctx, $0.baseAddress, $0.count) }) == 1 else { return nil }
        return finish(ctx)
    }

    public func wait() -> [String: String] {
        group.wait()
        return digests
    }

    /// SHA-256 of a file's bytes (OpenSSL's EVP digest), read in 4 MiB chunks; nil when it
    /// cannot be read.
    public static func sha256(path: String) -> String? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        let size = 1 << 22
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 64)
        defer { buffer.deallocate() }
        guard let ctx = EVP_MD_CTX_new() else { return nil }
        defer { EVP_MD_CTX_free(ctx) }
        guard EVP_DigestInit_ex(ctx, EVP_sha256(), nil) == 1 else { return nil }
        while true {
            let n = read(fd, buffer, size)
            if n < 0 { if errno == EINTR { continue }; return nil }
            if n == 0 { break }
            guard EVP_DigestUpdate(ctx, buffer, n) == 1 else { return nil }
        }
        return finish(ctx)
    }

    /// The digest of `ctx` as lowercase hex.
    private static func finish(_ ctx: OpaquePointer) -> String? {
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        guard EVP_DigestFinal_ex(ctx, &digest, &length) == 1, length == 32 else { return nil }
        let hex = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(64)
        for byte in digest { out.append(hex[Int(byte >> 4)]); out.append(hex[Int(byte & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }
}
