import Testing
@testable import WaterfallKit

@Suite struct SlugTests {
    @Test func slugsKeepLowerCaseLettersAndDigitsAndJoinTheRestWithOneDash() {
        #expect(slug("Mid-Market") == "mid-market")
        #expect(slug("North America") == "north-america")
        #expect(slug("  A&B <i> ") == "a-b-i")
        #expect(slug("Zürich 2") == "z-rich-2")
        #expect(slug("<>") == "value")
        #expect(slug("") == "value")
    }

    @Test func collidingSlugsGetNumberedInCodePointOrder() {
        let slugs = uniqueSlugs(for: ["a b", "A B", "a-b", "x"])
        #expect(slugs["A B"] == "a-b")
        #expect(slugs["a b"] == "a-b-2")
        #expect(slugs["a-b"] == "a-b-3")
        #expect(slugs["x"] == "x")
    }

    @Test func urlPathEncodingLeavesOnlyUnreservedCharacters() {
        #expect("a b/<c>".urlPathEncoded == "a%20b%2F%3Cc%3E")
        #expect("2026-11-20".urlPathEncoded == "2026-11-20")
    }
}
