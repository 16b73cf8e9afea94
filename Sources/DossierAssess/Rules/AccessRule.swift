import DossierIntake
import DossierModel
import Foundation

/// Each pipeline's credentials: its own service account per system (not shared, not a person's),
/// scopes written down, and an expiry set.
package struct AccessRule: AssessmentRule {
    package static let identifiers: [DiagnosticID] = [
        DiagnosticID.accessSharedAccount, DiagnosticID.accessPersonalAccount, DiagnosticID.accessNoScopes,
        DiagnosticID.accessNoExpiry, DiagnosticID.accessReusedAccount, DiagnosticID.accessUndeclaredSignIn, DiagnosticID.accessCredentialExpired,
        DiagnosticID.accessBroadScope,
    ]

    /// A credential problem bears on access control and authentication, not on what else the record states.
    package static let controls: [String: [String: [String]]] = {
        // Narrow on purpose: SOC 2 CC6.1 spans all of logical access, so naming it would make one
        // shared account contradict every access item.
        let identity = ["iso27001-2022": ["5.16", "8.2"]]
        return [
            DiagnosticID.accessSharedAccount.rawValue: identity, DiagnosticID.accessPersonalAccount.rawValue: identity, DiagnosticID.accessReusedAccount.rawValue: identity,
            DiagnosticID.accessUndeclaredSignIn.rawValue: identity,
            DiagnosticID.accessNoScopes.rawValue: ["iso27001-2022": ["8.3"]],
            DiagnosticID.accessBroadScope.rawValue: ["iso27001-2022": ["8.3", "5.15"]],
            DiagnosticID.accessNoExpiry.rawValue: ["iso27001-2022": ["5.17"]],
            DiagnosticID.accessCredentialExpired.rawValue: ["iso27001-2022": ["5.17"]],
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
                if let broad = credential.scopes.first(where: BroadScope.grantsEverything) {
                    var finding = Diagnostic(
                        .error, .accessBroadScope,
                        "Service account \(name) holds '\(broad)', a grant across the whole workspace or tenant; narrow it to the folders, tables or channels the pipeline uses",
                        file: document.path, at: credential.location)
                    finding.field = "credentials.scopes"
                    findings.append(RuleFinding(diagnostic: finding, standing: nil))
                }
                if let expiry = credential.expiresAt {
                    checkExpiry(expiry, of: credential, named: name, context: context, add: add)
                } else {
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
        return findings + undeclaredSignIns(context)
    }

    /// An expiry that has passed (the credential the record lists no longer works, or the record is
    /// out of date), one before the credential was last rotated (no token expires before it is
    /// issued), or one so far off that it sets no limit (`9999-12-31`).
    private func checkExpiry(
        _ expiry: Date, of credential: ProcessingActivity.Credential, named name: String, context: RuleContext,
        add: (DiagnosticSeverity, DiagnosticID, String, SourceLocation) -> Void
    ) {
        let day = ISODate.day(expiry)
        if expiry < credential.rotatedAt {
            add(.error, .accessCredentialExpired,
                "Token of \(name) expires \(day), before it was last rotated (\(ISODate.day(credential.rotatedAt))): no token expires before it is issued; correct expires_at or rotated_at",
                credential.location)
        } else if context.hasExpired(expiry) {
            add(.error, .accessCredentialExpired,
                "Token of \(name) expired on \(day), before the build date \(ISODate.day(context.buildDate)); rotate it and record the new expiry",
                credential.location)
        } else if let limit = Self.calendar.date(byAdding: .year, value: Self.longestExpiryYears, to: credential.rotatedAt), expiry > limit {
            add(.warning, .accessNoExpiry,
                "Token of \(name) expires \(day), more than \(Self.longestExpiryYears) years after it was rotated: a date that far off sets no expiry; set a real one, or waive this with the reason",
                credential.location)
        }
    }

    /// Past this many years after its rotation an expiry sets no limit.
    static let longestExpiryYears = 5
    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    /// A log extract in which an activity's own service accounts sign in shows that activity's
    /// pipeline at work: any other identity signing in there that no record lists as a service
    /// account is a person's login in production, or an account the record leaves out. One finding
    /// per activity and extract, on the record's credentials, naming the first such identity's line.
    private func undeclaredSignIns(_ context: RuleContext) -> [RuleFinding] {
        let activities = context.documents(\.processingActivity).filter { !$0.0.credentials.isEmpty }
        let declared = activities.flatMap { $0.0.credentials.map(\.serviceAccount) }
        var findings: [RuleFinding] = []
        for document in context.documents {
            guard case .log(let log) = document.content, !log.signIns.isEmpty else { continue }
            let strangers = log.signIns.filter { identity, _ in !Self.names(identity, anyOf: declared) }
                .sorted { ($0.value.line, $0.key) < ($1.value.line, $1.key) }
            guard let first = strangers.first else { continue }
            for (activity, record) in activities {
                let own = activity.credentials.map(\.serviceAccount)
                guard log.signIns.keys.contains(where: { Self.names($0, anyOf: own) }) else { continue }
                // An empty name: the event names no identity in any field the log's format reads.
                let who = first.key.isEmpty ? "a sign-in that names no identity" : "'\(first.key)'"
                let fix = first.key.isEmpty ? "have the log name who signed in (or its format read the field that does)" : "stop the login, or add the account"
                let others = strangers.count > 1 ? " (and \(strangers.count - 1) other\(strangers.count == 2 ? "" : "s"))" : ""
                var diagnostic = Diagnostic(
                    .error, .accessUndeclaredSignIn,
                    "\(document.path):\(first.value.line) shows \(who)\(others) signing in beside the service accounts of \(activity.id), but no record of processing lists it as a service account: a person's login in production, or an account missing from credentials; \(fix)",
                    file: record.path, at: activity.credentials[0].location)
                diagnostic.field = "credentials.service_account"
                findings.append(RuleFinding(diagnostic: diagnostic, standing: nil))
            }
        }
        return findings
    }

    /// Whether a log's identity names a service account: the same name (ignoring case), or the
    /// account as one part of a path or ARN (`arn:…:role/svc-x`, an assumed role's
    /// `assumed-role/svc-x/session`, `projects/p/serviceAccounts/svc-x`), as the local part of an
    /// address (`svc-x@project.iam.gserviceaccount.com`), or as a bot's name (`svc-x[bot]`).
    package static func names(_ identity: String, account: String) -> Bool {
        let identity = identity.lowercased(), account = account.lowercased()
        guard !account.isEmpty else { return false }
        if identity == account { return true }
        return identity.split(whereSeparator: { $0 == "/" || $0 == ":" }).contains { part in
            let name = part.hasSuffix("[bot]") ? part.dropLast(5) : part
            return name == account || name.split(separator: "@").first.map(String.init) == account
        }
    }

    /// Whether a log's identity names one of `accounts` (`names(_:account:)`).
    package static func names(_ identity: String, anyOf accounts: [String]) -> Bool {
        accounts.contains { names(identity, account: $0) }
    }
}
