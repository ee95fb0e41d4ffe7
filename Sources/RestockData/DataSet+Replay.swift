extension DataSet {
    /// The data set as it was at the end of `day`: every history cut there, series that had not
    /// sold yet left out. Returns the cut data set and, for each of its series, the index of the
    /// same series in `self`. Items, inventory and open orders are kept as they are (they describe
    /// today); callers replaying the past supply their own stock positions.
    public func replayed(asOf day: Day) -> (data: DataSet, source: [Int]) {
        var d = self
        d.asOf = day
        var kept: [Series] = []
        var source: [Int] = []
        for (i, s) in series.enumerated() {
            guard var h = s.history, h.firstDay <= day else { continue }
            let n = min(h.count, h.firstDay.distance(to: day) + 1)
            h.quantity = Array(h.quantity[0..<n])
            if !h.onHand.isEmpty { h.onHand = Array(h.onHand[0..<n]) }
            if !h.price.isEmpty { h.price = Array(h.price[0..<n]) }
            var cut = s
            cut.history = h
            kept.append(cut)
            source.append(i)
        }
        d.series = kept
        return (d, source)
    }
}
