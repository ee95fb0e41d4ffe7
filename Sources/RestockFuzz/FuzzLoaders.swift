import Foundation
import RestockData

/// One fuzz input through the CSV reader and the contract's table loaders: the first byte picks
/// the file the rest is written as (with a minimal `sales.csv` beside it when another file is
/// fuzzed); the data set is loaded strict and with a quarantine. Whatever the bytes, loading must
/// end in a data set or in reported issues, never a crash. Built two ways:
/// - with `-DFUZZING -sanitize=fuzzer` (`scripts/fuzz.sh`): libFuzzer's driver;
/// - normally: `restock-fuzz FILE…` replays saved inputs (crashes found become regression inputs
///   under `Tests/Fixtures/fuzz/`, replayed by the test suite).
enum FuzzLoaders {
    static let tables = ["sales.csv", "promotions.csv", "events.csv", "items.csv", "inventory.csv", "open_orders.csv", "lanes.csv"]
    static let minimalSales = "date,sku,location,quantity\n2024-01-01,A,S1,1\n2024-01-02,A,S1,2\n"
    nonisolated(unsafe) static let directory: String = {
        let d = NSTemporaryDirectory() + "/restock-fuzz-\(getpid())"
        try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }()

    static func run(_ bytes: UnsafeRawBufferPointer) {
        guard let first = bytes.first else { return }
        let table = tables[Int(first) % tables.count]
        for t in tables { unlink(directory + "/" + t) }
        if table != "sales.csv" { FileManager.default.createFile(atPath: directory + "/sales.csv", contents: Data(minimalSales.utf8)) }
        FileManager.default.createFile(atPath: directory + "/" + table, contents: Data(bytes.dropFirst()))
        for quarantine in [nil, InputIssues.Quarantine()] {
            var options = DataSetLoader.Options(requirePlanningFiles: false, minimumPartBytes: 64)
            options.quarantine = quarantine
            options.fingerprints = false
            _ = try? DataSetLoader.load(directory: directory, options: options, issues: InputIssues())
        }
        if let reader = try? CSVReader(path: directory + "/" + table) {
            while (try? reader.nextRecord()) == true { for i in 0..<reader.fieldCount { _ = reader.string(i) } }
        }
    }
}

/// libFuzzer's driver (`-sanitize=fuzzer` links it): runs `callback` on generated inputs.
#if FUZZING
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

/// The entry point libFuzzer's own objects reference.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzLoaders.run(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}

@main
struct FuzzMain {
    static func main() {
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzOne(data, size) })
    }
}
#else
@main
struct ReplayFuzzInputs {
    static func main() throws {
        for path in CommandLine.arguments.dropFirst() {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            bytes.withUnsafeBytes { FuzzLoaders.run($0) }
            print("ok \(path)")
        }
    }
}
#endif
