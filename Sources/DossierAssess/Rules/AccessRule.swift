import DossierModel

/// Each pipeline's credentials: its own service account per system (not shared, not a person's),
/// scopes written down, and an expiry set.
package struct AccessRule: AssessmentRule {
    package static let identifiers: [DiagnosticID] = [
        DiagnosticID.accessSharedAccount, DiagnosticID.accessPersonalAccount, DiagnosticID.accessNoScopes,
        DiagnosticID.accessNoExpiry, DiagnosticID.accessReusedAccount,
    ]

    /// A credential problem bears on access control and authentication, not on what else the record states.
    package static let controls: [String: [String: [String]]] = {
        // Narrow on purpose: SOC 2 CC6.1 spans all of logical access, so naming it would make one
        // shared account contradict every access item.
        let identity = ["iso27001-2022": ["5.16", "8.2"]]
        return [
            DiagnosticID.accessSharedAccount.rawValue: identity, DiagnosticID.accessPersonalAccount.rawValue: identity, DiagnosticID.accessReusedAccount.rawValue: identity,
            DiagnosticID.accessNoScopes.rawValue: ["iso27001-2022": ["8.3"]],
            DiagnosticID.accessNoExpiry.rawValue: ["iso27001-2022": ["5.17"]],
        ]
    }()

    package func check(_ context: RuleContext) -> [RuleFinding] {
        var findings: [RuleFinding] = []
        var firstUse: [String: String] = [:]
        for (activity, document) in context.documents(\.processingActivity) {
            func add(_ severity: DiagnosticSeverity, _ id: DiagnosticID, _ summary: String, _ location: SourceLocation) {
                findings.append(RuleFinding(diagnostic: Diagnostic(severity, id, summary, file: document.path, at: location), standing: nil))
            }
            for credential in activity.credentials {
                let name = "'\(credential.serviceAccount)' (\(credential.system))"
                if credential.shared {
                    add(.error, .accessSharedAccount, "Service account \(name) is shared with other pipelines; give this pipeline its own", credential.location)
                }
                if credential.personal {
                    add(.error, .accessPersonalAccount, "Credential \(name) belongs to a person; use a service account for the pipeline", credential.location)
                }
                if credential.scopes.isEmpty {
                    add(.error, .accessNoScopes, "Service account \(name) lists no scopes; write down the narrowest scopes it holds", credential.location)
                }
                if credential.expiresAt == nil {
                    add(.warning, .accessNoExpiry, "Token of \(name) has no expiry set; set one, or waive this with the reason", credential.location)
                }
                let key = credential.serviceAccount.lowercased()
                if let earlier = firstUse[key], earlier != "\(activity.id)/\(credential.system)" {
                    add(.error, .accessReusedAccount, "Service account '\(credential.serviceAccount)' is also used for \(earlier); each pipeline and system needs its own", credential.location)
                } else {
                    firstUse[key] = "\(activity.id)/\(credential.system)"
                }
            }
        }
        return findings
    }
}
