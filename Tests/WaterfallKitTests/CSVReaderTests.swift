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
