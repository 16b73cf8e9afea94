import DossierIntake
import DossierModel

/// Sign-off in OSCAL. The pack's preparer and reviewer are the document's `responsible-parties`
/// (roles `preparer` and `reviewer`); each person who signed is a `person` party, one per name however
/// it is spelt; the observation of a workpaper that states a sign-off names its preparer and reviewer
/// as its `origins`, and says its state in `remarks`.
extension OSCALReport {
    struct SignOffMetadata {
        var roles: [ReportJSON] = []
        var parties: [ReportJSON] = []
        var responsibleParties: [ReportJSON] = []
    }

    static let signOffRoles: [(id: String, title: String, description: String)] = [
        ("preparer", "Preparer", "Prepared the work: the audit pack as a whole, or a workpaper in it."),
        ("reviewer", "Reviewer", "Reviewed the work independently of its preparer."),
    ]

    /// The roles and parties of every sign-off given, and the pack's own as responsible parties.
    static func signOffMetadata(pack: SignOff?, workpapers: [SignOff], uuid: (String) -> String) -> SignOffMetadata {
        var metadata = SignOffMetadata()
        let all = ([pack].compactMap { $0 } + workpapers).flatMap(signatures)
        guard !all.isEmpty else { return metadata }
        metadata.roles = signOffRoles.map { ["id": .string($0.id), "title": .string($0.title), "description": .string($0.description)] }
        var seen: Set<String> = []
        for (_, name, _) in all {
            let party = partyUUID(name, uuid: uuid)
            guard seen.insert(party).inserted else { continue }
            metadata.parties.append(["uuid": .string(party), "type": "person", "name": .string(name)])
        }
        metadata.responsibleParties = pack.map(signatures)?.map { role, name, remark -> ReportJSON in
            ["role-id": .string(role), "party-uuids": [.string(partyUUID(name, uuid: uuid))], "remarks": .string("For the pack: \(remark).")]
        } ?? []
        return metadata
    }

    /// A workpaper's signers, as the `origins` of its observation.
    static func origins(_ signOff: SignOff, uuid: (String) -> String) -> ReportJSON? {
        let actors: [ReportJSON] = signatures(signOff).map { role, name, _ in
            ["type": "party", "actor-uuid": .string(partyUUID(name, uuid: uuid)), "role-id": .string(role)]
        }
        return actors.isEmpty ? nil : [["actors": .array(actors)]]
    }

    /// `Workpaper final: prepared by …; reviewed by ….`
    static func remarks(_ signOff: SignOff) -> String {
        let remarks = signatures(signOff).map(\.remark)
        return "Workpaper \(signOff.state.rawValue)" + (remarks.isEmpty ? "." : ": " + remarks.joined(separator: "; ") + ".")
    }

    /// Each signature as its role, the name shown (withheld when its file is), and how it reads.
    private static func signatures(_ signOff: SignOff) -> [(role: String, name: String, remark: String)] {
        [("preparer", "prepared", signOff.preparedBy), ("reviewer", "reviewed", signOff.reviewedBy)].compactMap { role, act, signature in
            guard let signature else { return nil }
            let shown = signOff.withheldAs ?? signature.person.description
            return (role, signOff.withheldAs ?? signature.person.name, "\(act) by \(shown) on \(signature.written)")
        }
    }

    /// One party per person: names that differ only in case, accents or spacing are one person.
    private static func partyUUID(_ name: String, uuid: (String) -> String) -> String {
        uuid("party|person|" + PersonName.normalised(name))
    }
}
