import Testing
@testable import WaterfallKit

private func rows(_ text: String, chunkSize: Int = 1 << 20) throws -> [(line: Int, fields: [String])] {
    var reader = CSVReader(source: MemoryByteSource(text), chunkSize: chunkSize)
    var result: [(Int, [String])] = []
    try reader.forEachRow { row in
        result.append((row.line, (0..<row.fieldCount).map { row.string(at: $0) }))
    }
    return result
}

@Test func readsPlainRowsWithLineNumbers() throws {
    let result = try rows("a,b\n1,2\n3,4\n")
    #expect(result.map(\.fields) == [["a", "b"], ["1", "2"], ["3", "4"]])
    #expect(result.map(\.line) == [1, 2, 3])
}

@Test func dropsALeadingByteOrderMark() throws {
    let result = try rows("\u{FEFF}id,name\n1,x\n")
    #expect(result[0].fields == ["id", "name"])
}

@Test func acceptsCRLFLineEnds() throws {
    let result = try rows("a,b\r\n1,2\r\n")
    #expect(result.map(\.fields) == [["a", "b"], ["1", "2"]])
}

@Test func keepsCommasAndLineBreaksInsideQuotesAndCountsPhysicalLines() throws {
    let result = try rows("id,note\n1,\"a, b\"\n2,\"line one\nline two\"\n3,x\n")
    #expect(result.map(\.fields) == [["id", "note"], ["1", "a, b"], ["2", "line one\nline two"], ["3", "x"]])
    #expect(result.map(\.line) == [1, 2, 3, 5])
}

@Test func collapsesDoubledQuotesInsideQuotedFields() throws {
    let result = try rows("a\n\"say \"\"hi\"\"\"\n")
    #expect(result[1].fields == ["say \"hi\""])
}

@Test func skipsBlankLinesButCountsThem() throws {
    let result = try rows("a,b\n\n1,2\n   \n\r\n3,4")
    #expect(result.map(\.fields) == [["a", "b"], ["1", "2"], ["3", "4"]])
    #expect(result.map(\.line) == [1, 3, 6])
}

@Test func trimsSpacesAroundValuesQuotedOrNot() throws {
    let result = try rows("a,b,c\n  x  , \"y\" ,\t z\n")
    #expect(result[1].fields == ["x", "y", "z"])
}

@Test func keepsAQuoteInsideAnUnquotedFieldAsText() throws {
    let result = try rows("a,b\n5\" pipe,2\n")
    #expect(result[1].fields == ["5\" pipe", "2"])
}

@Test func readsALastRowWithoutLineEnd() throws {
    let result = try rows("a,b\n1,2")
    #expect(result.map(\.fields) == [["a", "b"], ["1", "2"]])
}

@Test func countsFieldsOfShortAndLongRows() throws {
    let result = try rows("a,b,c\n1,2\n1,2,3,4\n,,\n")
    #expect(result.map(\.fields.count) == [3, 2, 4, 3])
}

@Test func givesTheSameRowsWhateverTheChunkSize() throws {
    let text = "\u{FEFF}id,note,amount\r\n1,\"a, \"\"quoted\"\"\r\nvalue\",12.5\r\n\r\n2,plain,3\r\n3,\"x\",\r\n"
    let expected = try rows(text)
    for chunkSize in 1...9 {
        let result = try rows(text, chunkSize: chunkSize)
        #expect(result.map(\.fields) == expected.map(\.fields), "chunk size \(chunkSize)")
        #expect(result.map(\.line) == expected.map(\.line), "chunk size \(chunkSize)")
    }
    #expect(expected.map(\.line) == [1, 2, 5, 6])
}

@Test func runsAnUnterminatedQuoteToTheEndOfTheFile() throws {
    let result = try rows("a,b\n1,\"open\n2,3\n")
    #expect(result.count == 2)
    #expect(result[1].fields.count == 2)
}

/// The scan outside quotes skips eight bytes at a time: a comma, line feed or quote must be found
/// at every offset of a word and of the tail, and bytes that differ from them by one bit (high bit
/// set, or a neighbouring value) must not be taken for them.
@Test func theWordAtATimeSkipFindsEveryDelimiterAtEveryOffset() {
    let lookalikes: [UInt8] = [0xAC, 0x8A, 0xA2, 0x2B, 0x2D, 0x0B, 0x09, 0x23, 0x21, 0x00, 0x01, 0x80, 0xFF]
    for length in 0...24 {
        for filler in [UInt8(ascii: "a")] + lookalikes {
            let plain = [UInt8](repeating: filler, count: length)
            #expect(plain.withUnsafeBufferPointer { CSVScanner.skipPlainBytes($0, from: 0) } == length)
            for position in 0..<length {
                for special in [UInt8(ascii: ","), UInt8(ascii: "\n"), UInt8(ascii: "\"")] {
                    var bytes = plain
                    bytes[position] = special
                    if position + 1 < length { bytes[position + 1] = special }
                    for start in 0...position {
                        #expect(bytes.withUnsafeBufferPointer { CSVScanner.skipPlainBytes($0, from: start) } == position)
                    }
                }
            }
        }
    }
}

@Test func rowsWithLongAndShortValuesSplitTheSameInEveryChunking() throws {
    let text = "id,note,amount\r\nNW-1,\"a long, quoted value with \"\"quotes\"\" and a\nline break\",12\r\n"
        + "NW-22,plain value longer than eight bytes,5\" pipe\n,,\n\"x\" ,  padded  ,7\n"
    let expected: [[String]] = [["id", "note", "amount"],
                                ["NW-1", "a long, quoted value with \"quotes\" and a\nline break", "12"],
                                ["NW-22", "plain value longer than eight bytes", "5\" pipe"], ["", "", ""], ["x", "padded", "7"]]
    for chunk in [1, 2, 3, 7, 8, 9, 64, 1 << 20] {
        #expect(try rows(text, chunkSize: chunk).map(\.fields) == expected)
    }
}

@Test func aPieceInMemoryGivesRowsOfHundredsOfFieldsWhole() {
    // The loader's workers keep a row's fields in a buffer of 64 that grows (`FieldBuffer`).
    let wide = (0..<300).map { $0 % 7 == 0 ? "\"q,\($0)\"" : "v\($0)" }.joined(separator: ",")
    let text = "a,b\n" + wide + "\r\n" + "x,\"y\ny\"\n"
    var seen: [[String]] = []
    Array(text.utf8).withUnsafeBufferPointer { bytes in
        CSVScanner.forEachRow(in: bytes, firstLine: 1) { row in
            seen.append((0..<row.fieldCount).map { row.string(at: $0) })
        }
    }
    #expect(seen.count == 3)
    #expect(seen[1] == (0..<300).map { $0 % 7 == 0 ? "q,\($0)" : "v\($0)" })
    #expect(seen[0] == ["a", "b"] && seen[2] == ["x", "y\ny"])
}
