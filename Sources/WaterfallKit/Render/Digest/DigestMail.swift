import Foundation

/// Addresses a built digest for `sendmail -t`.
public enum DigestMail {
    /// `message` (a built `.eml`) with `From` and `To` replaced when given, and LF line ends, the
    /// local convention that `sendmail -t` (Postfix, Exim, msmtp) reads and turns into CRLF on the wire.
    public static func addressed(_ message: String, from: Mailbox?, to: [Mailbox]) -> String {
        var headers: [MailHeader] = []
        if let from { headers.append(MailHeader(name: "From", value: .mailboxes([from]))) }
        if !to.isEmpty { headers.append(MailHeader(name: "To", value: .mailboxes(to))) }
        let addressed = MIMEMessage.replacingHeaders(headers, in: message)
        return addressed.replacingOccurrences(of: "\r\n", with: "\n")
    }
}
