import Testing
@testable import WaterfallKit

/// The record-boundary scan of the parallel loader skips quote-free stretches with `memchr`
/// (issue 10); it must find exactly the record ends of the byte-by-byte state machine.
@Suite struct CSVRecordBoundariesTests {
    /// The byte-by-byte machine the scan replaced: record ends (offset after the line feed, lines so far).
    static func reference(_ bytes: [UInt8]) -> [[Int]] {
        var ends: [[Int]] = []
        var state = 0 // 0 field start, 1 unquoted, 2 in quotes, 3 after quote
        var lines = 0
        for (offset, byte) in bytes.enumerated() {
            switch (state, byte) {
            case (2, 0x0A): lines += 1
            case (2, 0x22): state = 3
            case (2, _): break
            case (0, 0x22): state = 2
            case (0, 0x2C), (0, 0x20), (0, 0x09): break
            case (_, 0x0A):
                lines += 1
                state = 0
                ends.append([offset + 1, lines])
            case (3, 0x22): state = 2
            case (1, 0x22), (_, 0x20), (_, 0x09): if state == 0 { state = 1 }
            case (_, 0x2C): state = 0
            default: if state == 0 { state = 1 }
            }
        }
        return ends
    }

    /// Random bytes from an alphabet of quotes, commas, line breaks, spaces and text, scanned whole
    /// and in two calls cut at every offset (the loader scans as the buffer fills).
    @Test func findsTheSameRecordEndsAsTheByteByByteMachine() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("\"\",\n\r\t ab".utf8) + Array("xyz12345".utf8)
        for round in 0..<400 {
            let length = Int.random(in: 0...(round < 200 ? 40 : 400), using: &generator)
            // Some inputs with no quote at all, some with many.
            let pool = round % 4 == 0 ? alphabet.filter { $0 != 0x22 } : alphabet
            let bytes = (0..<length).map { _ in pool.randomElement(using: &generator)! }
            let expected = Self.reference(bytes)
            for cut in Set([0, length / 3, length / 2, length]) {
                var boundaries = CSVRecordBoundaries()
                var found: [[Int]] = []
                bytes.withUnsafeBufferPointer { buffer in
                    boundaries.scan(UnsafeBufferPointer(rebasing: buffer[0..<cut]), from: 0) { found.append([$0, $1]) }
                    boundaries.scan(buffer, from: cut) { found.append([$0, $1]) }
                }
                #expect(found == expected, "\(String(decoding: bytes, as: UTF8.self).debugDescription), cut at \(cut)")
                #expect(boundaries.lines == bytes.filter { $0 == 0x0A }.count)
            }
        }
    }

    @Test func eightBytesAtATimeFindsEveryNonASCIIByte() {
        for length in 0..<40 {
            let plain = [UInt8](repeating: UInt8(ascii: "a"), count: length)
            #expect(plain.withUnsafeBufferPointer(CSVRow.isASCII))
            for position in 0..<length {
                var bytes = plain
                bytes[position] = 0xC3
                #expect(!bytes.withUnsafeBufferPointer(CSVRow.isASCII), "length \(length), byte \(position)")
            }
        }
    }
}
