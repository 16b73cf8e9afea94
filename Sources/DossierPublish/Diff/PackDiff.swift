import DossierAssess
import DossierIntake
import DossierModel
import Foundation

/// What changed between two packs of the same evidence folder, read from their `report.json` and
/// `manifest.json`: controls and checklist items whose status changed (regressions first), evidence
/// added, removed or changed by hash, approvals, waivers and agreements that lapsed, and new findings.
package struct PackDiff: Encodable, Sendable {
    package struct StatusChange: Encodable, Sendable, Equatable {
        package var framework: String
        package var control: String
        package var old: String
        package var new: String
        package var regression: Bool
    }

    package struct Finding: Codable, Sendable, Hashable {
        package var id: String
        package var severity: String
        package var message: String
        package var file: String?
        package var line: Int?
    }

    package var oldRelease: String?
    package var newRelease: String?
    package var statusChanges: [StatusChange]
    /// Checklist items matched by checklist and ID (`PackDiff+Items.swift`).
    package var itemChanges: [ItemChange]
    package var evidenceAdded: [String]
    package var evidenceRemoved: [String]
    package var evidenceChanged: [String]
    /// New findings that say an approval, waiver or agreement stopped counting.
    package var lapsed: [Finding]
    package var newFindings: [Finding]

    package enum CodingKeys: String, CodingKey {
        case oldRelease = "old_release", newRelease = "new_release", statusChanges = "status_changes", itemChanges = "item_changes"
        case evidenceAdded = "evidence_added", evidenceRemoved = "evidence_removed", evidenceChanged = "evidence_changed"
        case lapsed, newFindings = "new_findings"
    }

    package var regressions: [StatusChange] { statusChanges.filter(\.regression) }

    /// Whether any control or item got worse: what `--fail-on-regression` fails on.
    package var hasRegressions: Bool { !regressions.isEmpty || !itemRegressions.isEmpty }

    /// Changes with the regressions first, each group in its own order.
    package static func regressionsFirst<Change>(_ changes: [Change], _ regressed: (Change) -> Bool) -> [Change] {
        changes.filter(regressed) + changes.filter { !regressed($0) }
    }

    /// How bad a status is for an audit: a move to a higher rank is a regression. Stale (everything
    /// evidenced, some of it old) is nearer satisfied than partial (something not proven at all).
    package static func rank(_ status: String) -> Int {
        switch ControlStatus(rawValue: status) {
        case .satisfied, .notApplicable: 0
        case .stale: 1
        case .partial: 2
        case .missing, .undecided, .outOfScope, nil: 3
        }
    }

    package static let lapsedFindings: Set<String> = [
        DiagnosticID.approvalHashMismatch.rawValue, DiagnosticID.approvalOutsidePeriod.rawValue, DiagnosticID.approvalSubjectMissing.rawValue,
        DiagnosticID.waiverExpired.rawValue, DiagnosticID.agreementExpired.rawValue, DiagnosticID.freshnessStale.rawValue, DiagnosticID.dataflowUnreviewed.rawValue,
    ]

    package struct Report: Decodable {
        struct Control: Decodable { var framework: String; var control: String; var status: String }
        package struct Item: Decodable { package var checklist: String; package var id: String; package var status: String }
        /// Absent from version-1 reports, written before Dossier numbered them.
        var schemaVersion: Int?
        var release: String?
        /// Absent from packs built before Dossier wrote it; their paths are then compared as they are.
        var evidencePrefix: String?
        var controls: [Control]
        /// Every report Dossier has written lists its items (version 1 too); one without them still compares its controls.
        var items: [Item]?
        var findings: [Finding]
        enum CodingKeys: String, CodingKey {
            case schemaVersion = "schema_version", release, evidencePrefix = "evidence_prefix", controls, items, findings
        }

        /// The part of a report being built that a comparison reads, without writing it out and parsing it back.
        init(_ report: BuildReport) {
            schemaVersion = BuildReport.schemaVersion
            release = report.release
            evidencePrefix = report.evidencePrefix
            controls = report.controls.map { Control(framework: $0.framework, control: $0.control, status: $0.status) }
            items = report.items.map { Item(checklist: $0.checklist, id: $0.id, status: $0.status) }
            findings = report.findings.map { Finding(id: $0.id, severity: $0.severity, message: $0.message, file: $0.file, line: $0.line) }
        }

        /// A finding's file relative to the evidence folder, whatever the folder was called.
        func relative(_ finding: Finding, prefix: String?) -> String? {
            guard let file = finding.file, let prefix, file.hasPrefix(prefix) else { return finding.file }
            return String(file.dropFirst(prefix.count))
        }

        /// The prefix of the report's paths: as recorded, or, for a pack built before reports carried
        /// `evidence_prefix`, what its findings' files add to the manifest's input paths.
        func prefix(inputs manifest: PackManifest) -> String? {
            if let evidencePrefix { return evidencePrefix }
            let inputs = Set(manifest.inputs.map(\.path))
            for file in findings.compactMap(\.file) {
                // The shortest prefix that leaves an input path: the file itself when it is one.
                var prefix = ""
                var rest = Substring(file)
                while true {
                    if inputs.contains(String(rest)) { return prefix }
                    guard let slash = rest.firstIndex(of: "/") else { break }
                    prefix += rest[...slash]
                    rest = rest[rest.index(after: slash)...]
                }
            }
            return nil
        }
    }

    /// Reads both packs; throws `DossierError` (exit 2) when either lacks its report or manifest.
    package init(old: URL, new: URL) throws {
        let (oldReport, oldManifest) = try Self.read(old)
        let (newReport, newManifest) = try Self.read(new)
        self.init(oldReport, oldManifest, newReport, newManifest)
    }

    /// Compares a pack on disk with the report and manifest of a pack being built, in memory.
    package init(old: URL, newReport: BuildReport, newManifest: PackManifest) throws {
        let (oldReport, oldManifest) = try Self.read(old)
        self.init(oldReport, oldManifest, Report(newReport), newManifest)
    }

    private init(_ oldReport: Report, _ oldManifest: PackManifest, _ newReport: Report, _ newManifest: PackManifest) {
        oldRelease = oldReport.release
        newRelease = newReport.release
        let before = Dictionary(oldReport.controls.map { ($0.framework + " " + $0.control, $0.status) }, uniquingKeysWith: { first, _ in first })
        statusChanges = Self.regressionsFirst(newReport.controls.compactMap { control -> StatusChange? in
            guard let previous = before[control.framework + " " + control.control], previous != control.status else { return nil }
            return StatusChange(framework: control.framework, control: control.control, old: previous, new: control.status,
                                regression: Self.rank(control.status) > Self.rank(previous))
        }, \.regression)
        itemChanges = Self.itemChanges(from: oldReport.items ?? [], to: newReport.items ?? [])
        let oldInputs = Dictionary(oldManifest.inputs.map { ($0.path, $0.sha256) }, uniquingKeysWith: { first, _ in first })
        let newInputs = Dictionary(newManifest.inputs.map { ($0.path, $0.sha256) }, uniquingKeysWith: { first, _ in first })
        evidenceAdded = newInputs.keys.filter { oldInputs[$0] == nil }.sorted()
        evidenceRemoved = oldInputs.keys.filter { newInputs[$0] == nil }.sorted()
        evidenceChanged = newInputs.keys.filter { oldInputs[$0] != nil && oldInputs[$0] != newInputs[$0] }.sorted()
        newFindings = Self.findings(
            in: newReport, prefix: newReport.prefix(inputs: newManifest), notIn: oldReport, prefix: oldReport.prefix(inputs: oldManifest))
        lapsed = newFindings.filter { Self.lapsedFindings.contains($0.id) }
    }

    /// The new report's findings the old one did not have. A finding is the same one when its rule, its
    /// file (relative to the evidence folder) and its message with every number blanked out match: a
    /// message counting days ("61 days old") changes every build, and a line moves when text is added
    /// above it. The findings are counted, not just matched, so a second finding saying the same thing
    /// on the same file (a placeholder left twice) is new.
    private static func findings(in new: Report, prefix newPrefix: String?, notIn old: Report, prefix oldPrefix: String?) -> [Finding] {
        struct Key: Hashable { var id: String; var file: String?; var message: String }
        func key(_ finding: Finding, in report: Report, prefix: String?) -> Key {
            Key(id: finding.id, file: report.relative(finding, prefix: prefix), message: withoutNumbers(finding.message))
        }
        var known: [Key: Int] = [:]
        for finding in old.findings { known[key(finding, in: old, prefix: oldPrefix), default: 0] += 1 }
        return new.findings.filter { finding in
            let key = key(finding, in: new, prefix: newPrefix)
            guard let count = known[key], count > 0 else { return true }
            known[key] = count - 1
            return false
        }
    }

    /// `reviewed 2026-09-30, 54 days before` → `reviewed #-#-#, # days before`.
    package static func withoutNumbers(_ message: String) -> String {
        var result = "", inNumber = false
        for character in message {
            if character.isASCII && character.isNumber {
                if !inNumber { result.append("#") }
                inNumber = true
            } else {
                result.append(character)
                inNumber = false
            }
        }
        return result
    }

    private static func read(_ pack: URL) throws -> (Report, PackManifest) {
        func load<T: Decodable>(_ name: String, as type: T.Type) throws -> T {
            let url = pack.appendingPathComponent(name)
            guard case .success(let read) = FileReader.read(url.path) else {
                throw DossierError(path: url.path, reason: .unreadable("not found: is \(pack.path) a pack built by Dossier?"))
            }
            do { return try JSONDecoder().decode(T.self, from: read.bytes.data()) } catch {
                throw DossierError(path: url.path, reason: .unreadable("\(error)"))
            }
        }
        let report = try load(BuildReport.path, as: Report.self)
        // A later version may have changed what a key means: refuse rather than compare it wrongly.
        if let version = report.schemaVersion, version > BuildReport.schemaVersion {
            throw DossierError(path: pack.appendingPathComponent(BuildReport.path).path, reason: .unreadable(
                "schema version \(version); this Dossier reads report.json up to version \(BuildReport.schemaVersion): compare with a newer Dossier"))
        }
        return (report, try load(PackManifest.path, as: PackManifest.self))
    }

    package func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }

    /// The same content as readable lines, regressions first.
    package var text: String {
        var lines = ["Changes from \(oldRelease ?? "the old pack") to \(newRelease ?? "the new pack")"]
        func section(_ title: String, _ items: [String]) {
            lines.append("")
            lines.append("\(title) (\(items.count))")
            lines += items.isEmpty ? ["  none"] : items.map { "  " + $0 }
        }
        func line(_ change: StatusChange) -> String { "\(FrameworkName.of(change.framework)) \(change.control): \(change.old) → \(change.new)" }
        section("Regressions", regressions.map(line) + itemRegressions.map(\.line))
        section("Other status changes", statusChanges.filter { !$0.regression }.map(line) + itemChanges.filter { !$0.regression }.map(\.line))
        section("Evidence added", evidenceAdded)
        section("Evidence removed", evidenceRemoved)
        section("Evidence changed", evidenceChanged)
        section("Approvals, waivers and agreements that lapsed", lapsed.map { "\($0.file ?? "pack"): \($0.message) [\($0.id)]" })
        section("New findings", newFindings.map { "\($0.file ?? "pack"): \($0.severity): \($0.message) [\($0.id)]" })
        // Values come from reports on disk, which anyone can edit: each line is made inert for a terminal.
        return lines.map(TerminalText.escaped).joined(separator: "\n") + "\n"
    }
}
