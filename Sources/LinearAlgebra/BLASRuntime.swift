import CLapack

/// Process-wide OpenBLAS runtime controls.
///
/// These act on OpenBLAS's global thread pool and affect every caller in the process.
public enum BLASRuntime {
    /// Makes OpenBLAS run every call on the calling thread (`openblas_set_num_threads(1)`).
    ///
    /// Useful when the caller already parallelises at a coarser grain (e.g. one model
    /// fit per task), to avoid oversubscribing cores.
    public static func useSingleThread() {
        openblas_set_num_threads(1)
    }

    /// Number of threads OpenBLAS currently uses per call (`openblas_get_num_threads`).
    public static var threadCount: Int {
        Int(openblas_get_num_threads())
    }

    /// OpenBLAS's build configuration string (`openblas_get_config()`), e.g.
    /// `"OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY Haswell MAX_THREADS=64"`.
    public static var configuration: String {
        guard let config = openblas_get_config() else { return "" }
        return String(cString: config)
    }
}
