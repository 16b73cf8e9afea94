import DossierModel

/// Each pipeline's credentials: its own service account per system (not shared, not a person's),
/// scopes written down, and an expiry set.
package struct AccessRule: AssessmentRule {
    package static let identifiers = [
        "dossier.access.shared-account", "dossier.access.personal-account", "dossier.access.no-scopes",
        "dossier.access.no-expiry", "dossier.access.reused-account",
    ]

    /// A credential problem bears on access control and authentication, not on what else the record states.
    package static let controls: [String: [String: [String]]] = {
        // Narrow on purpose: SOC 2 CC6.1 spans all of logical access, so naming it would make one
        // shared account contradict every access item.
        let identity = ["iso27001-2022": ["5.16", "8.2"]]
        return [
            "dossier.access.shared-account": identity, "dossier.access.personal-account": identity, "dossier.access.reused-account": identity,
            "dossier.access.no-scopes": ["iso27001-2022": ["8.3"]],
            "dossier.access.no-expiry": ["iso27001-2022": ["5.17"]],
        ]
    }()

    package func check(_ context: RuleContext) -> [RuleFinding] {
        var findings: [RuleFinding] = []
        var firstUse: [String: String] = [:]
        for (activity, document) in context.documents(\.processingActivity) {
            func add(_ severity: DiagnosticSeverity, _ id: String, _ summary: String, _ location: SourceLocation) {
                findings.append(RuleFinding(diagnostic: Diagnostic(severity, "dossier.access." + id, summary, file: document.path, at: location), standing: nil))
            }
            for credential in activity.credentials {
                let name = "'\(credential.serviceAccount)' (\(credential.system))"
                if credential.shared {
                    add(.error, "shared-account", "Service account \(name) is shared with other pipelines; give this pipeline its own", credential.location)
                }
                if credential.personal {
                    add(.error, "personal-account", "Credential \(name) belongs to a person; use a service account for the pipeline", credential.location)
                }
                if credential.scopes.isEmpty {
                    add(.error, "no-scopes", "Service account \(name) lists no scopes; write down the narrowest scopes it holds", credential.location)
                }
                if credential.expiresAt == nil {
                    add(.warning, "no-expiry", "Token of \(name) has no expiry set; set one, or waive this with the reason", credential.location)
                }
                let key = credential.serviceAccount.lowercased()
                if let earlier = firstUse[key], earlier != "\(activity.id)/\(credential.system)" {
                    add(.error, "reused-account", "Service account '\(credential.serviceAccount)' is also used for \(earlier); each pipeline and system needs its own", credential.location)
                } else {
                    firstUse[key] = "\(activity.id)/\(credential.system)"
                }
            }
        }
        return findings
    }
}
