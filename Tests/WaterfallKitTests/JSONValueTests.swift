import Foundation
import Testing
@testable import WaterfallKit

/// metrics.json is written by `JSONValue` (key order of SPEC §7, exact amounts); values from the
/// data land in it, so every string must come out as valid JSON that reads back as the same text.
@Suite struct JSONValueTests {
    @Test func aDocumentIsWrittenWithTwoSpaceIndentsInKeyOrder() {
        let document = JSONValue.object([
            ("b", .int(-12)), ("a", .array([.int(1), .double(2.5), .null, .bool(true)])),
            ("nested", .array([.object([("x", .number("10.50"))]), .object([])])), ("empty", .array([])),
            ("deeper", .array([.object([("y", .int(1)), ("z", .array([.int(2)]))])])),
            ("alone", .object([("w", .string("v"))])),
        ])
        // An object of plain values inside a list is one line; one holding a list or an object,
        // or not inside a list, is indented.
        #expect(document.serialized() == """
            {
              "b": -12,
              "a": [1, 2.5, null, true],
              "nested": [
                {"x": 10.50},
                {}
              ],
              "empty": [],
              "deeper": [
                {
                  "y": 1,
                  "z": [2]
                }
              ],
              "alone": {
                "w": "v"
              }
            }

            """)
    }

    @Test func aListOfDealsIsOneDealALineAndReadsBackTheSame() throws {
        let deals = JSONValue.array((0..<3).map { index in
            .object([("id", .string("D\(index) \"quoted\"\n")), ("owner", .string("Ann")), ("amount", .number("\(index + 1)00.50")),
                     ("close_date", .null), ("won", .bool(index == 1))])
        })
        let text = deals.serialized()
        #expect(text.split(separator: "\n").count == 5, "\(text)")
        #expect(text.contains("  {\"id\": \"D1 \\\"quoted\\\"\\n\", \"owner\": \"Ann\", \"amount\": 200.50, \"close_date\": null, \"won\": true},\n"), "\(text)")
        let read = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        #expect(read.map { $0["id"] as? String } == ["D0 \"quoted\"\n", "D1 \"quoted\"\n", "D2 \"quoted\"\n"])
        #expect(read[2]["amount"] as? Double == 300.5 && read[1]["won"] as? Bool == true && read[0]["close_date"] is NSNull)
    }

    @Test func integersAreWrittenInFullAtBothEnds() {
        for value in [Int64.min, Int64.min + 1, -10, -1, 0, 9, 10, 1_000_000, Int64.max] {
            #expect(JSONValue.int(value).serialized() == "\(value)\n")
        }
    }

    @Test(arguments: [
        "plain", "", "quote \" and backslash \\", "line\nfeed\rreturn\ttab", "\u{0}\u{1}\u{1f}\u{7f}",
        "line\u{2028}and paragraph\u{2029}separators", "ünïcödé — 日本 \u{1F600}", "\u{2027}\u{202A} near the separators",
        "ends with \u{E2}\u{80}", "\u{2028}",
    ])
    func everyStringReadsBackAsTheSameText(_ text: String) throws {
        let written = JSONValue.array([.string(text), .object([(text, .string(text))])]).serialized()
        let read = try JSONSerialization.jsonObject(with: Data(written.utf8)) as? [Any]
        #expect(read?.first as? String == text)
        #expect((read?.last as? [String: String])?[text] == text)
        // Nothing a script or an HTML parser would trip on stays raw.
        #expect(!written.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(!written.contains("\u{2028}") && !written.contains("\u{2029}"))
    }

    @Test func escapesAreTheShortFormsJSONDefines() {
        #expect(JSONValue.string("a\"b\\c\nd\re\tf\u{1}g\u{2028}h\u{2029}").serialized()
            == #""a\"b\\c\nd\re\tf\u0001g\u2028h\u2029""# + "\n")
    }
}
