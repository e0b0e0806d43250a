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

@Suite struct LongSlugTests {
    @Test func aSlugLongerThanTheCapIsCutAndEndsWithAHashOfTheWholeValue() {
        let long = String(repeating: "Acme Holdings ", count: 25)  // 350 bytes
        let result = slug(long)
        #expect(result.utf8.count == slugMaxBytes + 1 + slugHashLength, "\(result)")
        #expect(result.hasPrefix(String(slug(String(long.prefix(slugMaxBytes))).prefix(60))))
        #expect(result.suffix(slugHashLength).allSatisfy { $0.isHexDigit })
        // Values that differ only after the cut get different slugs; the same value the same one.
        #expect(slug(long + "East") != slug(long + "West"))
        #expect(slug(long) == slug(String(long)))
        // A slug of exactly the cap is kept whole.
        let exact = String(repeating: "a", count: slugMaxBytes)
        #expect(slug(exact) == exact)
        #expect(slug(exact + " !") == exact)
    }

    @Test func longValuesWhoseCutSlugsCollideStillGetNumbered() {
        let base = String(repeating: "x", count: 200)
        let slugs = uniqueSlugs(for: [base + "-1", base + " 1", base + "_1"])
        #expect(Set(slugs.values).count == 3)
        #expect(slugs.values.allSatisfy { $0.utf8.count <= slugMaxBytes + 1 + slugHashLength + 2 })
    }
}
