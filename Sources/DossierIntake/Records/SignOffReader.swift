import DossierModel
import Foundation

/// Reads a sign-off: `prepared_by` and `reviewed_by` (`{name, role, date}`) and `state` (`draft` or
/// `final`), among a workpaper's own keys or under `sign_off:` in `dossier.yml`.
///
/// Its field problems have an area of their own, `dossier.signoff.*`, whatever file they sit in: the
/// assessment leaves that area out of the errors that weigh on a file's proof, so a mistake in who
/// signed never changes what the evidence proves.
package struct SignOffReader {
    /// The keys a workpaper may hold besides its own (each record reader allows them).
    package static let keys = ["prepared_by", "reviewed_by", "state"]
    /// The configuration's key for the sign-off of the pack as a whole.
    package static let packKey = "sign_off"

    package let reader: FieldReader

    package init(file: String, timeZone: TimeZone = ISODate.utc) {
        reader = FieldReader(file: file, area: DiagnosticID.signOffArea, timeZone: timeZone)
    }

    /// The sign-off of a workpaper, read from `node` (its front matter or top-level object) with its
    /// problems reported; nil for a file that is no workpaper or states no sign-off.
    package static func read(
        _ node: JSONNode?, of record: EvidenceRecord?, file: String, timeZone: TimeZone = ISODate.utc, diagnostics: DiagnosticEngine
    ) -> SignOff? {
        guard let node, record?.isWorkpaper == true else { return nil }
        let reading = SignOffReader(file: file, timeZone: timeZone)
        defer { diagnostics.report(contentsOf: reading.reader.diagnostics) }
        return reading.read(amongKeysOf: node)
    }

    /// The sign-off among an object's own keys; the object's reader has already checked which keys it
    /// may hold, so they are not checked (or reported) twice. nil when none of `keys` is written.
    package func read(amongKeysOf node: JSONNode) -> SignOff? {
        guard Self.keys.contains(where: { Self.isWritten($0, in: node) }) else { return nil }
        return read(FieldReader.Fields(node: node, reader: reader, what: "the sign-off", path: ""))
    }

    /// `sign_off:` in the configuration: an object holding only `keys`.
    package func read(packSignOff node: JSONNode) -> SignOff? {
        reader.fields(of: node, allowed: Self.keys, describing: "'\(Self.packKey)'").map(read)
    }

    private func read(_ fields: FieldReader.Fields) -> SignOff {
        let state = fields.choice("state", SignOff.State.allCases.map(\.rawValue)).flatMap(SignOff.State.init(rawValue:))
        return SignOff(
            file: reader.file, preparedBy: signature("prepared_by", in: fields), reviewedBy: signature("reviewed_by", in: fields),
            state: state, stateLocation: fields.node["state"]?.location,
            preparerWritten: Self.isWritten("prepared_by", in: fields.node), reviewerWritten: Self.isWritten("reviewed_by", in: fields.node),
            location: fields.location)
    }

    /// `{name, role, date}`, all three required: the role is the capacity in which somebody signed,
    /// which is what tells an independent review from a colleague's glance.
    private func signature(_ key: String, in fields: FieldReader.Fields) -> SignOff.Signature? {
        guard let (person, own) = fields.person(key, roleRequired: true, also: ["date"]),
              let date = own.date("date", required: true) else { return nil }
        let written = own.node["date"]?.string ?? ""
        return SignOff.Signature(
            person: person, date: date, hasTime: written.contains("T"),
            nameLocation: own.node["name"]?.location ?? own.location, dateLocation: own.node["date"]?.location ?? own.location)
    }

    /// A key set to `null`, or left empty, counts as missing, as everywhere else.
    private static func isWritten(_ key: String, in node: JSONNode) -> Bool {
        node[key].map { $0.value != .null } ?? false
    }
}

extension EvidenceRecord {
    /// Whether the record is a workpaper somebody prepares and reviews, and so may carry a sign-off.
    /// Compliance content (catalogs, definitions, mappings, log formats) is not, nor is an imported
    /// model, whose top-level object is another tool's.
    package var isWorkpaper: Bool {
        switch self {
        case .checklist, .approval, .processingActivity, .applicability, .waiver, .agreement, .remediation: true
        case .dataFlow(let graph): graph.origin == .native
        case .framework, .checklistDefinition, .mapping, .logFormat: false
        }
    }
}
