import Foundation
import Testing
@testable import WaterfallKit

/// The build cache's binary form of snapshot entries (`CompactEncoder`, `CompactDecoder`): what goes
/// in comes out, equal values give equal bytes, and damaged bytes throw instead of crashing.
@Suite struct CompactCodingTests {
    enum Kind: String, Codable, Equatable { case won, lost }

    struct Inner: Codable, Equatable {
        var name: String
        var day: Day?
        var amounts: [Money]
    }

    struct Sample: Codable, Equatable {
        var text = "Ünïcode, \"quotes\", a line\nbreak and a 🚀"
        var empty = ""
        var flag = true
        var small: Int8 = -128
        var medium: Int16 = 32_767
        var int32 = Int32.min
        var int64 = Int64.max
        var int = -1
        var byte: UInt8 = 255
        var uint32 = UInt32.max
        var uint64 = UInt64.max
        var uint: UInt = 0
        var double = -0.0
        var tiny = Double.leastNonzeroMagnitude
        var float: Float = 3.25
        var missing: Int? = nil
        var present: Int? = 10
        var kind = Kind.lost
        var inner = Inner(name: "Acme", day: Day(daysSinceEpoch: 20_000), amounts: [Money(cents: 123), Money(cents: -5)])
        var inners = [Inner(name: "", day: nil, amounts: [])]
        var nested: [[Int?]] = [[1, nil, 3], [], [nil]]
        var counts = ["Closed Won": 3, "": 0, "Open": 12]
        var byCode: [DiagnosticCode: Int] = [.e1: 2]
        var emptyList: [String] = []
    }

    @Test func everyKindOfValueComesBackAsItWent() throws {
        let sample = Sample()
        let bytes = try CompactEncoder().encode(sample)
        let back = try CompactDecoder().decode(Sample.self, from: bytes)
        #expect(back == sample)
        #expect(back.double.sign == .minus, "-0.0 keeps its sign")
        #expect(try CompactEncoder().encode(back) == bytes)
    }

    @Test func equalDictionariesGiveEqualBytesWhateverTheirOrder() throws {
        var first: [String: Int] = [:], second: [String: Int] = [:]
        let keys = (0..<200).map { "status \($0)" }
        for key in keys { first[key] = key.count }
        for key in keys.reversed() { second[key] = key.count }
        second.reserveCapacity(5_000)
        #expect(Array(first.keys) != Array(second.keys), "the two hold their keys in different orders")
        #expect(try CompactEncoder().encode(first) == CompactEncoder().encode(second))
        #expect(try CompactDecoder().decode([String: Int].self, from: CompactEncoder().encode(first)) == first)
    }

    struct Wider: Codable { var a = 1, b = "extra", c: Int? = 3 }
    struct Narrower: Codable, Equatable { var a: Int, c: Int?, d: Int? }
    struct NeedsD: Codable { var a: Int, d: Int }

    @Test func keysAreFoundByNameAsJSONFindsThem() throws {
        let bytes = try CompactEncoder().encode(Wider())
        // An extra key is skipped, an absent optional is nil, an absent required key is an error.
        #expect(try CompactDecoder().decode(Narrower.self, from: bytes) == Narrower(a: 1, c: 3, d: nil))
        #expect(throws: DecodingError.self) { try CompactDecoder().decode(NeedsD.self, from: bytes) }
        #expect(throws: DecodingError.self) { try CompactDecoder().decode([Int].self, from: bytes) }
    }

    @Test func damagedBytesThrowAndNeverReadOutsideTheRecord() throws {
        let bytes = try CompactEncoder().encode(Sample())
        var thrown = 0
        for cut in 0..<bytes.count {
            #expect(throws: DecodingError.self) { try CompactDecoder().decode(Sample.self, from: Array(bytes.prefix(cut))) }
        }
        for position in bytes.indices {
            for flip: UInt8 in [0x01, 0x80, 0xFF] {
                var damaged = bytes
                damaged[position] ^= flip
                do { _ = try CompactDecoder().decode(Sample.self, from: damaged) } catch { thrown += 1 }
            }
        }
        // A changed number or letter still decodes (the record's checksum catches that); a changed
        // tag, count or length must throw, not crash.
        #expect(thrown > 0)
        #expect(throws: DecodingError.self) { try CompactDecoder().decode(Sample.self, from: bytes + [0]) }
    }

    @Test func twoCompactRecordsInOneFileSplitByTheirLengthsEvenWithLineFeedsInside() throws {
        let first = Inner(name: "line\nfeed", day: Day(daysSinceEpoch: 10), amounts: [Money(cents: 10)])
        let second = ["a\n": 10, "b": 2_570]
        let parts = CacheRecord.pair(try CacheRecord.encodeCompactParts(first, kind: "one", format: 1),
                                     try CacheRecord.encodeCompactParts(second, kind: "two", format: 1))
        let file = parts.flatMap { [UInt8]($0) }
        let (a, b) = try CacheRecord.split(file)
        #expect(try CacheRecord.decodeCompact(Inner.self, kind: "one", format: 1, from: a) == first)
        #expect(try CacheRecord.decodeCompact([String: Int].self, kind: "two", format: 1, from: b) == second)
        #expect(throws: CacheRecord.Problem.self) { try CacheRecord.decodeCompact(Inner.self, kind: "one", format: 1, from: a.dropLast()) }
        #expect(throws: CacheRecord.Problem.self) { try CacheRecord.split(Array(file.prefix(10))) }
    }

    @Test func aRecordWrittenBeforeLengthsWereInTheHeaderIsAnotherFormat() throws {
        let body = Array("{}".utf8)
        let old = Array("waterfall-cache snapshot 2 \(SHA256Digest(of: body).hex)\n".utf8) + body
        #expect(throws: CacheRecord.Problem.damaged("another kind, format or version (waterfall-cache snapshot 2 \(SHA256Digest(of: body).hex.prefix(33)))")) {
            try CacheRecord.verified(kind: "snapshot", format: 2, old[...])
        }
    }
}
