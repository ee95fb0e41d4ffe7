/// The k-th smallest of an array without sorting it all (Hoare's quickselect with a
/// median-of-three pivot): O(n) on average. The value is the one `a.sorted()[k]` gives.
enum OrderStatistic {
    /// `k` in 0..<a.count; `a` is reordered. Values must not be NaN.
    static func kthSmallest(_ a: inout [Double], _ k: Int) -> Double {
        precondition(k >= 0 && k < a.count)
        return a.withUnsafeMutableBufferPointer { b in
            var lo = 0, hi = b.count - 1
            while lo < hi {
                let mid = lo + (hi - lo) / 2
                // Median of three as the pivot value.
                var x = b[lo], y = b[mid], z = b[hi]
                if x > y { swap(&x, &y) }
                if y > z { swap(&y, &z) }
                if x > y { swap(&x, &y) }
                let pivot = y
                var i = lo, j = hi
                while i <= j {
                    while b[i] < pivot { i += 1 }
                    while b[j] > pivot { j -= 1 }
                    if i <= j {
                        b.swapAt(i, j)
                        i += 1
                        j -= 1
                    }
                }
                // Now b[lo...j] ≤ pivot ≤ b[i...hi], and j < i.
                if k <= j { hi = j } else if k >= i { lo = i } else { return b[k] }
            }
            return b[k]
        }
    }
}
