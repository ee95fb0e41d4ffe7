// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "restock",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "restock", targets: ["restock"]),
        .library(name: "Forecast", targets: ["Forecast"]),
        .library(name: "Replenish", targets: ["Replenish"]),
        .library(name: "RestockData", targets: ["RestockData"]),
        .library(name: "RestockSettings", targets: ["RestockSettings"]),
        .library(name: "RestockEngine", targets: ["RestockEngine"]),
        .library(name: "RestockScenarios", targets: ["RestockScenarios"]),
        .library(name: "RestockSimulation", targets: ["RestockSimulation"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        // The one place C BLAS/LAPACK is touched: Debian's cblas.h and lapack.h over OpenBLAS.
        .systemLibrary(
            name: "CLapack",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev", "liblapack-dev", "liblapacke-dev"])]
        ),
        // OpenSSL's libcrypto, for the SHA-256 fingerprints of input files in summary.json.
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        // zlib, for gzip-compressed inputs (`sales.csv.gz`, `sales/part-*.csv.gz`) read through gzread.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // Small POSIX helpers Swift cannot call directly (renameat2 with RENAME_EXCHANGE).
        .target(name: "CPlatform"),
        .target(name: "LinearAlgebra", dependencies: ["CLapack"]),
        .target(
            name: "RestockData",
            dependencies: ["CCrypto", "CZlib"],
            // The CSV scanner's state lives in a class; its hot loop needs no dynamic exclusivity checks.
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]
        ),
        .target(name: "Forecast", dependencies: ["LinearAlgebra"]),
        .target(name: "Replenish", dependencies: ["Forecast"]),
        // report.html: self-contained page with SVG charts (no I/O; the executable writes it).
        .target(name: "RestockReport", dependencies: ["RestockData"]),
        // Config file and policy rules as one value, the input gate's thresholds, and the
        // errors that carry the contract's exit statuses.
        .target(
            name: "RestockSettings",
            dependencies: ["RestockData", "Forecast", "Replenish", .product(name: "TOMLKit", package: "TOMLKit")]
        ),
        // The nightly run: load → pool effects → per-sku forecast and plan → write → swap; the
        // output set and its writers, summary, model state, baseline snapshot, backtest folds.
        .target(
            name: "RestockEngine",
            dependencies: [
                "RestockSettings", "RestockData", "Forecast", "Replenish", "LinearAlgebra", "CPlatform", "RestockReport",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // What-if scenarios: a run under changed assumptions, from a baseline snapshot or recomputed.
        .target(
            name: "RestockScenarios",
            dependencies: ["RestockEngine", "RestockSettings", "RestockData", "Forecast", "Replenish",
                           .product(name: "Logging", package: "swift-log")]
        ),
        // The nightly policy replayed over a past window.
        .target(
            name: "RestockSimulation",
            dependencies: ["RestockEngine", "RestockSettings", "RestockData", "Forecast", "Replenish",
                           .product(name: "Logging", package: "swift-log")]
        ),
        // The command line: commands, options, logging set-up and exit statuses.
        .executableTarget(
            name: "restock",
            dependencies: [
                "RestockEngine", "RestockScenarios", "RestockSimulation", "RestockSettings",
                "RestockData", "LinearAlgebra",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The loaders under libFuzzer (scripts/fuzz.sh), or a replayer of saved inputs.
        .executableTarget(name: "restock-fuzz", dependencies: ["RestockData"], path: "Sources/RestockFuzz"),
        // Helpers shared by the test targets (seeded generator, tolerances).
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra"]),
        .testTarget(name: "RestockDataTests", dependencies: ["RestockData", "TestSupport"]),
        .testTarget(name: "ForecastTests", dependencies: ["Forecast", "TestSupport"]),
        .testTarget(name: "ReplenishTests", dependencies: ["Replenish", "TestSupport"]),
        .testTarget(name: "RestockReportTests", dependencies: ["RestockReport"]),
        .testTarget(name: "RestockSettingsTests", dependencies: ["RestockSettings"]),
        // A night through the library, no process.
        .testTarget(
            name: "RestockEngineTests",
            dependencies: ["RestockEngine", "RestockSettings", "Replenish", "RestockData", "TestSupport", .product(name: "Logging", package: "swift-log")]
        ),
        // The replay's bookkeeping (what a simulated location counts), no process.
        .testTarget(name: "RestockSimulationTests", dependencies: ["RestockSimulation"]),
        .testTarget(name: "EndToEndTests", dependencies: ["RestockData", "TestSupport"]),
    ]
)
