import LinearAlgebra

/// How a run uses the cores: restock parallelises over series itself (fits in parallel into
/// slots), so every BLAS/LAPACK call runs on its calling thread. OpenBLAS's own pool, called from
/// several series at once, splits work by what is free at that moment, and the sums' order (so
/// the outputs' last bits) would depend on the machine's load. Every run's entry point calls
/// ``begin()`` before its first fit, whoever calls it (the command line, a test, a service).
package enum SeriesParallelism {
    package static func begin() {
        BLASRuntime.useSingleThread()
    }
}
