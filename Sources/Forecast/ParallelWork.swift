import Dispatch
import Synchronization

/// Work spread over at most a given number of threads. `DispatchQueue.concurrentPerform` alone
/// runs on every core whatever its iteration count, so a run given `--threads 1` (a Slurm step
/// that asked for one cpu) still used two on this machine: 7.6 thread-seconds in 3.9 s of a
/// shard's forecasting.
public enum ParallelWork {
    /// Calls `body(i)` for every i in 0..<iterations on at most `threads` threads at once, each
    /// taking the next iteration not yet taken; one thread (or one iteration) runs them in
    /// order on the calling thread. Callers write into per-iteration slots, so the results do
    /// not depend on `threads`.
    public static func perform(iterations: Int, threads: Int, _ body: @Sendable (Int) -> Void) {
        let workers = max(1, min(iterations, threads))
        guard iterations > 0 else { return }
        if workers == 1 {
            for i in 0..<iterations { body(i) }
            return
        }
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let i = next.add(1, ordering: .relaxed).oldValue
                guard i < iterations else { return }
                body(i)
            }
        }
    }
}
