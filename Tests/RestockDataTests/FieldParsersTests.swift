import Testing
@testable import RestockData

@Suite("FieldParsers")
struct FieldParsersTests {
    private func d(_ s: String) -> Double? { withField(s) { FieldParsers.double($0) } }
    private func i(_ s: String) -> Int? { withField(s) { FieldParsers.integer($0) } }

    @Test(arguments: [
        ("0", 0.0), ("7", 7.0), ("42", 42.0), ("-3", -3.0), ("+1.5", 1.5), ("-0.25", -0.25),
        ("1e3", 1000.0), ("2.5E-2", 0.025), ("-1e+2", -100.0), ("  12.5  ", 12.5), (" 3", 3.0),
        (".5", 0.5), ("5.", 5.0), ("007", 7.0),
    ])
    func acceptsNumbers(text: String, expected: Double) {
        #expect(d(text) == expected)  // exact: every expected value is the correctly rounded double
    }

    @Test(arguments: ["nan", "NaN", "inf", "-inf", "Infinity", "1.2.3", "", "   ", "abc", "0x10", "1e", "e5",
                      "-", "+", ".", "1 2", "1,5", "12a", "1e999"])
    func rejectsNonNumbers(text: String) {
        #expect(d(text) == nil)
    }

    @Test func decimalsAreCorrectlyRounded() {
        #expect(d("0.1") == 0.1)
        #expect(d("123456.789") == 123456.789)
        #expect(d("0.3") == 0.3)
        #expect(d("9007199254740993") == 9007199254740992)  // beyond 2^53: strtod rounds to even
        #expect(d("1234567890.12345678") == 1234567890.12345678)  // > 15 digits: slow path
        #expect(d("0.000000000000000000001") == 1e-21)
        #expect(d("-0") == 0)
    }

    @Test func integers() {
        #expect(i("12") == 12)
        #expect(i("12.0") == 12)
        #expect(i("-4") == -4)
        #expect(i(" 1e3 ") == 1000)
        #expect(i("12.5") == nil)
        #expect(i("") == nil)
        #expect(i("1e20") == nil)  // does not fit the documented bound
    }

    @Test func blankAndDisplay() {
        #expect(withField("   ") { FieldParsers.isBlank($0) })
        #expect(withField("") { FieldParsers.isBlank($0) })
        #expect(!withField(" x ") { FieldParsers.isBlank($0) })
        let long = String(repeating: "é", count: 50)
        #expect(withField(long) { FieldParsers.display($0) } == String(repeating: "é", count: 40) + "…")
        #expect([UInt8]([0x41, 0xFF]).withUnsafeBytes { FieldParsers.display($0) } == "A\u{FFFD}")
    }
}
