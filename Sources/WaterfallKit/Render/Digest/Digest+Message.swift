extension Digest {
    /// The digest as a message: `From` the company at the report's host (a placeholder that
    /// `waterfall email --from` replaces), `To` no one (`undisclosed-recipients:;`, so `sendmail -t`
    /// sends nothing until `--to` names someone), `Date` the snapshot day at 08:00 UTC, and a
    /// `Message-ID` and boundary derived from the company, the day and the host.
    func message(base: BaseURL?) -> MIMEMessage {
        let host = base?.host ?? "localhost"
        let seed = company + "\u{0}" + snapshot.iso + "\u{0}" + host
        return MIMEMessage(
            headers: [
                MailHeader(name: "From", value: .mailboxes([Mailbox(name: company, address: "waterfall@" + host)])),
                MailHeader(name: "To", value: .emptyGroup("undisclosed-recipients")),
                MailHeader(name: "Subject", value: .text(subject)),
                MailHeader(name: "Date", value: .structured(Digest.dateHeader(snapshot))),
                MailHeader(name: "Message-ID", value: .structured("<waterfall.\(snapshot.iso).\(FNV1a.hex(seed))@\(host)>")),
            ],
            parts: [
                MIMEMessage.Part(subtype: "plain", text: DigestText.render(self)),
                MIMEMessage.Part(subtype: "html", text: DigestHTML.render(self)),
            ],
            boundary: MIMEMessage.boundary(seed: seed))
    }

    /// `Fri, 20 Nov 2026 08:00:00 +0000` (RFC 5322 §3.3).
    static func dateHeader(_ day: Day) -> String {
        let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
        let weekday = weekdays[Int((day.daysSinceEpoch % 7 + 7) % 7)]
        let (year, month, dayOfMonth) = day.civil
        let twoDigits = dayOfMonth < 10 ? "0\(dayOfMonth)" : "\(dayOfMonth)"
        return "\(weekday), \(twoDigits) \(Format.monthNames[month - 1]) \(year) 08:00:00 +0000"
    }
}
