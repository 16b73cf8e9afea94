import Foundation

/// A data processing agreement or contract with a third party.
package struct Agreement: Sendable, Hashable {
    package enum Kind: String, Sendable, Hashable, CaseIterable { case dpa, contract, scc, nda }
    package enum ProviderKind: String, Sendable, Hashable, CaseIterable { case llm, saas, infrastructure, other }
    package enum TransferMechanism: String, Sendable, Hashable, CaseIterable { case adequacy, scc, bcr, none }

    package var id: String
    package var type: Kind
    package var counterparty: String
    package var providerKind: ProviderKind?
    package var scope: String
    package var dataCategories: [String]
    /// nil when the agreement does not say; for LLM providers that silence is itself a finding.
    package var trainingOptOut: Bool?
    package var transferMechanism: TransferMechanism
    package var signedAt: Date
    package var expiresAt: Date?
    /// The signed document, as a path in the evidence folder.
    package var document: String?
}

package struct AgreementReader {
    package static let keys = [
        "kind", "id", "type", "counterparty", "provider_kind", "scope", "data_categories", "training_opt_out",
        "transfer_mechanism", "signed_at", "expires_at", "document",
    ]

    package func read(_ fields: FieldReader.Fields, reader: FieldReader) -> Agreement? {
        let id = fields.string("id", required: true)
        let type = fields.choice("type", Agreement.Kind.allCases.map(\.rawValue), required: true).flatMap(Agreement.Kind.init(rawValue:))
        let counterparty = fields.string("counterparty", required: true)
        let providerKind = fields.choice("provider_kind", Agreement.ProviderKind.allCases.map(\.rawValue)).flatMap(Agreement.ProviderKind.init(rawValue:))
        let scope = fields.string("scope", required: true)
        let categories = fields.strings("data_categories", required: true)
        let mechanism = fields.choice("transfer_mechanism", Agreement.TransferMechanism.allCases.map(\.rawValue), required: true)
            .flatMap(Agreement.TransferMechanism.init(rawValue:))
        let signed = fields.date("signed_at", required: true)
        let expires = fields.date("expires_at")
        guard let id, let type, let counterparty, let scope, let categories, let mechanism, let signed else { return nil }
        if let expires, expires < signed {
            reader.report(.error, .badPeriod, "Agreement expires before it was signed", at: fields.node["expires_at"]?.location)
            return nil
        }
        return Agreement(id: id, type: type, counterparty: counterparty, providerKind: providerKind, scope: scope, dataCategories: categories,
                         trainingOptOut: fields.bool("training_opt_out"), transferMechanism: mechanism, signedAt: signed,
                         expiresAt: expires, document: fields.string("document"))
    }
}
