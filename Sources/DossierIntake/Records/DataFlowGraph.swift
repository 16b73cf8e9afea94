import DossierModel

/// A fact a record may or may not state. Evidence formats leave much unsaid, and what they leave
/// unsaid is `.unknown`: never a default, so nothing is assumed safe because it was left out.
public enum Known<Value: Sendable & Hashable>: Sendable, Hashable {
    case known(Value)
    case unknown

    public var value: Value? {
        if case .known(let value) = self { return value }
        return nil
    }

    /// The value as text for a page or a message; `unknown` when it is not stated.
    public func text(_ describe: (Value) -> String) -> String {
        value.map(describe) ?? "unknown"
    }
}

extension Known where Value == Bool {
    /// `yes`, `no` or `unknown`.
    public var yesNo: String { text { $0 ? "yes" : "no" } }
}

/// Where data goes: the systems an activity touches and the flows between them, with what each
/// flow carries and how it is protected. Written natively (`kind: data-flow`) or imported from a
/// threat-modelling tool, in which case whatever the tool does not record stays `.unknown`.
public struct DataFlowGraph: Sendable, Hashable {
    public enum Origin: String, Sendable, Hashable {
        case native
        case threatDragon = "threat-dragon"
        case pytm
    }

    public struct System: Sendable, Hashable {
        public enum Kind: String, Sendable, Hashable, CaseIterable {
            case service, store, llmProvider = "llm-provider", saas, actor, other
        }

        /// Who holds the key that encrypts the system's data at rest.
        public enum KeyHolder: String, Sendable, Hashable, CaseIterable { case customer, provider }

        public var id: String
        public var name: String
        public var kind: Kind
        public var owner: Known<String>
        /// Region or country as written, for example `eu-west-1` or `US`.
        public var location: Known<String>
        public var encryptionAtRest: Known<Bool>
        public var keyHolder: Known<KeyHolder>
        public var thirdParty: Known<Bool>
        /// Facts that have no field of their own, such as "stores credentials" from Threat Dragon.
        public var notes: [String]
        /// The recipient of the processing activity's record this system is, by name, when that differs from `name`.
        public var recipient: String? = nil
        /// Why personal data stored here is not encrypted under a key the organisation holds.
        public var encryptionJustification: String? = nil
        /// Where the system is written in its file, for diagnostics.
        public var sourceLocation: SourceLocation

        public init(id: String, name: String, kind: Kind, owner: Known<String> = .unknown, location: Known<String> = .unknown,
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

    public struct Flow: Sendable, Hashable {
        /// `none` states that the flow is not encrypted in transit.
        public enum TLSVersion: String, Sendable, Hashable, CaseIterable {
            case v1_0 = "1.0", v1_1 = "1.1", v1_2 = "1.2", v1_3 = "1.3", none
        }

        public var id: String
        /// A label for the flow, as drawn or written; nil when it has none.
        public var name: String?
        public var source: String
        public var target: String
        /// Data moves both ways (a request that returns data, a synchronised store).
        public var bidirectional: Bool
        public var dataCategories: Known<[String]>
        public var personalData: Known<Bool>
        public var `protocol`: Known<String>
        public var tlsVersion: Known<TLSVersion>
        /// Encrypted in transit: derived from `tlsVersion` in native graphs; stated separately by
        /// Threat Dragon, which records encryption but never the TLS version.
        public var encrypted: Known<Bool>
        public var purpose: Known<String>
        /// Why a flow between internal systems is needed, where no agreement covers it.
        public var internalJustification: String?
        public var notes: [String]
        public var sourceLocation: SourceLocation

        public init(id: String, name: String? = nil, source: String, target: String, bidirectional: Bool = false,
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

    public var id: String
    public var title: String
    /// The processing activity (`kind: processing-activity`) the graph belongs to, by ID.
    public var activity: String?
    public var author: PersonName?
    public var systems: [System]
    public var flows: [Flow]
    public var origin: Origin
    /// Trust boundaries drawn in an imported model; native graphs do not draw them.
    public var trustBoundaries: Int
    /// Threats recorded in an imported threat model (Threat Dragon), on the element they concern.
    public var threats: [Threat]

    public struct Threat: Sendable, Hashable {
        public var title: String
        /// As the tool writes them: `Open`, `Mitigated`, `NotApplicable`; `High`, `Medium`, `Low`.
        public var status: String
        public var severity: String
        public var type: String?
        public var element: String
        public var mitigation: String?
        public var location: SourceLocation

        public var isOpen: Bool { status.caseInsensitiveCompare("Open") == .orderedSame }
        public var isHigh: Bool { ["high", "critical"].contains(severity.lowercased()) }
    }

    public init(id: String, title: String, activity: String? = nil, author: PersonName? = nil, systems: [System], flows: [Flow],
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

    public func system(_ id: String) -> System? {
        systems.first { $0.id == id }
    }
}
