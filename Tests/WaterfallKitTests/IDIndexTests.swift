import Testing
@testable import WaterfallKit

/// `IDIndex` holds ids as bytes (E2 and the bridge look them up a million times a snapshot).
@Suite struct IDIndexTests {
    /// Thousands of ids through every growth of the table, each inserted twice: the second insert
    /// returns the first one's position and adds nothing; every id is found at its position.
    @Test func aRepeatedIDKeepsItsFirstPositionThroughEveryGrowth() {
        var index = IDIndex()
        let ids = (0..<5_000).map { "id-\($0 * 7919 % 10_007)" } + ["", "é", "e\u{301}"]
        for (position, id) in ids.enumerated() {
            var bytes = id
            #expect(bytes.withUTF8 { index.insert($0, hash: IDIndex.hash($0)) } == nil)
            #expect(bytes.withUTF8 { index.insert($0, hash: IDIndex.hash($0)) } == Int32(position))
        }
        #expect(index.count == ids.count)
        for (position, id) in ids.enumerated() {
            #expect(index.position(of: id) == Int32(position))
            #expect(index.withID(at: position) { String(decoding: $0, as: UTF8.self) } == id)
        }
        #expect(index.position(of: "id-10007") == nil)
    }
}
