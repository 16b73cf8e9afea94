import DossierModel

/// A fact a record may or may not state. Evidence formats leave much unsaid, and what they leave
/// unsaid is `.unknown`: never a default, so nothing is assumed safe because it was left out.
package enum Known<Value: Sendable & Hashable>: Sendable, Hashable {
    case known(Value)
    case unknown

    package var value: Value? {
        if case .known(let value) = self { return value }
        return nil
    }

    /// The value as text for a page or a message; `unknown` when it is not stated.
    package func text(_ describe: (Value) -> String) -> String {
        value.map(describe) ?? "unknown"
    }
}

extension Known where Value == Bool {
    /// `yes`, `no` or `unknown`.
    package var yesNo: String { text { $0 ? "yes" : "no" } }
}

/// Where data goes: the systems an activity touches and the flows between them, with what each
/// flow carries and how it is protected. Written natively (`kind: data-flow`) or imported from a
/// threat-modelling tool, in which case whatever the tool does not record stays `.unknown`.
package struct DataFlowGraph: Sendable, Hashable {
    package enum Origin: String, Sendable, Hashable {
        case native
        case threatDragon = "threat-dragon"
        case pytm
    }

    package struct System: Sendable, Hashable {
        package enum Kind: String, Sendable, Hashable, CaseIterable {
            case service, store, llmProvider = "llm-provider", saas, actor, other
        }

        /// Who holds the key that encrypts the system's data at rest.
        package enum KeyHolder: String, Sendable, Hashable, CaseIterable { case customer, provider }

        package var id: String
        package var name: String
        package var kind: Kind
        package var owner: Known<String>
        /// Region or country as written, for example `eu-west-1` or `US`.
        package var location: Known<String>
        package var encryptionAtRest: Known<Bool>
        package var keyHolder: Known<KeyHolder>
        package var thirdParty: Known<Bool>
        /// Facts that have no field of their own, such as "stores credentials" from Threat Dragon.
        package var notes: [String]
        /// The recipient of the processing activity's record this system is, by name, when that differs from `name`.
        package var recipient: String? = nil
        /// Why personal data stored here is not encrypted under a key the organisation holds.
        package var encryptionJustification: String? = nil
        /// Where the system is written in its file, for diagnostics.
        package var sourceLocation: SourceLocation

        package init(id: String, name: String, kind: Kind, owner: Known<String> = .unknown, location: Known<String> = .unknown,
                    encryptionAtRest: Known<Bool> = .unknown, keyHolder: Known<KeyHolder> = .unknown, thirdParty: Known<Bool> = .unknown,
                    notes: [String] = [], sourceLocation: SourceLocation) {
            self.id = id
            self.name = name
            self.kind = kind
            self.owner = owner
            self.location = location
            self.encryptionAtRest = encryptionAtRest
            self.keyHolder = keyHolder
            self.thirdParty = thirdParty
            self.notes = notes
            self.sourceLocation = sourceLocation
        }
    }

    package struct Flow: Sendable, Hashable {
        /// `none` states that the flow is not encrypted in transit.
        package enum TLSVersion: String, Sendable, Hashable, CaseIterable {
            case v1_0 = "1.0", v1_1 = "1.1", v1_2 = "1.2", v1_3 = "1.3", none
        }

        package var id: String
        /// A label for the flow, as drawn or written; nil when it has none.
        package var name: String?
        package var source: String
        package var target: String
        /// Data moves both ways (a request that returns data, a synchronised store).
        package var bidirectional: Bool
        package var dataCategories: Known<[String]>
        package var personalData: Known<Bool>
        package var `protocol`: Known<String>
        package var tlsVersion: Known<TLSVersion>
        /// Encrypted in transit: derived from `tlsVersion` in native graphs; stated separately by
        /// Threat Dragon, which records encryption but never the TLS version.
        package var encrypted: Known<Bool>
        package var purpose: Known<String>
        /// Why a flow between internal systems is needed, where no agreement covers it.
        package var internalJustification: String?
        package var notes: [String]
        package var sourceLocation: SourceLocation

        package init(id: String, name: String? = nil, source: String, target: String, bidirectional: Bool = false,
                    dataCategories: Known<[String]> = .unknown, personalData: Known<Bool> = .unknown, protocol: Known<String> = .unknown,
                    tlsVersion: Known<TLSVersion> = .unknown, encrypted: Known<Bool>? = nil, purpose: Known<String> = .unknown,
                    internalJustification: String? = nil, notes: [String] = [], sourceLocation: SourceLocation) {
            self.id = id
            self.name = name
            self.source = source
            self.target = target
            self.bidirectional = bidirectional
            self.dataCategories = dataCategories
            self.personalData = personalData
            self.protocol = `protocol`
            self.tlsVersion = tlsVersion
            self.encrypted = encrypted ?? Self.encryption(of: tlsVersion)
            self.purpose = purpose
            self.internalJustification = internalJustification
            self.notes = notes
            self.sourceLocation = sourceLocation
        }

        /// A known TLS version says whether the flow is encrypted; an unknown one says nothing.
        static func encryption(of tls: Known<TLSVersion>) -> Known<Bool> {
            tls.value.map { .known($0 != .none) } ?? .unknown
        }
    }

    package var id: String
    package var title: String
    /// The processing activity (`kind: processing-activity`) the graph belongs to, by ID.
    package var activity: String?
    package var author: PersonName?
    package var systems: [System]
    package var flows: [Flow]
    package var origin: Origin
    /// Trust boundaries drawn in an imported model; native graphs do not draw them.
    package var trustBoundaries: Int
    /// Threats recorded in an imported threat model (Threat Dragon), on the element they concern.
    package var threats: [Threat]

    package struct Threat: Sendable, Hashable {
        package var title: String
        /// As the tool writes them: `Open`, `Mitigated`, `NotApplicable`; `High`, `Medium`, `Low`.
        package var status: String
        package var severity: String
        package var type: String?
        package var element: String
        package var mitigation: String?
        package var location: SourceLocation

        package var isOpen: Bool { status.caseInsensitiveCompare("Open") == .orderedSame }
        package var isHigh: Bool { ["high", "critical"].contains(severity.lowercased()) }
    }

    package init(id: String, title: String, activity: String? = nil, author: PersonName? = nil, systems: [System], flows: [Flow],
                origin: Origin, trustBoundaries: Int = 0, threats: [Threat] = []) {
        self.id = id
        self.title = title
        self.activity = activity
        self.author = author
        self.systems = systems
        self.flows = flows
        self.origin = origin
        self.trustBoundaries = trustBoundaries
        self.threats = threats
    }

    package func system(_ id: String) -> System? {
        systems.first { $0.id == id }
    }
}
