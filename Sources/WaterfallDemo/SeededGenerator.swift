import WaterfallKit

/// xoshiro256** seeded through SplitMix64: the only source of randomness in the demo.
///
/// The same seed gives the same sequence on every platform; the distributions below use
/// IEEE arithmetic only, so the demo bytes never depend on the C library.
struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    init(seed: UInt64) {
        var splitMix = seed
        func nextSplitMix() -> UInt64 {
            splitMix &+= 0x9E37_79B9_7F4A_7C15
            var z = splitMix
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = nextSplitMix(); s1 = nextSplitMix(); s2 = nextSplitMix(); s3 = nextSplitMix()
    }

    /// A generator for one named stream (e.g. one record or one snapshot), independent of the others.
    init(seed: UInt64, stream: UInt64) {
        self.init(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03) &+ 0x2545_F491_4F6C_DD1D)
    }

    mutating func next() -> UInt64 {
        let result = rotate(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = rotate(s3, 45)
        return result
    }

    private func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}

// MARK: - Distributions

extension SeededGenerator {
    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// Uniform in `0..<bound` (bound > 0).
    mutating func int(below bound: Int) -> Int {
        Int(((next() >> 32) &* UInt64(bound)) >> 32)
    }

    /// Uniform in `range`.
    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + int(below: range.count)
    }

    mutating func chance(_ probability: Double) -> Bool { unit() < probability }

    /// Approximately standard normal (Irwin–Hall: twelve uniforms less six).
    mutating func normal() -> Double {
        var sum = 0.0
        for _ in 0..<12 { sum += unit() }
        return sum - 6
    }

    /// Log-normal around `median`, `sigma` on the log scale.
    mutating func logNormal(median: Double, sigma: Double) -> Double {
        median * DemoMath.exp(sigma * normal())
    }

    /// Exponential with the given mean.
    mutating func exponential(mean: Double) -> Double {
        -mean * DemoMath.log(1 - unit())
    }

    /// Poisson count with mean `lambda` (normal approximation above 30).
    mutating func poisson(_ lambda: Double) -> Int {
        if lambda <= 0 { return 0 }
        if lambda > 30 {
            return max(0, Int((lambda + lambda.squareRoot() * normal()).rounded()))
        }
        let limit = DemoMath.exp(-lambda)
        var count = 0, product = unit()
        while product > limit {
            count += 1
            product *= unit()
        }
        return count
    }

    /// The index picked with probability proportional to its weight.
    mutating func pick(weights: [Double]) -> Int {
        var total = 0.0
        for weight in weights { total += weight }
        var target = unit() * total
        for (index, weight) in weights.enumerated() {
            target -= weight
            if target < 0 { return index }
        }
        return weights.count - 1
    }

    mutating func element<T>(of array: [T]) -> T { array[int(below: array.count)] }
}

/// `exp` and `log` from IEEE arithmetic alone, so results never vary with the platform's libm.
enum DemoMath {
    static func exp(_ x: Double) -> Double {
        let ln2 = 0.693_147_180_559_945_3
        let k = (x / ln2).rounded()
        let r = x - k * ln2
        var term = 1.0, sum = 1.0
        for n in 1...16 {
            term *= r / Double(n)
            sum += term
        }
        return sum * Double(sign: .plus, exponent: Int(k), significand: 1)
    }

    static func log(_ x: Double) -> Double {
        guard x > 0 else { return -.infinity }
        let exponent = Double(Int(x.exponent))
        let m = x.significand   // 1 ≤ m < 2
        let y = (m - 1) / (m + 1), y2 = y * y
        var term = y, sum = 0.0
        var n = 1.0
        while n < 60 {
            sum += term / n
            term *= y2
            n += 2
        }
        return 2 * sum + exponent * 0.693_147_180_559_945_3
    }
}
