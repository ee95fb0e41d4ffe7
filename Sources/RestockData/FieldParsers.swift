#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Parsers from a field's bytes to values, without building a `String`.
public enum FieldParsers {
    private static let powersOfTen: [Double] = (0...22).map { p in
        var x = 1.0
        for _ in 0..<p { x *= 10 }
        return x
    }

    /// A finite decimal number: optional sign, digits, optional fraction, optional exponent.
    /// Surrounding ASCII spaces are ignored. Returns nil for empty text, `NaN`, `inf`, or
    /// anything else that is not a finite number.
    ///
    /// Plain decimals with at most 15 significant digits take an exact fast path (an integer
    /// mantissa divided by a power of ten, correctly rounded); the rest go through `strtod`.
    @inline(__always)
    public static func double(_ f: UnsafeRawBufferPointer) -> Double? {
        var lo = 0
        var hi = f.count
        while lo < hi && f[lo] == 32 { lo += 1 }
        while hi > lo && f[hi - 1] == 32 { hi -= 1 }
        guard lo < hi else { return nil }
        var i = lo
        var negative = false
        if f[i] == 45 { negative = true; i += 1 } else if f[i] == 43 { i += 1 }
        var mantissa: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        var sawDot = false
        var simple = true
        let start = i
        while i < hi {
            let b = f[i]
            if b >= 48 && b <= 57 {
                if digits < 18 {
                    mantissa = mantissa &* 10 &+ UInt64(b - 48)
                    if mantissa != 0 { digits += 1 }
                } else {
                    simple = false
                }
                if sawDot { fractionDigits += 1 }
            } else if b == 46 && !sawDot {
                sawDot = true
            } else {
                simple = false
                break
            }
            i += 1
        }
        let bodyLength = i - start - (sawDot ? 1 : 0)
        if simple {
            guard bodyLength > 0 else { return nil }
            if digits <= 15 && fractionDigits <= 22 {
                let value = Double(mantissa) / powersOfTen[fractionDigits]
                return negative ? -value : value
            }
        }
        return slowDouble(f, lo, hi)
    }

    private static func slowDouble(_ f: UnsafeRawBufferPointer, _ lo: Int, _ hi: Int) -> Double? {
        // Only characters that can make a finite decimal number are allowed (no "nan", "inf", hex).
        for k in lo..<hi {
            let b = f[k]
            let ok = (b >= 48 && b <= 57) || b == 46 || b == 45 || b == 43 || b == 101 || b == 69
            if !ok { return nil }
        }
        var buffer = [CChar](repeating: 0, count: hi - lo + 1)
        for k in lo..<hi { buffer[k - lo] = CChar(bitPattern: f[k]) }
        return buffer.withUnsafeMutableBufferPointer { b -> Double? in
            var endPointer: UnsafeMutablePointer<CChar>? = nil
            let v = strtod(b.baseAddress!, &endPointer)
            guard let e = endPointer, e - b.baseAddress! == hi - lo, v.isFinite else { return nil }
            return v
        }
    }

    /// A whole number (optional sign, digits; surrounding spaces ignored). A decimal with a zero
    /// fraction such as `12.0` is accepted. Nil otherwise or when it does not fit in `Int`.
    @inline(__always)
    public static func integer(_ f: UnsafeRawBufferPointer) -> Int? {
        guard let d = double(f), d == d.rounded(), abs(d) < 9.0e15 else { return nil }
        return Int(d)
    }

    /// True when the field is empty or only spaces.
    @inline(__always)
    public static func isBlank(_ f: UnsafeRawBufferPointer) -> Bool {
        for b in f where b != 32 { return false }
        return true
    }

    /// The field's text for an error message: at most 40 characters, invalid UTF-8 repaired.
    public static func display(_ f: UnsafeRawBufferPointer) -> String {
        let s = String(decoding: f, as: UTF8.self)
        return s.count > 40 ? String(s.prefix(40)) + "…" : s
    }
}
