import DossierModel
import Foundation

/// One processing activity (an integration) with its GDPR Art. 30(1) record and the people
/// and credentials behind it.
public struct ProcessingActivity: Sendable, Hashable {
    public struct Controller: Sendable, Hashable {
        public var name: String
        public var contact: String
        public var representative: String?
        public var dpo: PersonContact?
    }

    public struct PersonContact: Sendable, Hashable {
        public var name: String
        public var contact: String
    }

    public struct Recipient: Sendable, Hashable {
        public var name: String
        public var thirdParty: Bool
        public var country: String?
        public var role: String?
        /// ID of the agreement (DPA, contract) that covers this recipient, when it is a third party.
        public var agreement: String? = nil
        /// Certified under the EU-US Data Privacy Framework: the only US recipients the US adequacy
        /// decision covers. The record says so; Dossier cannot look the list up offline.
        public var dpfCertified: Bool = false
        public var location: SourceLocation? = nil
    }

    public struct Transfer: Sendable, Hashable {
        public enum Safeguard: String, Sendable, Hashable, CaseIterable {
            case adequacy, scc, bcr, derogation
        }

        public var destination: String
        public var country: String
        public var safeguard: Safeguard
        public var reference: String?
        public var location: SourceLocation? = nil
    }

    /// The credential family a pipeline uses to reach one system.
    public struct Credential: Sendable, Hashable {
        public var system: String
        public var serviceAccount: String
        public var scopes: [String]
        public var shared: Bool
        public var personal: Bool
        public var rotatedAt: Date
        public var expiresAt: Date?
        public var location: SourceLocation
    }

    public var id: String
    public var name: String
    public var description: String?
    public var controller: Controller?             // 30(1)(a)
    public var purposes: [String]                  // 30(1)(b)
    public var dataSubjects: [String]              // 30(1)(c)
    public var personalData: [String]              // 30(1)(c)
    public var recipients: [Recipient]             // 30(1)(d)
    public var transfers: [Transfer]               // 30(1)(e)
    public var erasure: String?                    // 30(1)(f)
    public var securityMeasures: [String]          // 30(1)(g)
    public var owner: PersonName?
    public var deputy: PersonName?
    public var sponsor: PersonName?
    public var systems: [String]
    public var dataClasses: [String]
    public var credentials: [Credential]
    /// Data-flow files (evidence paths) that map this activity, for graphs that cannot name it
    /// themselves: a Threat Dragon or pytm model has no field for it.
    public var dataFlows: [DataFlowReference] = []

    public struct DataFlowReference: Sendable, Hashable {
        public var path: String
        public var location: SourceLocation
    }
}
