import DossierModel
import Foundation

/// One processing activity (an integration) with its GDPR Art. 30(1) record and the people
/// and credentials behind it.
package struct ProcessingActivity: Sendable, Hashable {
    package struct Controller: Sendable, Hashable {
        package var name: String
        package var contact: String
        package var representative: String?
        package var dpo: PersonContact?
    }

    package struct PersonContact: Sendable, Hashable {
        package var name: String
        package var contact: String
    }

    package struct Recipient: Sendable, Hashable {
        package var name: String
        package var thirdParty: Bool
        package var country: String?
        package var role: String?
        /// ID of the agreement (DPA, contract) that covers this recipient, when it is a third party.
        package var agreement: String? = nil
        /// Certified under the EU-US Data Privacy Framework: the only US recipients the US adequacy
        /// decision covers. The record says so; Dossier cannot look the list up offline.
        package var dpfCertified: Bool = false
        package var location: SourceLocation? = nil
    }

    package struct Transfer: Sendable, Hashable {
        package enum Safeguard: String, Sendable, Hashable, CaseIterable {
            case adequacy, scc, bcr, derogation
        }

        package var destination: String
        package var country: String
        package var safeguard: Safeguard
        package var reference: String?
        package var location: SourceLocation? = nil
    }

    /// The credential family a pipeline uses to reach one system.
    package struct Credential: Sendable, Hashable {
        package var system: String
        package var serviceAccount: String
        package var scopes: [String]
        package var shared: Bool
        package var personal: Bool
        package var rotatedAt: Date
        package var expiresAt: Date?
        package var location: SourceLocation
    }

    package var id: String
    package var name: String
    package var description: String?
    package var controller: Controller?             // 30(1)(a)
    package var purposes: [String]                  // 30(1)(b)
    package var dataSubjects: [String]              // 30(1)(c)
    package var personalData: [String]              // 30(1)(c)
    package var recipients: [Recipient]             // 30(1)(d)
    package var transfers: [Transfer]               // 30(1)(e)
    package var erasure: String?                    // 30(1)(f)
    package var securityMeasures: [String]          // 30(1)(g)
    package var owner: PersonName?
    package var deputy: PersonName?
    package var sponsor: PersonName?
    package var systems: [String]
    package var dataClasses: [String]
    package var credentials: [Credential]
    /// Data-flow files (evidence paths) that map this activity, for graphs that cannot name it
    /// themselves: a Threat Dragon or pytm model has no field for it.
    package var dataFlows: [DataFlowReference] = []

    package struct DataFlowReference: Sendable, Hashable {
        package var path: String
        package var location: SourceLocation
    }
}
