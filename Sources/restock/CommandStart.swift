import LinearAlgebra
import Logging
import RestockEngine
import RestockSettings

/// The start every writing command shares: logging bootstrapped from the config, BLAS on one
/// thread (restock parallelises over series itself), and the output directory locked and
/// staged. The caller releases the directory (`defer { directory.release() }`).
enum CommandStart {
    static func begin(config: RestockConfig, out: String) throws -> (Logger, OutputDirectory) {
        let logger = LogSetup.bootstrap(format: config.logFormat, level: config.logLevel)
        BLASRuntime.useSingleThread()
        let directory = try OutputDirectory(path: out)
        try directory.acquire()
        return (logger, directory)
    }
}
