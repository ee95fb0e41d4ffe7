import Testing
@testable import Forecast

@Suite("NelderMead")
struct NelderMeadTests {
    static func rosenbrock(_ x: UnsafeBufferPointer<Double>) -> Double {
        100 * (x[1] - x[0] * x[0]) * (x[1] - x[0] * x[0]) + (1 - x[0]) * (1 - x[0])
    }

    /// R 4.x: optim(c(-1.2, 1), fr) → par 1.00026013872567 1.00050599930377,
    /// value 8.82524109672275e-08, counts 195 (R's documented Rosenbrock example).
    @Test func followsROptimOnRosenbrock() throws {
        var x = [-1.2, 1.0]
        var ws = NelderMead.Workspace()
        let r = try #require(NelderMead.minimize(&x, workspace: &ws, objective: Self.rosenbrock))
        #expect(r.evaluations == 195)
        #expect(r.converged)
        #expect(abs(x[0] - 1.00026013872567) < 1e-12 && abs(x[1] - 1.00050599930377) < 1e-12)
        #expect(abs(r.value - 8.82524109672275e-08) < 1e-18)
    }

    /// R: optim(c(0, 0, 0), function(x) sum((x - 1:3)^2)) → par 1.00053832137030
    /// 1.99998482511636 2.99991882398437, counts 112 (start at 0: the step is 0.1).
    @Test func followsROptimFromZero() throws {
        var x = [0.0, 0, 0]
        var ws = NelderMead.Workspace()
        let r = try #require(NelderMead.minimize(&x, workspace: &ws) { p in
            (p[0] - 1) * (p[0] - 1) + (p[1] - 2) * (p[1] - 2) + (p[2] - 3) * (p[2] - 3)
        })
        #expect(r.evaluations == 112)
        #expect(abs(x[0] - 1.00053832137030) < 1e-12)
        #expect(abs(x[1] - 1.99998482511636) < 1e-12)
        #expect(abs(x[2] - 2.99991882398437) < 1e-12)
    }

    @Test func deterministicAndWorkspaceReusable() throws {
        var ws = NelderMead.Workspace()
        var a = [-1.2, 1.0], b = [-1.2, 1.0]
        let ra = try #require(NelderMead.minimize(&a, workspace: &ws, objective: Self.rosenbrock))
        // A larger problem in between grows the workspace; the next small one must not care.
        var big = [Double](repeating: 0.5, count: 12)
        _ = NelderMead.minimize(&big, workspace: &ws) { p in p.reduce(0) { $0 + $1 * $1 } }
        let rb = try #require(NelderMead.minimize(&b, workspace: &ws, objective: Self.rosenbrock))
        #expect(a == b && ra == rb)
    }

    @Test func budgetAndInfiniteValues() throws {
        var ws = NelderMead.Workspace()
        var options = NelderMead.Options()
        options.maxEvaluations = 50
        var x = [-1.2, 1.0]
        let r = try #require(NelderMead.minimize(&x, workspace: &ws, options: options, objective: Self.rosenbrock))
        #expect(!r.converged && r.evaluations <= 52)
        // A constrained problem: +∞ outside x ≥ 2 (the optimum of x² there is the boundary).
        var y = [3.0]
        let c = try #require(NelderMead.minimize(&y, workspace: &ws) { p in p[0] < 2 ? .infinity : p[0] * p[0] })
        #expect(abs(y[0] - 2) < 1e-3 && c.value >= 4)
        // Not finite at the start: nil.
        var z = [1.0]
        #expect(NelderMead.minimize(&z, workspace: &ws) { _ in .nan } == nil)
    }
}
