import Dispatch
import Foundation
import LinearAlgebra

extension GlobalModel {
    /// The cross-series model's training rows, built once (they do not depend on β) and fitted
    /// as often as needed: on the whole history, or as the data stood at an earlier day
    /// (``fit(lastDays:start:)``), which is what the holdout windows of the combination's
    /// calibration need. A cut's rows are the rows whose origin and target days all lie on or
    /// before it, so a cut fit sees no day after the cut; it reads the calendar as the whole
    /// history does (a series' regular price is the median over its whole history).
    ///
    /// Rows sit in 32 fixed groups of series (series i in group i mod 32), row-major Float
    /// (the d columns before the events per row, features need no more digits; the day's event
    /// as an index, ``DesignRows``), with each row's target on the unit scale, the series' scale
    /// and the origin. Bounded by `maxRows` × (4d + 30) bytes.
    public struct Training: Sendable {
        public let layout: GlobalLayout
        public let horizon: Int
        public let settings: Settings
        /// Series the rows were cut from.
        public let seriesCount: Int
        /// Threads its passes run on at most (``ParallelWork``).
        let threads: Int
        /// Per series, its history's length and the training origins its rows were cut at
        /// (newest first; empty without rows).
        let lengths: [Int]
        let origins: [[Int]]
        /// Per series, the first day with a sale, or −1.
        let firstSales: [Int]
        let groups: [DesignRows?]
        static let groupCount = 32

        /// The rows of `series` (each with its calendar `features`, covering at least its
        /// history) for horizon H; nil without series or for H < 1. Training origins per series
        /// as in ``GlobalModel/trainingOrigins(n:horizon:settings:limit:)``, from its first sale
        /// on; a series needs more than H + 28 days.
        public init?(series: [DemandSeries], features: [CalendarFeatures], layout: GlobalLayout,
                     horizon: Int, settings: Settings = Settings(), threads: Int = 1) {
            precondition(series.count == features.count, "one calendar per series")
            guard !series.isEmpty, horizon >= 1 else { return nil }
            self.layout = layout
            self.horizon = horizon
            self.settings = settings
            seriesCount = series.count
            self.threads = max(1, threads)
            let perSeries = max(1, settings.maxRows / max(1, series.count * horizon))
            // Per series its sums and origin summaries.
            struct Prepared { var sums: HistorySums; var origins: [Int]; var summaries: [OriginSummary] }
            var prepared = [Prepared?](repeating: nil, count: series.count)
            prepared.withUnsafeMutableBufferPointer { out in
                let box = SendableBuffer(out)
                let chunks = max(1, min(series.count, threads * 4))
                ParallelWork.perform(iterations: chunks, threads: threads) { c in
                    for i in (c * series.count / chunks)..<((c + 1) * series.count / chunks) {
                        let y = series[i]
                        guard y.count > horizon + 28 else { continue }
                        let sums = HistorySums(y)
                        let origins = trainingOrigins(n: y.count, horizon: horizon, settings: settings, limit: perSeries)
                            .filter { sums.lastSale[$0] >= 0 }
                        guard !origins.isEmpty else { continue }
                        let summaries = origins.map {
                            OriginSummary(y, sums: sums, features: features[i], origin: $0)
                        }
                        box.buffer[i] = Prepared(sums: sums, origins: origins, summaries: summaries)
                    }
                }
            }
            let ready = prepared
            lengths = series.map(\.count)
            origins = ready.map { $0?.origins ?? [] }
            firstSales = ready.map { prep in prep.map { p in Int(p.sums.lastSale.firstIndex { $0 >= 0 } ?? -1) } ?? -1 }
            let p = layout.columns
            let groupCount = Training.groupCount
            var design = [DesignRows?](repeating: nil, count: groupCount)
            design.withUnsafeMutableBufferPointer { out in
                let box = SendableBuffer(out)
                ParallelWork.perform(iterations: groupCount, threads: threads) { g in
                    var rows = DesignRows(columns: layout.eventDay, oneHot: layout.events, power: settings.tweediePower)
                    var count = 0
                    for i in stride(from: g, to: series.count, by: groupCount) { count += (ready[i]?.origins.count ?? 0) * horizon }
                    rows.reserve(count)
                    var row = [Double](repeating: 0, count: p)
                    for i in stride(from: g, to: series.count, by: groupCount) {
                        guard let prep = ready[i] else { continue }
                        let y = series[i], f = features[i]
                        for (k, o) in prep.origins.enumerated() {
                            let summary = prep.summaries[k]
                            for h in 1...horizon where y.isObserved(o + h) {
                                row.withUnsafeMutableBufferPointer { x in
                                    layout.fillRow(x.baseAddress!, rows: 1, row: 0, summary: summary, sums: prep.sums,
                                                   features: f, origin: o, ahead: h, horizon: horizon)
                                    rows.append(UnsafePointer(x.baseAddress!), target: max(0, y.demand[o + h]) / summary.scale,
                                                scale: summary.scale, origin: o)
                                }
                            }
                        }
                        rows.endSeries(i)
                    }
                    box.buffer[g] = rows
                }
            }
            groups = design
        }

        /// The rows each fit uses, per group: with `lastDays` (per series, the index in its
        /// history of the cut's last day; < 0 when the cut is before its first day) the rows
        /// whose origin o has o + H on or before it and lies within ``Settings/maxBackDays`` of
        /// the newest such origin, of series with more than H + 28 days up to the cut; otherwise
        /// every row. Each series' weight ω is its scale at its newest used origin. A cut a
        /// multiple of ``Settings/originStep`` days back (the calibration's year-ago window, 364
        /// days; its most recent one when H is a multiple of 28) keeps exactly the rows a fit of
        /// the histories cut there has, while the row budget does not thin the origins;
        /// otherwise the newest origin used lies up to a step before the cut's.
        func segments(lastDays: [Int]?) -> [[RowSegment]] {
            let h = horizon, power = settings.seriesWeightPower, back = settings.maxBackDays
            return groups.map { rows in
                guard let rows else { return [] }
                var out: [RowSegment] = []
                out.reserveCapacity(rows.seriesEnds.count)
                var start = 0
                for (b, end) in rows.seriesEnds.enumerated() {
                    defer { start = end }
                    var lo = start, hi = end
                    if let lastDays {
                        let last = lastDays[rows.seriesIndex[b]]
                        guard last + 1 > h + 28 else { continue }
                        let newest = Int32(last - h), oldest = Int32(max(27, last - h - back))
                        // Origins are newest first within the block.
                        while lo < hi && rows.origin[lo] > newest { lo += 1 }
                        while hi > lo && rows.origin[hi - 1] < oldest { hi -= 1 }
                    }
                    guard hi > lo else { continue }
                    out.append(RowSegment(start: lo, end: hi, omega: pow(rows.scale[lo], power)))
                }
                return out
            }
        }

        /// Whether the rows of the cut `lastDays` (``segments(lastDays:)``) are exactly the rows
        /// a fit of the histories cut there would have: the same training origins for every
        /// series (``GlobalModel/trainingOrigins(n:horizon:settings:limit:)`` of the cut history,
        /// from its first sale on, under the row budget of the series that have history there).
        public func keepsTheOrigins(ofCut lastDays: [Int]) -> Bool {
            precondition(lastDays.count == seriesCount, "one last day per series")
            let withHistory = lastDays.reduce(0) { $0 + ($1 >= 0 ? 1 : 0) }
            let perSeries = max(1, settings.maxRows / max(1, withHistory * horizon))
            for i in 0..<seriesCount {
                let n = min(lengths[i], lastDays[i] + 1)
                let newest = lastDays[i] - horizon
                let kept = origins[i].filter { $0 <= newest && $0 >= newest - settings.maxBackDays }
                guard n > horizon + 28 else {
                    if !kept.isEmpty { return false }
                    continue
                }
                let first = firstSales[i]
                let cut = GlobalModel.trainingOrigins(n: n, horizon: horizon, settings: settings, limit: perSeries)
                    .filter { first >= 0 && $0 >= first }
                if cut != kept { return false }
            }
            return true
        }

        /// The model fitted on every row, or with `lastDays` on the rows of the history cut
        /// there (``segments(lastDays:)``). From `start` (one coefficient per column; ignored
        /// otherwise) IRLS begins there, e.g. a fit on overlapping rows: a holdout window's fit
        /// from the night's, which it differs from by a few weeks of rows, converges in fewer
        /// steps to the same optimum (to the stopping tolerance). Without it, a cold fit first
        /// fits every 16th, then every 4th series (each level with at least
        /// ``Settings/coarseStartSeries`` series): a subset lands near the optimum in cheap
        /// passes, so the full fit takes the few steps of a warm start. Nil without more rows
        /// than columns or when the system cannot be solved.
        public func fit(lastDays: [Int]? = nil, start: [Double]? = nil) -> GlobalModel? {
            precondition(lastDays.map { $0.count == seriesCount } ?? true, "one last day per series")
            let segments = segments(lastDays: lastDays)
            let p = layout.columns
            var begin: [Double]? = nil
            if let start, start.count == p, start.allSatisfy(\.isFinite) {
                begin = start
            } else {
                for every in [16, 4] where seriesCount / every >= Settings.coarseStartSeries {
                    if let coarse = irls(segments, every: every, from: begin) { begin = coarse.beta }
                }
            }
            guard let (beta, current) = irls(segments, every: 1, from: begin) else { return nil }
            let dispersion = typicalDispersion(segments, beta: beta) ?? 1
            var model = GlobalModel(layout: layout, coefficients: beta, dispersion: dispersion, rows: current.rows)
            model.power = settings.tweediePower
            return model
        }

        /// One pass over the rows of every `every`-th group (every `every`-th series, as series i
        /// is in group i mod 32) at β (nil: the GLM start, μ' = y' + 0.1): the deviance and
        /// errors at β and the weighted system of the next step from there.
        func pass(_ segments: [[RowSegment]], beta: [Double]?, every: Int) -> Pass {
            let p = layout.columns, d = layout.eventDay, events = layout.events, power = settings.tweediePower
            let groups = self.groups
            var partials = [Pass?](repeating: nil, count: Training.groupCount / every)
            partials.withUnsafeMutableBufferPointer { out in
                let box = SendableBuffer(out)
                ParallelWork.perform(iterations: Training.groupCount / every, threads: threads) { j in
                    let g = j * every
                    // The dense block of XᵀWX through BLAS (d × d); the event columns' part by row:
                    // an event row adds w to its column's diagonal and w·x to its cross terms with
                    // the dense columns (two events never share a row: no event × event terms).
                    let acc = Accumulator(columns: d, block: 1024)
                    var part = Pass(columns: p)
                    var dense = [Double](repeating: 0, count: d * d)
                    // The right-hand side, the events' diagonal and cross terms through pointers of
                    // their own: no copy-on-write check per row.
                    let rhs = UnsafeMutablePointer<Double>.allocate(capacity: p + events * (d + 1))
                    rhs.initialize(repeating: 0, count: p + events * (d + 1))
                    defer { rhs.deallocate() }
                    let eventDiagonal = rhs + p, eventCross = rhs + p + events
                    if let rows = groups[g] {
                        rows.x.withUnsafeBufferPointer { xs in rows.hot.withUnsafeBufferPointer { hot in
                            (beta ?? []).withUnsafeBufferPointer { betaBuffer in
                            for segment in segments[g] {
                                let omega = segment.omega
                                for n in segment.start..<segment.end {
                                    let xr = xs.baseAddress! + n * d
                                    let target = rows.target[n]
                                    let event = Int(hot[n])
                                    var eta: Double
                                    if beta != nil {
                                        eta = GlobalModel.dot(xr, betaBuffer.baseAddress!, d)
                                        if event >= 0 { eta += betaBuffer[d + event] }
                                        eta = min(12, max(-20, eta))
                                    } else {
                                        eta = log(target + 0.1)
                                    }
                                    let mu = exp(eta)
                                    // μ^(1−p) from η (one exp, not a pow: this loop runs over every row of every pass).
                                    let muPow = power == 1 ? 1 : exp((1 - power) * eta)
                                    // From β: Newton's weight, the deviance's own curvature in η,
                                    // ω·μ^(1−p)·((2−p)μ + (p−1)y) (positive for 1 ≤ p < 2), which converges
                                    // quadratically where Fisher's ω·μ^(2−p) (its expectation) is linear
                                    // for p > 1. From the GLM start: Fisher's, the regression of z.
                                    let w = beta == nil ? omega * mu * muPow
                                        : omega * muPow * ((2 - power) * mu + (power - 1) * target)
                                    // The Gram block in Float (BLAS ssyrk); the right-hand side exactly, in
                                    // Double from the Float design row: with β given it is the gradient
                                    // XᵀW(z − η), so the inexact Gram changes the steps, not the optimum.
                                    let root = w.squareRoot()
                                    let out = acc.nextRow()
                                    for c in 0..<d { out[c] = Float(Double(xr[c]) * root) }
                                    let k = beta == nil ? w * ((target - mu) / mu + eta) : omega * muPow * (target - mu)
                                    for c in 0..<d { rhs[c] += Double(xr[c]) * k }
                                    if event >= 0 {
                                        rhs[d + event] += k
                                        eventDiagonal[event] += w
                                        let cross = eventCross + event * d
                                        for c in 0..<d { cross[c] += Double(xr[c]) * w }
                                    }
                                    part.rows += 1
                                    part.weight += omega
                                    if power == 1 {
                                        part.deviance += omega * GlobalModel.deviance(target, mu, power: 1)
                                    } else {
                                        // ``deviance(_:_:power:)`` with y^(2−p)/((1−p)(2−p)) precomputed per row.
                                        part.deviance += omega * 2 * (rows.devianceConstant[n] - target * muPow / (1 - power)
                                                                      + mu * muPow / (2 - power))
                                    }
                                    if acc.full { acc.flush(into: &dense) }
                                }
                            }
                        } } }
                    }
                    acc.flush(into: &dense)
                    // XᵀWX's lower triangle, p × p column-major.
                    for c in 0..<d { for r in c..<d { part.gram[r + c * p] = dense[r + c * d] } }
                    for e in 0..<events {
                        part.gram[(d + e) * (p + 1)] = eventDiagonal[e]
                        for c in 0..<d { part.gram[(d + e) + c * p] = eventCross[e * d + c] }
                    }
                    for c in 0..<p { part.rhs[c] = rhs[c] }
                    box.buffer[j] = part
                }
            }
            var total = Pass(columns: p)
            for part in partials { if let part { total.add(part) } }
            return total
        }

        /// The next β: from `beta` (whose pass made `system`) the Newton step
        /// (G̃ + Λ)Δ = ∇ − Λβ with ∇ = XᵀW(z − η) exact, so a fixed point is the exact penalised
        /// optimum, with Newton's decrement Δᵀ(∇ − Λβ) (the deviance the step saves on the
        /// quadratic model); without `beta` (the GLM start) the weighted least-squares fit of z
        /// itself (decrement 0).
        func solve(_ system: Pass, from beta: [Double]?) -> (beta: [Double], decrement: Double)? {
            let p = layout.columns
            var gram = system.gram
            // The passes fill the lower triangle only.
            for j in 1..<p { for i in 0..<j { gram[i + j * p] = gram[j + i * p] } }
            var penalty = [Double](repeating: settings.ridge * system.weight / Double(system.rows), count: p)
            let perDay = system.weight / Double(settings.maxBackDays + horizon)
            for j in layout.eventDay..<p { penalty[j] += settings.eventRidge * perDay }
            penalty[0] = 1e-9 * system.weight
            for j in 0..<p { gram[j * p + j] += penalty[j] }
            var rhs = system.rhs
            if let beta { for j in 0..<p { rhs[j] -= penalty[j] * beta[j] } }
            guard let m = try? Matrix(rows: p, columns: p, elements: gram),
                  var next = try? choleskySolve(m, rhs) else { return nil }
            var decrement = 0.0
            if let beta {
                for j in 0..<p { decrement += next[j] * rhs[j] }
                for j in 0..<p { next[j] += beta[j] }
            }
            return next.allSatisfy(\.isFinite) ? (next, decrement) : nil
        }

        /// IRLS on every `every`-th group from `start` (nil: the GLM start): β and its pass.
        func irls(_ segments: [[RowSegment]], every: Int, from start: [Double]?) -> (beta: [Double], pass: Pass)? {
            let p = layout.columns
            var beta: [Double]
            if let start {
                beta = start
            } else {
                let initial = pass(segments, beta: nil, every: every)
                guard initial.rows > p, let first = solve(initial, from: nil) else { return nil }
                beta = first.beta
            }
            var current = pass(segments, beta: beta, every: every)
            guard current.rows > p else { return nil }
            for _ in 0..<max(1, settings.iterations) {
                guard let step = solve(current, from: beta) else { break }
                var next = step.beta
                // Newton's decrement below the tolerance: the fit is at its optimum, no trial pass.
                let predicted = step.decrement
                if predicted <= settings.tolerance * current.deviance { break }
                // The trial builds its own system too: accepted (the usual case), it is the next
                // step's, so a step costs one pass over the rows, not a scoring pass and a system pass.
                var trial = pass(segments, beta: next, every: every)
                // At the optimum a step only moves the deviance by rounding: stop, do not halve.
                if abs(trial.deviance - current.deviance) <= 1e-9 * current.deviance {
                    if trial.deviance < current.deviance { beta = next; current = trial }
                    break
                }
                // Step halving while the deviance rises (Newton's method can overshoot). A step
                // that should save less than 10 × the tolerance and does not is at the noise of
                // the Float Gram: stop there rather than halve it six times.
                var halvings = 0
                let halvable = predicted > 10 * settings.tolerance * current.deviance
                while trial.deviance > current.deviance * (1 + 1e-12) && halvings < 6 && halvable {
                    for j in 0..<p { next[j] = 0.5 * (next[j] + beta[j]) }
                    trial = pass(segments, beta: next, every: every)
                    halvings += 1
                }
                if trial.deviance > current.deviance { break }
                let improvement = (current.deviance - trial.deviance) / max(1e-300, current.deviance)
                beta = next
                current = trial
                if improvement < 1e-6 { break }
            }
            return (beta, current)
        }

        /// The overdispersion φ of a typical training series at β: each series' own
        /// Σ(y − μ)² / Σμ^p over its rows (units), and their median weighted by Σμ^p. The pooled
        /// ratio over every row lets one series steer it: on M5 one item whose price fell to 29 %
        /// of its regular price for a few weeks was predicted at thousands of times its level on
        /// those days, and the pooled φ went from about 3.5 to 57, widening every series' interval.
        /// Nil without rows. Deterministic: ties in φ are ordered by group and position.
        func typicalDispersion(_ segments: [[RowSegment]], beta: [Double]) -> Double? {
            let power = settings.tweediePower
            let groups = self.groups
            // Per group in parallel, joined in group order.
            var perGroup = [[(phi: Double, weight: Double)]](repeating: [], count: groups.count)
            perGroup.withUnsafeMutableBufferPointer { out in
                let box = SendableBuffer(out)
                ParallelWork.perform(iterations: groups.count, threads: threads) { g in
                    guard let rows = groups[g] else { return }
                    var found: [(phi: Double, weight: Double)] = []
                    let d = rows.columns
                    rows.x.withUnsafeBufferPointer { xs in beta.withUnsafeBufferPointer { b in
                        for segment in segments[g] {
                            var squared = 0.0, spread = 0.0
                            for n in segment.start..<segment.end {
                                var eta = GlobalModel.dot(xs.baseAddress! + n * d, b.baseAddress!, d)
                                if rows.hot[n] >= 0 { eta += b[d + Int(rows.hot[n])] }
                                eta = min(12, max(-20, eta))
                                let m = exp(eta) * rows.scale[n]
                                let e = rows.target[n] * rows.scale[n] - m
                                squared += e * e
                                spread += power == 1 ? m : pow(m, power)
                            }
                            if spread > 0 { found.append((squared / spread, spread)) }
                        }
                    } }
                    box.buffer[g] = found
                }
            }
            let perSeries = perGroup.flatMap { $0 }
            guard !perSeries.isEmpty else { return nil }
            let total = perSeries.reduce(0) { $0 + $1.weight }
            var order = Array(perSeries.indices)
            order.sort { perSeries[$0].phi != perSeries[$1].phi ? perSeries[$0].phi < perSeries[$1].phi : $0 < $1 }
            var running = 0.0
            for i in order {
                running += perSeries[i].weight
                if running >= total / 2 { return max(1, perSeries[i].phi) }
            }
            return max(1, perSeries[order.last!].phi)
        }
    }
}
