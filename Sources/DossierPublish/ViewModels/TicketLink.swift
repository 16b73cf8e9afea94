/// A remediation's ticket as the pack shows it: a link only when it is an http or https URL, so that
/// evidence cannot put a `javascript:` or `file:` link on a page (as `EvidenceLinkResolver` keeps only
/// the schemes a reader expects to follow); anything else, `LEGAL-214` say, is shown as text.
enum TicketLink {
    static func href(_ ticket: String) -> String? {
        let lowered = ticket.lowercased()
        guard lowered.hasPrefix("https://") || lowered.hasPrefix("http://") else { return nil }
        // A space or a control character is not part of a URL: such text is shown as it is written.
        guard !ticket.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.properties.generalCategory == .control }) else { return nil }
        return ticket
    }
}
