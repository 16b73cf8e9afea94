import Foundation

/// An accepted exception to a control: who accepted the risk, why, and until when.
public struct Waiver: Sendable, Hashable {
    public var id: String
    public var framework: String
    public var control: String
    public var justification: String
    public var owner: PersonName
    public var approver: PersonName
    public var grantedAt: Date
    public var expiresAt: Date
    public var compensatingControls: [String]
}

package struct WaiverReader {
    package static let keys = ["kind", "id", "framework", "control", "justification", "owner", "approver", "granted_at", "expires_at", "compensating_controls"]

    package func read(_ fields: FieldReader.Fields, reader: FieldReader) -> Waiver? {
        let id = fields.string("id", required: true)
        let framework = fields.choice("framework", PackConfiguration.knownFrameworks, required: true)
        let control = fields.string("control", required: true)
        let justification = fields.string("justification", required: true)
        let owner = fields.person("owner", required: true)
        let approver = fields.person("approver", required: true)
        let granted = fields.date("granted_at", required: true)
        let expires = fields.date("expires_at", required: true)
        guard let id, let framework, let control, let justification, let owner, let approver, let granted, let expires else { return nil }
        if expires < granted {
            reader.report(.error, .badPeriod, "Waiver expires before it was granted", at: fields.node["expires_at"]?.location)
            return nil
        }
        return Waiver(id: id, framework: framework, control: control, justification: justification, owner: owner, approver: approver,
                      grantedAt: granted, expiresAt: expires, compensatingControls: fields.strings("compensating_controls") ?? [])
    }
}
