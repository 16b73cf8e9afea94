import DossierIntake
import DossierModel
import Foundation

/// An approval proves something only when someone other than the requester gave it, in an allowed
/// role, inside the audit period, and the content it approved is still the content today.
package struct ApprovalRule: AssessmentRule {
    package static let identifiers: [DiagnosticID] = [
        DiagnosticID.approvalSelfApproved, DiagnosticID.approvalRoleNotAllowed, DiagnosticID.approvalOutsidePeriod,
        DiagnosticID.approvalSubjectMissing, DiagnosticID.approvalHashMismatch, DiagnosticID.approvalRejected, DiagnosticID.approvalFuture,
        DiagnosticID.approvalOverruled, DiagnosticID.approvalBeforeSubject,
    ]

    package func check(_ context: RuleContext) -> [RuleFinding] {
        var findings: [RuleFinding] = []
        let approvals = context.documents { if case .approval(let a) = $0 { a } else { nil } }
        // The rejections of each version of a file, by path and SHA-256: a later one overrules an approval of it.
        var rejections: [String: [(ApprovalRecord, EvidenceDocument)]] = [:]
        for (approval, document) in approvals where approval.decision == .rejected && !context.isAfterBuildDay(approval.decidedAt) {
            if case .file(let path, let sha256, _) = approval.subject { rejections[path + "\u{0}" + sha256.lowercased(), default: []].append((approval, document)) }
        }
        for (approval, document) in approvals {
            func add(_ severity: DiagnosticSeverity, _ id: DiagnosticID, _ summary: String, at location: SourceLocation? = nil, unsound: Bool) {
                findings.append(RuleFinding(
                    diagnostic: Diagnostic(severity, id, summary, file: document.path, at: location),
                    standing: unsound ? .unsound(summary) : nil))
            }
            if PersonName.same(approval.approver.name, approval.requester.name) {
                add(.error, .approvalSelfApproved, "\(approval.id) is approved by its own requester, \(approval.approver.name); a second person must approve it",
                    at: document.tree?["approver"]?.location, unsound: true)
            }
            let allowed = context.configuration?.approverRoles ?? []
            if !allowed.isEmpty {
                if !PersonName.role(approval.approver.role, holdsOneOf: allowed) {
                    add(.error, .approvalRoleNotAllowed,
                        "\(approval.id) is approved by \(approval.approver.description), whose role is not one of \(allowed.joined(separator: ", ")) (policy.approver_roles)",
                        at: document.tree?["approver"]?.location, unsound: true)
                }
            }
            if let period = context.configuration?.auditPeriod, !context.insideAuditPeriod(approval.decidedAt) {
                // Not an error (an older approval may still be on file for history), but it proves nothing for this period.
                add(.warning, .approvalOutsidePeriod,
                    "\(approval.id) was decided on \(ISODate.day(approval.decidedAt)), outside the audit period \(ISODate.day(period.start)) to \(ISODate.day(period.end)), so it proves nothing for this period",
                    at: document.tree?["decided_at"]?.location, unsound: true)
            }
            if context.isAfterBuildDay(approval.decidedAt) {
                add(.error, .approvalFuture,
                    "\(approval.id) is dated \(ISODate.day(approval.decidedAt)), after the build date \(ISODate.day(context.buildDate)): a decision not yet made approves nothing; correct decided_at",
                    at: document.tree?["decided_at"]?.location, unsound: true)
            }
            if approval.decision == .rejected {
                add(.note, .approvalRejected, "\(approval.id) records a rejection, so it approves nothing", at: document.tree?["decision"]?.location, unsound: true)
            }
            if case .file(let path, let sha256, let location) = approval.subject {
                switch SubjectReader(context: context).hash(of: path) {
                case .missing(let why):
                    add(.error, .approvalSubjectMissing, "\(approval.id) approves '\(path)', which \(why)", at: location, unsound: true)
                case .found(let today, _) where today != sha256.lowercased():
                    // Still stale when only a rewrite changed it: the approver signed other bytes, but
                    // nothing they read changed.
                    let why = context.bytes?(path).flatMap { RewrittenBytes.rewrite(of: $0, toMatch: sha256) }.map {
                        "only \($0) changed since approval, as git's core.autocrlf or an editor rewrites them, so the approval is stale; restore the approved bytes (for example `* -text` in .gitattributes) or approve this version"
                    } ?? "it changed after approval, so the approval is stale; approve the new version"
                    add(.error, .approvalHashMismatch,
                        "\(approval.id) approved '\(path)' with SHA-256 \(sha256.prefix(12))…, but it is \(today.prefix(12))… today: \(why)",
                        at: location, unsound: true)
                case .found:
                    // By calendar day: an approval the same day as the review it approves is in order.
                    if let (day, said) = Self.latestDate(statedBy: path, context), ISODate.day(approval.decidedAt) < ISODate.day(day) {
                        add(.error, .approvalBeforeSubject,
                            "\(approval.id) is dated \(ISODate.day(approval.decidedAt)), but the version of '\(path)' it approves \(said) \(ISODate.day(day)): no one can approve what was not yet written; approve this version again, dated when it was approved",
                            at: document.tree?["decided_at"]?.location, unsound: true)
                    }
                }
                if approval.decision != .rejected, let overruling = rejections[path + "\u{0}" + sha256.lowercased()]?
                    .filter({ $0.0.decidedAt >= approval.decidedAt }).max(by: { $0.0.decidedAt < $1.0.decidedAt }) {
                    add(.error, .approvalOverruled,
                        "\(approval.id) approved '\(path)' on \(ISODate.day(approval.decidedAt)), but \(overruling.0.id) (\(overruling.1.path)) rejected the same version on \(ISODate.day(overruling.0.decidedAt)): the later decision stands; answer the rejection and approve the file again",
                        at: document.tree?["decision"]?.location, unsound: true)
                }
            }
        }
        return findings
    }

    /// The latest date an evidence file states for its own writing or review (`reviewed_at`, a
    /// sign-off's `prepared_by` or `reviewed_by`), with how it says it; nil when it states none.
    static func latestDate(statedBy path: String, _ context: RuleContext) -> (Date, String)? {
        guard let subject = context.document(path) else { return nil }
        var dates: [(Date, String)] = []
        if let text = (subject.frontMatter ?? subject.tree)?["reviewed_at"]?.string, let reviewed = ISODate.parse(text, zone: context.timeZone) {
            dates.append((reviewed, "says it was reviewed on"))
        }
        if let signOff = subject.signOff {
            dates += [signOff.preparedBy.map { ($0.date, "says it was prepared on") }, signOff.reviewedBy.map { ($0.date, "says it was reviewed on") }].compactMap { $0 }
        }
        return dates.max { $0.0 < $1.0 }
    }
}

/// Finds the file an approval names: an evidence path, or `root:path` in a declared source root
/// (read only to hash it, never published). Nothing outside those folders is read.
package struct SubjectReader {
    package enum Outcome: Equatable {
        /// The file's SHA-256 and size in bytes.
        case found(String, size: Int)
        case missing(String)
    }

    package var context: RuleContext

    package init(context: RuleContext) {
        self.context = context
    }

    package func hash(of subject: String) -> Outcome {
        if let document = context.document(subject) { return .found(document.sha256, size: document.file.size) }
        if let known = context.citedSourceFiles[subject] { return known }
        guard let colon = subject.firstIndex(of: ":") else { return .missing("is not in the evidence folder") }
        let rootName = String(subject[..<colon])
        let relative = String(subject[subject.index(after: colon)...])
        guard let root = context.configuration?.sourceRoots.first(where: { $0.name == rootName }) else {
            return .missing("names no declared source root '\(rootName)'; declare it under source_roots in dossier.yml")
        }
        let parts = relative.split(separator: "/")
        guard !relative.hasPrefix("/"), !parts.contains(".."), !parts.isEmpty else {
            return .missing("leaves its source root; name a path inside it")
        }
        // Opened beneath the source root as it was approved, no link followed on the way: a component
        // swapped for a link meanwhile fails to open rather than leading out.
        guard let anchor = FolderAnchor.exactly(root.url.path) else {
            return .missing("cannot be read: source root '\(rootName)' is no longer the folder that was declared")
        }
        guard let target = anchor.resolved(relative) else {
            let exists = access(anchor.path + "/" + relative, F_OK) == 0
            return .missing(exists ? "leads outside its source root through a link" : "does not exist in source root '\(rootName)'")
        }
        // Hashed by the file layer, under the same size limit as evidence; the bytes are never kept nor published.
        let limit = context.configuration?.limits.maxFileBytes ?? InputLimits().maxFileBytes
        switch FileReader.read(target, beneath: anchor, maxBytes: limit) {
        case .success(let read): return .found(read.sha256, size: read.bytes.count)
        case .failure(.tooLarge(let size)): return .missing("is \(size) bytes in source root '\(rootName)', more than the limit of \(limit) (limits.max_file_bytes); it is not read")
        case .failure(.notARegularFile): return .missing("is not a regular file in source root '\(rootName)'")
        case .failure(.cannotOpen): return .missing("does not exist in source root '\(rootName)'")
        }
    }

    /// Every `root:path` file an approval cites, read once: the approval rule judges them and the
    /// manifest lists them from this.
    package func readCited() -> [(subject: String, outcome: Outcome)] {
        let evidence = Set(context.documents.map(\.path))
        var cited: [(subject: String, outcome: Outcome)] = []
        var seen: Set<String> = []
        for document in context.documents {
            guard case .approval(let approval)? = document.record, case .file(let subject, _, _) = approval.subject,
                  subject.contains(":"), !evidence.contains(subject), seen.insert(subject).inserted else { continue }
            cited.append((subject, hash(of: subject)))
        }
        return cited
    }
}
