/// Decodes an approval record (`kind: approval`) from its JSON or YAML tree.
package struct ApprovalRecordReader {
    package static let keys = ["kind", "id", "subject", "approver", "requester", "decision", "decided_at", "change_ticket", "risk_note", "conditions"]

    package func read(_ fields: FieldReader.Fields, reader: FieldReader) -> ApprovalRecord? {
        let id = fields.string("id", required: true)
        let subject = readSubject(fields, reader: reader)
        let approver = fields.signer("approver", roleRequired: true)
        let requester = fields.signer("requester")
        let decision = fields.choice("decision", ApprovalRecord.Decision.allCases.map(\.rawValue), required: true)
            .flatMap(ApprovalRecord.Decision.init(rawValue:))
        let decidedAt = fields.date("decided_at", required: true)
        let conditions = fields.strings("conditions") ?? []
        guard let id, let subject, let approver, let requester, let decision, let decidedAt else { return nil }
        return ApprovalRecord(
            id: id, subject: subject, approver: approver, requester: requester, decision: decision, decidedAt: decidedAt,
            changeTicket: fields.string("change_ticket"), riskNote: fields.string("risk_note"), conditions: conditions)
    }

    private func readSubject(_ fields: FieldReader.Fields, reader: FieldReader) -> ApprovalRecord.Subject? {
        guard let subject = fields.object("subject", allowed: ["path", "sha256", "release"], required: true) else { return nil }
        if let release = subject.string("release") {
            return .release(release)
        }
        guard let path = subject.string("path", required: true), let hash = subject.string("sha256", required: true) else { return nil }
        guard hash.count == 64, hash.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else {
            reader.report(.error, .badHash, "'sha256' must be 64 lowercase hexadecimal characters, as sha256sum prints", at: subject.node["sha256"]?.location)
            return nil
        }
        return .file(path: Self.evidencePath(path), sha256: hash, location: subject.node["path"]?.location ?? subject.location)
    }

    /// A path in the evidence folder as the folder's listing names it: `./records/x.md` and
    /// `records\x.md` (written on Windows) are `records/x.md`. A source root's path (`root:…`), one
    /// from the filesystem's root and one that climbs out are kept as written, and judged so.
    static func evidencePath(_ written: String) -> String {
        guard !written.contains(":"), !written.hasPrefix("/"), !written.hasPrefix("\\") else { return written }
        return EvidenceLinkResolver.normalise(written, relativeTo: "") ?? written
    }
}
