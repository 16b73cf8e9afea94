import DossierIntake
import DossierModel
import Foundation
import Yams

/// What `dossier init` writes: a configuration, one processing activity with a half-filled Art. 30
/// record, and the built-in checklists ready to answer, every item unticked and saying what
/// evidence it wants.
package struct EvidenceScaffold: Sendable {
    package var organisation: String
    package var buildDate: BuildDate

    package init(organisation: String = "Your organisation", buildDate: BuildDate) {
        self.organisation = organisation
        self.buildDate = buildDate
    }

    /// Path → contents, relative to the new evidence folder.
    package func files() -> [String: String] {
        var files = [
            "dossier.yml": configuration(),
            "activities/first-integration.yml": processingActivity(),
            "README.md": readme(),
        ]
        for checklist in ChecklistDefinitionReader.builtIn {
            files["checklists/\(checklist.id).md"] = answerSheet(for: checklist)
        }
        for catalog in CatalogReader.builtIn where catalog.requiresDecisions {
            files["applicability/\(catalog.framework).yml"] = applicabilityDecisions(for: catalog)
        }
        return files
    }

    /// Writes the files into `folder`, which must not exist or be empty; nothing is overwritten.
    package func write(into folder: URL) throws {
        let manager = FileManager.default
        if let existing = try? manager.contentsOfDirectory(atPath: folder.path), !existing.filter({ $0 != ".gitkeep" }).isEmpty {
            throw DossierError(path: folder.relativePath, reason: .scaffoldRefused("it is not empty; 'dossier init' only fills a new or empty folder"))
        }
        do {
            for (path, text) in files().sorted(by: { $0.key < $1.key }) {
                let url = folder.appendingPathComponent(path)
                try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url)
            }
        } catch {
            throw DossierError(path: folder.relativePath, reason: .outputNotWritable(error.localizedDescription))
        }
    }

    /// The organisation's name as a YAML value, always double-quoted by Yams: unquoted, `Acme: EMEA`,
    /// `[Acme] EU`, `*Star` and `Yes` would be read as a mapping, a list, an alias and a boolean.
    package static func yamlScalar(_ text: String) -> String {
        let dumped = (try? Yams.serialize(node: .scalar(.init(text, .init(.str), .doubleQuoted)), width: -1, allowUnicode: true)) ?? text
        return dumped.hasSuffix("\n") ? String(dumped.dropLast()) : dumped
    }

    private var year: String { String(buildDate.isoDay.prefix(4)) }

    private func configuration() -> String {
        """
        # Dossier pack configuration: see docs/evidence-format.md for every field.
        organisation: \(Self.yamlScalar(organisation))
        scope: <what this audit covers, e.g. the AI integrations of the support team>
        frameworks: [gdpr, soc2, iso27001-2022]
        audit_period:
          start: \(year)-01-01
          end: \(year)-12-31
        # release: v1.0.0
        policy:
          failing_severity: error
          redaction: redact
          freshness:
            secret_rotation_days: 90
            access_review_days: 92
            staging_retention_days: 30
            log_retention_months: 12
            document_max_days: 366        # the longest freshness a document may give itself
        # source_roots:                 # read-only folders approvals may cite by hash, never published
        #   - {name: prompts, path: ../app/prompts}
        # sign_off:                     # who prepared and reviewed the pack; a draft is marked Draft on every page
        #   prepared_by: {name: <your name>, role: <your role>, date: \(buildDate.isoDay)}
        #   reviewed_by: {name: <a second person>, role: <their role>, date: <when they reviewed it>}
        #   state: draft                # final once reviewed

        """
    }

    private func processingActivity() -> String {
        """
        # One integration and its GDPR Art. 30 record. Replace every value in angle brackets.
        kind: processing-activity
        id: first-integration
        name: <name of the integration, e.g. Support-ticket summariser>
        controller:
          name: \(Self.yamlScalar(organisation))
          contact: <privacy contact e-mail>
        purposes:
          - <why the personal data is processed>
        data_subjects:
          - "<whose data, e.g. customers or employees>"
        personal_data:
          - "<which data, e.g. name, e-mail address, ticket text>"
        recipients:
          - {name: <team inside your organisation that sees the data>, third_party: false}
          # an outside organisation: {name: …, third_party: true, country: <ISO code>, agreement: <ID of its kind: agreement file>}
        transfers: []                   # one per third-party recipient outside the EEA: {destination: <its name>, country, safeguard: adequacy|scc|bcr|derogation, reference: <document>}
        erasure: <when each category of data is deleted>
        security_measures:
          - <e.g. dedicated service accounts with least-privilege scopes>
        owner: {name: <owner's name>, role: <owner's role>}
        credentials: []                 # add {system, service_account, scopes, rotated_at, expires_at} per credential

        """
    }

    private func answerSheet(for checklist: ChecklistDefinition) -> String {
        var lines = [
            "---", "kind: checklist", "checklist: \(checklist.id)", "integration: first-integration", "title: \(checklist.name)", "---", "",
            "# \(checklist.name)", "",
            "Tick an item (`[x]`) when it holds and link the evidence that proves it, e.g. `([rotation record](../records/rotation.md))`.",
            "An item is proven only when the linked evidence shows everything under *Proven by* (see docs/checklists.md in Dossier).",
            "Write `N/A — why` after the ID when an item does not apply.", "",
        ]
        var section = ""
        for item in checklist.items {
            if item.section != section {
                section = item.section
                lines += ["", "## \(section)", ""]
            }
            // The wanted evidence is a second paragraph of the item, so the answer text stays the first.
            // What Dossier checks follows, so whoever answers knows which links will prove the item.
            lines += ["- [ ] \(item.id) \(item.text)", "", "  *Evidence wanted:* \(item.wants)", "",
                      "  *Proven by:* " + item.expects.map(\.summary).joined(separator: "; and "), ""]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Every control of a framework that asks for decisions, each `undecided` until the organisation
    /// decides it: the pack lists them as gaps until then, so none is forgotten.
    private func applicabilityDecisions(for catalog: Catalog) -> String {
        var lines = [
            "# Statement of Applicability decisions for \(catalog.name): one line per control.",
            "# For each: set `applicable` to true or false and give the `justification` (required either way; the",
            "# pack shows it as written). For an applicable control, add its `implementation` (in-place, in-progress,",
            "# planned or none) and the `documents` that implement it (evidence paths, which the pack links, or names).",
            "# Until then a control is undecided: the pack counts it as a gap and `dossier check` lists it.",
            "kind: applicability",
            "title: Applicability decisions for \(catalog.name)",
            "decisions:",
        ]
        var group: String?
        for control in catalog.controls {
            if let name = control.group, name != group {
                lines.append("  # \(name)")
                group = name
            }
            lines.append("  - {framework: \(catalog.framework), control: \(Self.yamlScalar(control.id)), applicable: undecided, justification: \"\"}"
                + "  # \(control.title)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func readme() -> String {
        """
        # Evidence for \(organisation.split(whereSeparator: \.isNewline).joined(separator: " "))

        Created by `dossier init`. Next steps:

        1. Fill in `dossier.yml` (scope and audit period) and `activities/first-integration.yml` (the Art. 30 record).
        2. Answer the checklists in `checklists/`: tick what holds, link the evidence, justify what does not apply.
           Decide every ISO/IEC 27001 Annex A control in `applicability/iso27001-2022.yml` (the Statement of Applicability).
        3. Add evidence files (records, approvals, agreements, log extracts) and link them from the answers.
        4. Run `dossier check` for findings, then `dossier build` for the audit pack.

        """
    }
}
