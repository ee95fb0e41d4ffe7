import Logging
import RestockEngine
import RestockSettings

/// The start every writing command shares: logging bootstrapped from the config, and the output
/// directory locked and staged (BLAS on one thread is the engine's own: ``SeriesParallelism``).
/// The caller releases the directory (`defer { directory.release() }`).
enum CommandStart {
    static func begin(config: RestockConfig, out: String) throws -> (Logger, OutputDirectory) {
        let logger = LogSetup.bootstrap(format: config.logFormat, level: config.logLevel)
        let directory = try OutputDirectory(path: out)
        try directory.acquire()
        return (logger, directory)
    }
}
