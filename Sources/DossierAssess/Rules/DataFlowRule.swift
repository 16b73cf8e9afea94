import DossierIntake
import DossierModel

/// The data-flow map checked against the record of processing, agreements and approvals: the step
/// regulators look at first. Every finding is placed on the flow or system it concerns, so the
/// diagram can mark it; facts the graph does not state are reported as unknown, never assumed safe.
package struct DataFlowRule: AssessmentRule {
    package static let identifiers: [DiagnosticID] = [
        DiagnosticID.dataflowNoActivity, DiagnosticID.dataflowUnrecordedRecipient, DiagnosticID.dataflowMissingFromGraph,
        DiagnosticID.dataflowLlmNoOptOut, DiagnosticID.dataflowTransferUndocumented, DiagnosticID.dataflowWeakTls,
        DiagnosticID.dataflowUnencryptedStore, DiagnosticID.dataflowUnreviewed, DiagnosticID.dataflowUnknownFacts,
        DiagnosticID.dataflowOpenThreats, DiagnosticID.dataflowTooLargeToDraw, DiagnosticID.dataflowPersonalDataUnmarked,
    ]

    /// The controls each finding weighs on (see `RuleContext.controlsAffected`).
    package static let controls: [String: [String: [String]]] = [
        DiagnosticID.dataflowUnrecordedRecipient.rawValue: ["gdpr": ["30(1)(d)"], "iso27001-2022": ["5.14", "5.34"]],
        DiagnosticID.dataflowMissingFromGraph.rawValue: ["gdpr": ["30(1)(d)"], "iso27001-2022": ["5.14"]],
        DiagnosticID.dataflowLlmNoOptOut.rawValue: ["gdpr": ["30(1)(d)"], "iso27001-2022": ["5.20", "5.34"], "soc2": ["CC9.2"]],
        DiagnosticID.dataflowTransferUndocumented.rawValue: ["gdpr": ["30(1)(e)"], "iso27001-2022": ["5.14", "5.34"]],
        DiagnosticID.dataflowWeakTls.rawValue: ["iso27001-2022": ["8.24", "5.14"], "soc2": ["CC6.7"]],
        DiagnosticID.dataflowUnencryptedStore.rawValue: ["iso27001-2022": ["8.24"], "soc2": ["CC6.1"]],
        DiagnosticID.dataflowUnreviewed.rawValue: ["gdpr": ["30(1)(d)"], "iso27001-2022": ["5.14"]],
        DiagnosticID.dataflowPersonalDataUnmarked.rawValue: ["gdpr": ["30(1)(d)"], "iso27001-2022": ["5.14", "5.34"]],
    ]

    package init() {}

    /// A protocol written as one that carries no TLS: `HTTP`, `FTP`, `Telnet`, `ws`, `LDAP` alone, or said
    /// to be plaintext (`HTTP (plaintext)`, `cleartext`); `HTTPS`, `HTTP/2`, `LDAP (StartTLS)` are not.
    static func isPlaintext(_ protocol: String) -> Bool {
        let words = `protocol`.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
        // Said outright, or the bare name alone: `HTTP/2`, `LDAP (StartTLS)`, `FTP over TLS` may carry TLS.
        return words.contains { ["plaintext", "cleartext", "unencrypted"].contains($0) }
            || (words.count == 1 && ["http", "ftp", "telnet", "ws", "ldap"].contains(words[0]))
    }

    package func check(_ context: RuleContext) -> [RuleFinding] {
        var findings: [RuleFinding] = []
        let activities = context.documents(\.processingActivity)
        let agreements = Dictionary(
            context.documents { if case .agreement(let a) = $0 { a } else { nil } }.map { ($0.0.id, $0.0) }, uniquingKeysWith: { first, _ in first })
        // Gathered once, by the file they approve: each graph looked through every approval (100 graphs
        // and 1 000 approvals at 10 000 files), and an approval of another file never reviews it.
        var approvals: [String: [ApprovalRecord]] = [:]
        for (approval, _) in context.documents({ if case .approval(let a) = $0 { a } else { nil } }) {
            if case .file(let path, _, _) = approval.subject { approvals[path, default: []].append(approval) }
        }
        // Approvals that name a file but could not be read (a bad date, say): the graph is then said to
        // have one that needs fixing, not to have none.
        var unreadApprovals: [String: [String]] = [:]
        for document in context.documents where document.failedToRead(kind: "approval") {
            if let subject = document.tree?["subject"]?["path"]?.string { unreadApprovals[subject, default: []].append(document.path) }
        }
        for (graph, document) in context.documents({ if case .dataFlow(let g) = $0 { g } else { nil } }) {
            func add(_ severity: DiagnosticSeverity, _ id: DiagnosticID, _ summary: String, at location: SourceLocation?, breaking: DataFlowProperty? = nil) {
                let property = breaking ?? DataFlowProperty.allCases.first { $0.identifiers.contains(id) }
                findings.append(RuleFinding(
                    diagnostic: Diagnostic(severity, id, summary, file: document.path, at: location), standing: nil, property: property))
            }
            if !InputLimits.drawable(systems: graph.systems.count, flows: graph.flows.count) {
                let size = graph.systems.count > InputLimits.maxDiagramSystems
                    ? "\(graph.systems.count) systems, more than the \(InputLimits.maxDiagramSystems)"
                    : "\(graph.flows.count) flows, more than the \(InputLimits.maxDiagramFlows)"
                add(.note, .dataflowTooLargeToDraw, "The graph has \(size) a diagram is drawn for; its page shows the table alone", at: nil)
            }
            let activity = activities.first { $0.0.id == graph.activity }?.0
            if activity == nil {
                add(.warning, .dataflowNoActivity, "The graph names no processing activity (or one that does not exist), so it cannot be checked against a record; set 'activity', or list this file under 'data_flows' in the activity's record", at: nil)
            }
            let receiving = Self.personalDataReceivers(graph)
            for system in graph.systems {
                guard let flow = receiving[system.id] else { continue }
                let recipient = activity.flatMap { Self.recipient(for: system, in: $0) }
                if let activity, system.thirdParty.value == true, recipient == nil {
                    add(.error, .dataflowUnrecordedRecipient,
                        "\(system.name) receives personal data (flow \(flow.id)) but is not a recipient in record \(activity.id); add it to 'recipients' (or name it in the system's 'recipient')",
                        at: system.sourceLocation)
                }
                if system.kind == .llmProvider, let recipient {
                    let agreement = recipient.agreement.flatMap { agreements[$0] }
                    if agreement?.trainingOptOut != true {
                        add(.error, .dataflowLlmNoOptOut,
                            "Personal data reaches LLM provider \(system.name) (flow \(flow.id)) without an agreement that opts out of training on it; file one with training_opt_out: true",
                            at: flow.sourceLocation)
                    }
                }
                // The transfer must be this recipient's own (TransferCheck): another's to the same country does not cover it.
                let named = recipient?.name ?? system.recipient ?? system.name
                if system.thirdParty.value == true, let activity, case .known(let location) = system.location,
                   case .thirdCountry(let country) = Jurisdiction(location),
                   TransferCheck.transfer(to: named, in: .thirdCountry(country), of: activity) == nil {
                    // A system that matches no recipient may be one under another name: a transfer for
                    // its own name would cover no recipient, so the fix is named first.
                    let fix = recipient != nil || activity.recipients.isEmpty
                        ? "add {destination: \(named), country: \(country)} to its 'transfers' with the safeguard (adequacy, SCC or BCR)"
                        : "if it is one of the record's recipients (\(activity.recipients.map(\.name).joined(separator: ", "))) under another name, say which with 'recipient:' on the system; else add it to the recipients with its transfer"
                    add(.error, .dataflowTransferUndocumented,
                        "Personal data goes to \(system.name) in \(location), outside the EEA (flow \(flow.id)), but record \(activity.id) documents no transfer to \(country) for recipient '\(named)'; \(fix)",
                        at: flow.sourceLocation)
                }
                if system.kind == .store, system.encryptionJustification == nil,
                   system.encryptionAtRest.value == false || system.keyHolder.value == .provider {
                    let why = system.encryptionAtRest.value == false ? "is not encrypted at rest" : "is encrypted under the provider's key"
                    add(.error, .dataflowUnencryptedStore, "\(system.name) holds personal data and \(why); use a key you hold, or state 'encryption_justification'", at: system.sourceLocation)
                }
            }
            for flow in graph.flows where flow.internalJustification == nil {
                if let tls = flow.tlsVersion.value, tls == .none || tls == .v1_0 || tls == .v1_1 {
                    let used = tls == .none ? "no TLS" : "TLS \(tls.rawValue)"
                    add(.error, .dataflowWeakTls, "Flow \(flow.id) uses \(used); require TLS 1.2 or higher, or mark it internal with a justification", at: flow.sourceLocation)
                } else if let stated = flow.protocol.value, Self.isPlaintext(stated), let tls = flow.tlsVersion.value {
                    // `protocol: HTTP (plaintext)` beside `tls_version: "1.2"`: the flow contradicts itself.
                    add(.error, .dataflowWeakTls,
                        "Flow \(flow.id) states TLS \(tls.rawValue) but its protocol '\(stated)' carries no TLS; correct whichever is wrong, or mark it internal with a justification",
                        at: flow.sourceLocation)
                }
            }
            if let activity {
                // A flow said to carry no personal data escapes every check on who receives it: it must
                // not carry a category the record lists as personal data.
                let personal = Set(activity.personalData.map(Self.category))
                for flow in graph.flows where flow.personalData.value == false {
                    let carried = (flow.dataCategories.value ?? []).filter { personal.contains(Self.category($0)) }
                    guard !carried.isEmpty else { continue }
                    add(.error, .dataflowPersonalDataUnmarked,
                        "Flow \(flow.id) is marked personal_data: false, but carries \(carried.joined(separator: ", ")), which record \(activity.id) lists as personal data; mark it personal_data: true",
                        at: flow.sourceLocation, breaking: .personalDataMarked)
                }
                for recipient in activity.recipients where recipient.thirdParty
                    && !graph.systems.contains(where: { Self.matches($0, recipient) }) {
                    add(.warning, .dataflowMissingFromGraph, "Recipient '\(recipient.name)' of record \(activity.id) appears in no system of the graph; draw its flows, or, if a system stands for it under another name, set 'recipient: \(recipient.name)' on that system", at: nil)
                }
            }
            if !Self.reviewed(graph, document: document, approvals: approvals[document.path] ?? []) {
                let unread = unreadApprovals[document.path] ?? []
                add(.error, .dataflowUnreviewed, unread.isEmpty
                    ? "No second engineer's approval is bound to this graph's current content; have someone other than \(graph.author?.name ?? "its author") approve it (kind: approval, subject: \(document.path) and its SHA-256)"
                    : "No approval that could be read is bound to this graph: \(unread.joined(separator: ", ")) names it but could not be read; fix \(unread.count == 1 ? "its errors" : "their errors")",
                    at: document.tree?["author"]?.location)  // beside the author, whom the reviewer must not be
            }
            let openHigh = graph.threats.filter { $0.isOpen && $0.isHigh }
            if let first = openHigh.first {
                let titles = openHigh.prefix(3).map { "'\($0.title)'" }.joined(separator: ", ") + (openHigh.count > 3 ? ", …" : "")
                add(.warning, .dataflowOpenThreats,
                    "\(openHigh.count) high-severity threat\(openHigh.count == 1 ? " is" : "s are") still open in the threat model (\(titles)); mitigate \(openHigh.count == 1 ? "it" : "them"), or record why the risk is accepted",
                    at: first.location)
            }
            for (property, summary) in Self.unknowns(graph, receiving: receiving) {
                add(.warning, .dataflowUnknownFacts, summary, at: nil, breaking: property)
            }
        }
        return findings
    }

    /// Systems that receive personal data, with the first flow that brings it (both ends of a two-way flow).
    package static func personalDataReceivers(_ graph: DataFlowGraph) -> [String: DataFlowGraph.Flow] {
        var receivers: [String: DataFlowGraph.Flow] = [:]
        for flow in graph.flows where flow.personalData.value == true {
            if receivers[flow.target] == nil { receivers[flow.target] = flow }
            if flow.bidirectional, receivers[flow.source] == nil { receivers[flow.source] = flow }
        }
        return receivers
    }

    /// A data category as compared between a graph and a record: case and spacing aside.
    static func category(_ name: String) -> String {
        name.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    package static func matches(_ system: DataFlowGraph.System, _ recipient: ProcessingActivity.Recipient) -> Bool {
        (system.recipient ?? system.name).caseInsensitiveCompare(recipient.name) == .orderedSame
    }

    package static func recipient(for system: DataFlowGraph.System, in activity: ProcessingActivity) -> ProcessingActivity.Recipient? {
        activity.recipients.first { matches(system, $0) }
    }

    /// An approval of this file, with its current hash, given by someone other than the graph's author.
    package static func reviewed(_ graph: DataFlowGraph, document: EvidenceDocument, approvals: [ApprovalRecord]) -> Bool {
        approvals.contains { approval in
            guard case .file(let path, let sha256, _) = approval.subject, path == document.path,
                  sha256.lowercased() == document.sha256, approval.decision != .rejected else { return false }
            return graph.author.map { !PersonName.same(approval.approver.name, $0.name) } ?? true
        }
    }

    /// What the rules could not judge, one line per kind of gap, with the property it leaves unshown.
    package static func unknowns(_ graph: DataFlowGraph, receiving: [String: DataFlowGraph.Flow]) -> [(DataFlowProperty, String)] {
        var lines: [(DataFlowProperty, String)] = []
        // Flows and systems by the name they are drawn with (an imported flow's ID is a UUID).
        func listed(_ names: [String]) -> String { names.prefix(5).joined(separator: ", ") + (names.count > 5 ? ", …" : "") }
        func label(_ flow: DataFlowGraph.Flow) -> String { flow.name.map { $0.isEmpty ? flow.id : "'\($0)'" } ?? flow.id }
        // An imported model has no field for these facts: the fix is not "state" but where to state them.
        // pytm can say what data a flow carries (isPII) and its TLS version; neither tool records owners or places.
        let fix: (String) -> String = { fields in
            switch (graph.origin, fields) {
            case (.native, _): "state \(fields)"
            case (.pytm, "personal_data"): "declare each datum the flow carries in the pytm model, with isPII"
            case (.pytm, "tls_version"): "set the flow's tlsVersion in the pytm model"
            case (.threatDragon, _), (.pytm, _):
                "a \(graph.origin == .pytm ? "pytm" : "Threat Dragon") model cannot state \(fields): describe the map as a kind: data-flow file to check them, or leave them unknown"
            }
        }
        let unknownPersonal = graph.flows.filter { $0.personalData.value == nil }.map(label)
        if !unknownPersonal.isEmpty {
            lines.append((.personalDataMarked, "\(unknownPersonal.count) flow\(unknownPersonal.count == 1 ? " does" : "s do") not say whether personal data is carried (\(listed(unknownPersonal))); \(fix("personal_data"))"))
        }
        let unknownTLS = graph.flows.filter { $0.internalJustification == nil && $0.tlsVersion.value == nil }.map(label)
        if !unknownTLS.isEmpty {
            lines.append((.tlsAtLeast12, "\(unknownTLS.count) flow\(unknownTLS.count == 1 ? " has" : "s have") no stated TLS version (\(listed(unknownTLS))); \(fix("tls_version"))"))
        }
        let systems = graph.systems.filter { receiving[$0.id] != nil }
        let unknownPlace = systems.filter { $0.thirdParty.value != false && ($0.thirdParty.value == nil || $0.location.value.map { Jurisdiction($0) == .unknown } ?? true) }
        if !unknownPlace.isEmpty {
            lines.append((.transfersDocumented, "\(unknownPlace.count) system\(unknownPlace.count == 1 ? "" : "s") receiving personal data \(unknownPlace.count == 1 ? "has" : "have") an unknown owner type or location (\(listed(unknownPlace.map(\.name)))); \(fix("third_party and location"))"))
        }
        let unknownStores = systems.filter { $0.kind == .store && $0.encryptionJustification == nil && ($0.encryptionAtRest.value == nil || $0.keyHolder.value == nil) }
        if !unknownStores.isEmpty {
            lines.append((.storesEncrypted, "\(unknownStores.count) store\(unknownStores.count == 1 ? "" : "s") holding personal data \(unknownStores.count == 1 ? "does" : "do") not state encryption at rest and its key holder (\(listed(unknownStores.map(\.name))))"))
        }
        return lines
    }
}
