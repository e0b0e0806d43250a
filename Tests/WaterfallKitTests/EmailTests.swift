import Foundation
import Testing
@testable import WaterfallKit

@Suite struct EmailTests {
    static let samples = [
        "plain ASCII",
        "Nørdwind — Робот: 12 % of = signs and a trailing space ",
        String(repeating: "Long line with ünïcödé and = signs, ", count: 12),
        "From the start of a line\n.\n. dot first\ntab at the end\t\n\nemoji 🤖🤖🤖🤖🤖🤖🤖🤖🤖🤖🤖🤖🤖🤖🤖🤖🤖🤖🤖🤖🤖🤖🤖🤖🤖🤖🤖",
        String(repeating: "=", count: 100) + String(repeating: "é", count: 80),
    ]

    @Test func quotedPrintableLinesStayWithin76OctetsAndDecodeBackToTheText() {
        for sample in Self.samples {
            let encoded = QuotedPrintable.encode(sample)
            for line in encoded.components(separatedBy: "\r\n") {
                #expect(line.utf8.count <= 76, "\(line)")
                #expect(line.utf8.allSatisfy { (32...126).contains($0) || $0 == 9 })
                #expect(!line.hasSuffix(" ") && !line.hasSuffix("\t"), "whitespace at the end of \(line)")
                #expect(!line.hasPrefix("From ") && !line.hasPrefix("."), "\(line)")
            }
            #expect(MailReader.decodeQuotedPrintable(encoded.replacingOccurrences(of: "\r\n", with: "\n")) == sample)
        }
    }

    @Test func encodedWordsRoundTripAndStayWithin75Characters() {
        for sample in Self.samples.map({ MailHeader.singleLine($0) }) + ["Nørdwind — Робот"] {
            let words = EncodedWord.encode(sample, firstWordLimit: 60)
            #expect(words[0].count <= 60)
            #expect(words.allSatisfy { $0.count <= 75 && $0.hasPrefix("=?UTF-8?Q?") && $0.hasSuffix("?=") })
            #expect(MailReader.decodeWords(words.joined(separator: "\r\n ")) == sample)
        }
    }

    @Test func headersFoldWithinTheLineLimitAndDecodeBack() {
        let subject = "Nørdwind — Робот " + String(repeating: "and a very long subject ", count: 10)
        let field = MailHeader(name: "Subject", value: .text(subject)).serialized
        let lines = field.components(separatedBy: "\r\n")
        #expect(lines.count > 2)
        #expect(lines.allSatisfy { $0.utf8.count <= 76 })
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix(" ") })
        #expect(MailReader(field + "\r\n\r\n").decoded("Subject") == MailHeader.singleLine(subject))
    }

    /// Values that try to add a header: line breaks, a `Bcc:` line, an encoded-word that would
    /// decode to a line break, Unicode line separators.
    static let hostile = [
        "Evil Corp\r\nBcc: victim@example.com",
        "Evil\nBcc: victim@example.com\n\nbody",
        "=?UTF-8?Q?Evil=0D=0ABcc:_victim@example.com?=",
        "Evil\u{2028}Bcc: victim@example.com\u{85}X: y",
        "Evil\rBcc: victim@example.com",
    ]

    @Test func noCompanyNameOrBaseURLCanAddOrSplitAHeader() throws {
        for company in Self.hostile {
            var config = testConfig()
            config.company = company
            config.baseURL = "https://evil.example/\r\nBcc: victim@example.com\r\n/"
            let renderer = SiteRenderer(config: config, metrics: try smallMetrics(config), theme: try Theme())
            let message = renderer.digest(week: 1).message(base: renderer.digestBase).serialized
            let mail = MailReader(message)
            #expect(mail.headers.map(\.name) == ["From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type"])
            #expect(!mail.headerLines.contains { $0.lowercased().hasPrefix("bcc") })
            let subject = try #require(mail.decoded("Subject"))
            #expect(subject.hasSuffix("— revenue waterfall, week of 20 Nov 2026"))
            #expect(subject == MailHeader.singleLine(company) + " — revenue waterfall, week of 20 Nov 2026", "the text is kept, on one line")
            #expect(!subject.contains("\n") && !subject.contains("\r"))
            #expect(mail.header("Message-ID")?.hasSuffix("@localhost>") == true, "an invalid base_url gives no host")
            #expect(message.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 998 })
        }
    }

    @Test func addressesWithLineBreaksListsOrEncodedWordsAreRejected() throws {
        let bad = [
            "jane@example.com\r\nBcc: victim@example.com", "jane@example.com\nBcc: x@y.z", "Jane\r\n <jane@example.com>",
            "jane@example.com, victim@example.com", "Bcc: victim@example.com", "=?UTF-8?Q?x?=@example.com",
            "jane@exa mple.com", "\"jane\"@example.com", "jane@[127.0.0.1]", "jane", "jane@", "@example.com",
            "Jane <jane@example.com>, Bob <bob@example.com>", "Jane, Doe <jane@example.com>", "jane@example.com\u{2028}",
        ]
        for text in bad {
            #expect(throws: Mailbox.Error.self, "\(text.debugDescription) must be rejected") { try Mailbox(parsing: text) }
        }
        #expect(try Mailbox(parsing: " jane.doe+reports@example.com ") == Mailbox(name: nil, address: "jane.doe+reports@example.com"))
        #expect(try Mailbox(parsing: "\"Doe, Jane\" <jane@example.com>") == Mailbox(name: "Doe, Jane", address: "jane@example.com"))
        #expect(try Mailbox(parsing: "Åsa Ørsted <asa@example.no>") == Mailbox(name: "Åsa Ørsted", address: "asa@example.no"))
    }

    @Test func displayNamesAreQuotedOrEncodedSoTheyCannotAddAHeaderOrAnAddress() throws {
        let names = Self.hostile + ["Doe, Jane <x@y.z>", "Nørdwind — Робот", "say \"hi\" \\ there"]
        for name in names {
            let field = MailHeader(name: "To", value: .mailboxes([Mailbox(name: name, address: "jane@example.com")])).serialized
            let mail = MailReader(field + "\r\n\r\n")
            #expect(mail.headers.count == 1)
            let raw = try #require(mail.header("To"))
            #expect(raw.hasSuffix(" <jane@example.com>"))
            let phrase = String(raw.dropLast(" <jane@example.com>".count))
            let quoted = phrase.hasPrefix("\"") && phrase.hasSuffix("\"") && !phrase.dropFirst().dropLast().replacingOccurrences(of: "\\\\", with: "").replacingOccurrences(of: "\\\"", with: "").contains("\"")
            let encoded = phrase.split(separator: " ").allSatisfy { $0.hasPrefix("=?UTF-8?Q?") && $0.hasSuffix("?=") }
            #expect(quoted || encoded, "the name is one quoted string or only encoded-words: \(phrase)")
            let decoded = try #require(mail.decoded("To"))
            #expect(decoded.contains(MailHeader.singleLine(name).replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")) || decoded.contains(MailHeader.singleLine(name)))
        }
    }

    @Test func addressingABuiltDigestReplacesFromAndToOnly() throws {
        let config = { var config = testConfig(); config.baseURL = "https://reports.example.com/pipeline/"; return config }()
        let renderer = SiteRenderer(config: config, metrics: try smallMetrics(config), theme: try Theme())
        let built = renderer.digest(week: 1).message(base: renderer.digestBase).serialized
        let sent = DigestMail.addressed(built, from: try Mailbox(parsing: "RevOps <revops@example.com>"),
                                        to: [try Mailbox(parsing: "cro@example.com"), try Mailbox(parsing: "Åsa Ørsted <cfo@example.com>")])
        #expect(!sent.contains("\r"))
        let before = MailReader(built), after = MailReader(sent)
        #expect(after.headers.map(\.name) == before.headers.map(\.name))
        #expect(after.decoded("From") == "\"RevOps\" <revops@example.com>")
        #expect(after.decoded("To") == "cro@example.com, Åsa Ørsted <cfo@example.com>")
        for name in ["Subject", "Date", "Message-ID", "Content-Type"] { #expect(after.header(name) == before.header(name)) }
        #expect(after.body == before.body)
        #expect(before.header("To") == "undisclosed-recipients:;")
    }

    @Test func aSegmentNameCannotEndAPartOrAddAHeader() throws {
        var config = testConfig()
        config.baseURL = "https://reports.example.com/"
        let boundary = MIMEMessage.boundary(seed: config.company + "\u{0}2026-11-20\u{0}reports.example.com")
        let segment = "\"Evil\r\n--\(boundary)--\r\nBcc: victim@example.com\r\n\r\n<script>x</script>\""
        let renderer = SiteRenderer(config: config, metrics: try smallMetrics(config, segment: segment), theme: try Theme())
        let message = renderer.digest(week: 1).message(base: renderer.digestBase).serialized
        #expect(message.components(separatedBy: "--" + boundary).count == 4, "two parts and the closing line, nothing more")
        let mail = MailReader(message)
        #expect(mail.headers.map(\.name) == ["From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type"])
        let parts = mail.parts
        #expect(parts.count == 2)
        let plain = (parts.first?.text ?? "").split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(plain.contains("Evil --\(boundary)-- Bcc: victim@example.com <script>x</script>: up $500"), "\(plain)")
        #expect(parts.last?.text.contains("&lt;script&gt;x&lt;/script&gt;") == true)
        #expect(parts.last?.text.contains("<script>") == false)
    }

    /// Two snapshots of a small company with a segment dimension.
    func smallMetrics(_ config: SiteConfig, segment: String = "Enterprise") throws -> [SnapshotMetrics] {
        let first = fullHeader + "\nA,Marketing,\(segment),,2026-11-01,,,2026-11-02,,,1000,2026-12-01,Ann\n"
        let second = fullHeader + "\nA,Marketing,\(segment),,2026-11-01,,,2026-11-02,,,1500,2026-12-01,Ann\n"
            + "B,Sales,SMB,,2026-11-15,,,2026-11-16,2026-11-18,,700,2026-11-18,Bob\n"
        return try metricsSequence([("2026-11-13", first), ("2026-11-20", second)], config: config)
    }
}
