#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One input file as stored in the data directory.
public struct StoredFile: Sendable, Equatable {
    /// Its name relative to the data directory, as messages, `summary.json` and the snapshot
    /// name it: `items.csv`, `items.csv.gz`, `sales/part-00003.csv.gz`.
    public var name: String
    /// Its full path.
    public var path: String
    /// Whether it is gzip-compressed (its name ends in `.gz`): read whole, through zlib.
    public var isCompressed: Bool { name.hasSuffix(".gz") }

    public init(name: String, path: String) {
        self.name = name
        self.path = path
    }

    /// Its size on disk in bytes (compressed when it is), 0 when it cannot be read.
    public var storedSize: Int {
        var st = stat()
        return stat(path, &st) == 0 ? Int(st.st_size) : 0
    }
}

/// Where one contract table is in a data directory: `X.csv`, `X.csv.gz`, or (`sales` only) a
/// folder `sales/` of part files `part-*.csv` / `part-*.csv.gz`, each with the header, read in
/// name order as one table (the same as their concatenation).
public struct TableSource: Sendable, Equatable {
    public var table: ContractTable
    /// The file, or the part files in name (byte) order; never empty.
    public var files: [StoredFile]
    /// Whether the table is a folder of part files.
    public var isFolder: Bool

    /// How the table is stored, for messages and `summary.json`: `sales.csv`, `sales.csv.gz`, `sales/`.
    public var name: String { isFolder ? table.stem + "/" : files[0].name }
    /// Whether any of its files is compressed (such a table cannot be read by byte offsets).
    public var hasCompressedFiles: Bool { files.contains(where: \.isCompressed) }
    /// Σ stored sizes, bytes (the progress bar's total).
    public var storedSize: Int { files.reduce(0) { $0 + $1.storedSize } }
}

/// Finds each contract table's files in a data directory (``TableSource``).
///
/// Exactly one of `X.csv`, `X.csv.gz` (and for sales a folder `sales/`) may exist; more than
/// one is an error (the night would not know which to read).
public enum InputLayout {
    /// Folders of part files are accepted for these tables.
    public static let partitionedTables: Set<ContractTable> = [.sales]

    /// What is stored for `table` in `directory`.
    public enum Lookup: Sendable, Equatable {
        case absent
        case found(TableSource)
        /// Several forms at once (named), or a folder without part files: an error.
        case invalid(String)
    }

    /// Looks `table` up in `directory` (no I/O beyond `stat` and one directory listing).
    public static func lookup(_ table: ContractTable, in directory: String) -> Lookup {
        var forms: [String] = []
        var files: [StoredFile] = []
        for name in [table.rawValue, table.rawValue + ".gz"] where isRegularFile(directory + "/" + name) {
            forms.append(name)
            files = [StoredFile(name: name, path: directory + "/" + name)]
        }
        let folder = directory + "/" + table.stem
        if partitionedTables.contains(table), isDirectory(folder) {
            forms.append(table.stem + "/")
            if forms.count == 1 {
                let parts = partFiles(in: folder, prefix: table.stem + "/")
                guard !parts.isEmpty else {
                    return .invalid("\(table.stem)/ holds no part files: expected \(table.stem)/part-*.csv or \(table.stem)/part-*.csv.gz (or \(table.rawValue) instead of the folder)")
                }
                return .found(TableSource(table: table, files: parts, isFolder: true))
            }
        }
        switch forms.count {
        case 0: return .absent
        case 1: return .found(TableSource(table: table, files: files, isFolder: false))
        default:
            let accepted = ([table.rawValue, table.rawValue + ".gz"] + (partitionedTables.contains(table) ? [table.stem + "/ (part files)"] : []))
            return .invalid("\(forms.joined(separator: " and ")) are both in the data directory: expected exactly one of \(accepted.joined(separator: ", ")) (which one should be read?)")
        }
    }

    /// Every table found in `directory`, in contract order, skipping absent and invalid ones
    /// (for fingerprints of a directory already loaded).
    public static func sources(in directory: String) -> [TableSource] {
        ContractTable.allCases.compactMap { t in
            if case .found(let s) = lookup(t, in: directory) { return s }
            return nil
        }
    }

    /// `part-*.csv` and `part-*.csv.gz` files directly in `folder`, sorted by name (bytes);
    /// anything else (`_SUCCESS`, `.crc` files, hidden files) is ignored.
    static func partFiles(in folder: String, prefix: String) -> [StoredFile] {
        guard let dir = opendir(folder) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            guard name.hasPrefix("part-"), name.hasSuffix(".csv") || name.hasSuffix(".csv.gz"),
                  isRegularFile(folder + "/" + name) else { continue }
            names.append(name)
        }
        names.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        return names.map { StoredFile(name: prefix + $0, path: folder + "/" + $0) }
    }

    static func isRegularFile(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG
    }

    static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }
}

extension ContractTable {
    /// The table's name without `.csv`: `sales`, `open_orders`.
    public var stem: String { String(rawValue.dropLast(4)) }

    /// The table a stored file belongs to: `sales.csv`, `sales.csv.gz`, `sales/part-1.csv.gz`
    /// → `.sales`; nil for a name that is none of them.
    public init?(storedName name: String) {
        if let slash = name.firstIndex(of: "/") {
            guard let t = ContractTable(rawValue: name[..<slash] + ".csv"), InputLayout.partitionedTables.contains(t) else { return nil }
            self = t
            return
        }
        let plain = name.hasSuffix(".gz") ? String(name.dropLast(3)) : name
        guard let t = ContractTable(rawValue: plain) else { return nil }
        self = t
    }
}
