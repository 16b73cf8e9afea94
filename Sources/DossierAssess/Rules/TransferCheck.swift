import DossierIntake
import Foundation

/// GDPR Art. 30(1)(e), recipient by recipient: a third party outside the EEA needs a transfer entry of
/// its own (its name as `destination`, a `country` in the same jurisdiction), and every transfer a
/// safeguard that holds on the build date. The record check (TransferRule) and the data-flow check
/// (DataFlowRule's transfer-undocumented) both ask `transfer(to:in:of:)`, so a recipient in a record
/// and a system drawn in a graph meet one test: a documented transfer covers the recipient it names,
/// never every recipient in the same country.
package enum TransferCheck {
    package typealias Recipient = ProcessingActivity.Recipient
    package typealias Transfer = ProcessingActivity.Transfer

    /// The record's transfer to the recipient called `name` in `place`, if it has one.
    package static func transfer(to name: String, in place: Jurisdiction, of activity: ProcessingActivity) -> Transfer? {
        activity.transfers.first { $0.destination.caseInsensitiveCompare(name) == .orderedSame && Jurisdiction($0.country) == place }
    }

    /// Third-party recipients with where their `country` puts them; no country is an unknown place.
    package static func thirdParties(of activity: ProcessingActivity) -> [(recipient: Recipient, place: Jurisdiction)] {
        activity.recipients.filter(\.thirdParty).map { ($0, $0.country.map(Jurisdiction.init) ?? .unknown) }
    }

    /// Third-party recipients outside the EEA, with their country's code.
    package static func abroad(in activity: ProcessingActivity) -> [(recipient: Recipient, country: String)] {
        thirdParties(of: activity).compactMap { recipient, place in
            if case .thirdCountry(let country) = place { (recipient, country) } else { nil }
        }
    }

    /// Third-party recipients outside the EEA that no transfer entry names.
    package static func untransferred(in activity: ProcessingActivity) -> [(recipient: Recipient, country: String)] {
        abroad(in: activity).filter { transfer(to: $0.recipient.name, in: .thirdCountry($0.country), of: activity) == nil }
    }

    /// Art. 30(1)(e) as a point of the record: stated when every third party outside the EEA has its
    /// transfer, and trivially when every third party is inside it. A third party the record does not
    /// place leaves the point unstated: whether it needs a transfer is unknown, never assumed away.
    package static func point(of activity: ProcessingActivity) -> ProcessingRecordRule.Point {
        let what = "a transfer with its safeguard for each recipient outside the EEA"
        // Whether a transfer is needed turns on where each recipient is.
        let fields = ["transfers", "recipients"]
        func named(_ recipients: [(recipient: Recipient, country: String)]) -> String {
            recipients.map { "'\($0.recipient.name)' (\($0.country))" }.joined(separator: ", ")
        }
        let parties = thirdParties(of: activity), abroad = abroad(in: activity), missing = untransferred(in: activity)
        let unplaced = parties.filter { $0.place == .unknown }.map { "'\($0.recipient.name)'" }
        if !missing.isEmpty {
            return .init("30(1)(e)", what, fields: fields, present: true, stated: false, reading: "does not state \(what): none for \(named(missing))")
        }
        if !unplaced.isEmpty {
            return .init("30(1)(e)", what, fields: fields, present: true, stated: false, reading:
                "does not place third-party recipient \(unplaced.joined(separator: ", ")) (no known 'country'), so whether a transfer is needed is unknown")
        }
        if abroad.isEmpty {
            let why = parties.isEmpty ? "no third party receives the data" : "every third-party recipient is in the EEA"
            return .init("30(1)(e)", what, fields: fields, present: true, stated: true, reading: "states no transfer is needed: \(why)")
        }
        return .init("30(1)(e)", what, fields: fields, present: true, stated: true, reading: "states \(what): \(named(abroad))")
    }

    /// Why `transfer`'s safeguard does not hold on `date`, as a finding's message; nil when it holds,
    /// or when the destination is inside the EEA (no transfer in the sense of GDPR Chapter V).
    package static func safeguardProblem(_ transfer: Transfer, of activity: ProcessingActivity, on date: Date,
                                 decisions: AdequacyDecisions = .builtIn) -> String? {
        let place = Jurisdiction(transfer.country)
        guard place != .eea else { return nil }
        let subject = "Transfer to '\(transfer.destination)' (\(transfer.country)) relies on \(transfer.safeguard.rawValue)"
        guard transfer.safeguard == .adequacy else {
            // A placeholder left from `dossier init` (`<SCC reference>`) names no document either.
            let reference = (transfer.reference ?? "").trimmingCharacters(in: .whitespaces)
            guard reference.isEmpty || PlaceholderRule.statesNothing(reference) else { return nil }
            let document = switch transfer.safeguard {
            case .scc: "the signed clauses"
            case .bcr: "the approved binding corporate rules"
            case .derogation, .adequacy: "the note of the Art. 49 derogation relied on"
            }
            return "\(subject) but names no document; set 'reference' to \(document) (an agreement's ID or a file)"
        }
        let instead = "rely on SCCs or BCRs instead and name the document in 'reference'"
        let listed = decisions.asOf.map { " (Dossier's list of \(ISODate.day($0)))" } ?? ""
        guard let decision = decisions.decision(for: transfer.country) else {
            return "\(subject), but the European Commission has no adequacy decision for \(transfer.country)\(listed); \(instead)"
        }
        guard decision.inForce(on: date) else {
            let when = decision.decided > date ? "adopted \(ISODate.day(decision.decided))" : "expired \(ISODate.day(decision.expires ?? date))"
            return "\(subject), but the adequacy decision for \(decision.name) (\(decision.instrument), \(when)) is not in force on \(ISODate.day(date)); \(instead)"
        }
        if decision.certification == "dpf" {
            let recipient = activity.recipients.first { $0.name.caseInsensitiveCompare(transfer.destination) == .orderedSame }
            guard recipient?.dpfCertified != true else { return nil }
            let mark = recipient == nil
                ? "no recipient of the record is named '\(transfer.destination)' to mark dpf_certified: true"
                : "recipient '\(transfer.destination)' is not marked dpf_certified: true"
            return "\(subject), but the decision for \(decision.name) covers only organisations certified under the EU-US Data Privacy Framework, and \(mark); check the recipient on the Framework's list and mark it, or \(instead)"
        }
        return nil
    }
}
