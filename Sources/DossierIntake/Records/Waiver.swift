import Foundation

/// An accepted exception to a control: who accepted the risk, why, and until when.
package struct Waiver: Sendable, Hashable {
    package var id: String
    package var framework: String
    package var control: String
    package var justification: String
    package var owner: PersonName
    package var approver: PersonName
    package var grantedAt: Date
    package var expiresAt: Date
    package var compensatingControls: [String]
}

package struct WaiverReader {
    package static let keys = ["kind", "id", "framework", "control", "justification", "owner", "approver", "granted_at", "expires_at", "compensating_controls"]

    package func read(_ fields: FieldReader.Fields, reader: FieldReader) -> Waiver? {
        let id = fields.string("id", required: true)
        let framework = fields.choice("framework", PackConfiguration.knownFrameworks, required: true)
        let control = fields.string("control", required: true)
        let justification = fields.string("justification", required: true)
        let owner = fields.person("owner", required: true)
        let approver = fields.signer("approver")
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
