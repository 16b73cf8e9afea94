import DossierIntake
import DossierModel
import Foundation

/// Sign-off as an auditor reads it, for each workpaper and for the pack: a final one names a reviewer;
/// the reviewer is not the preparer; the review comes after the preparation (and, on a checklist,
/// after the answers it covers); no signature is dated after the build; a final pack holds no draft.
///
/// Its findings carry no standing and weigh on no control, and the assessment leaves them out of the
/// errors counted against a file (`DiagnosticID.isSignOff`): sign-off says who stands behind the work,
/// not what the evidence proves, so it never changes a verdict. The errors still fail the build.
package struct SignOffRule: AssessmentRule {
    package static let identifiers: [DiagnosticID] = [
        DiagnosticID.signoffNoReviewer, DiagnosticID.signoffSelfReview, DiagnosticID.signoffReviewBeforePreparation,
        DiagnosticID.signoffFuture, DiagnosticID.signoffNoPreparer, DiagnosticID.signoffReviewBeforeAnswers,
        DiagnosticID.signoffDraftInFinalPack,
    ]

    package func check(_ context: RuleContext) -> [RuleFinding] {
        let pack = context.configuration?.signOff
        var found = pack.map { check($0, what: "The pack", keys: SignOffReader.packKey + ".", context: context) } ?? []
        for document in context.documents {
            guard let signOff = document.signOff else { continue }
            found += check(signOff, what: "The workpaper", keys: "", context: context)
            if case .checklist(let answers)? = document.record, let answered = answers.answeredAt, let review = signOff.reviewedBy,
               ISODate.day(answered) > ISODate.day(review.date) {
                found.append(Diagnostic(
                    .warning, .signoffReviewBeforeAnswers,
                    "The answers are dated \(ISODate.day(answered)) ('answered_at'), after the review on \(review.written): the review does not cover them; review them again and update 'reviewed_by.date'",
                    file: signOff.file, at: review.dateLocation))
            }
            if pack?.state == .final, signOff.state == .draft, !signOff.stateUnreadable {
                found.append(Diagnostic(
                    .warning, .signoffDraftInFinalPack,
                    "The pack is marked final, but this workpaper is a draft\(signOff.stateLocation == nil ? " (no 'state: final')" : ""); finish its review and set 'state: final', or mark the pack 'sign_off.state: draft'",
                    file: signOff.file, at: signOff.stateLocation ?? signOff.location))
            }
        }
        if let pack, let review = pack.reviewedBy, let (latest, file) = Self.latestWorkpaperDate(context), ISODate.day(latest) > ISODate.day(review.date) {
            found.append(Diagnostic(
                .warning, .signoffReviewBeforeAnswers,
                "The pack is reviewed on \(review.written), before \(file), dated \(ISODate.day(latest)): the review does not cover the workpapers as they are; review the pack again and update 'sign_off.reviewed_by.date'",
                file: pack.file, at: review.dateLocation))
        }
        return found.map { RuleFinding(diagnostic: $0, standing: nil) }
    }

    /// The latest date a workpaper states for its answers or its sign-off, up to the build date (a
    /// later one is reported as such), with the file that states it.
    private static func latestWorkpaperDate(_ context: RuleContext) -> (Date, String)? {
        context.documents.flatMap { document -> [(Date, String)] in
            var dates = [document.signOff?.preparedBy?.date, document.signOff?.reviewedBy?.date].compactMap { $0 }
            if case .checklist(let answers)? = document.record, let answered = answers.answeredAt { dates.append(answered) }
            return dates.filter { !context.isAfterBuildDay($0) }.map { ($0, document.path) }
        }.max { ($0.0, $1.1) < ($1.0, $0.1) }
    }

    /// The checks of one sign-off; `keys` prefixes the keys the messages name (`sign_off.` in `dossier.yml`).
    private func check(_ signOff: SignOff, what: String, keys: String, context: RuleContext) -> [Diagnostic] {
        var found: [Diagnostic] = []
        func add(_ severity: DiagnosticSeverity, _ id: DiagnosticID, _ summary: String, at location: SourceLocation) {
            found.append(Diagnostic(severity, id, summary, file: signOff.file, at: location))
        }
        if signOff.state == .final, !signOff.reviewerWritten {
            add(.error, .signoffNoReviewer,
                "\(what) is marked final but names no reviewer; add '\(keys)reviewed_by: {name, role, date}', or set '\(keys)state: draft' until it is reviewed",
                at: signOff.stateLocation ?? signOff.location)
        }
        if signOff.reviewerWritten, !signOff.preparerWritten {
            add(.warning, .signoffNoPreparer,
                "\(what) names a reviewer but no preparer, so nothing says whose work was reviewed; add '\(keys)prepared_by: {name, role, date}'",
                at: signOff.reviewedBy?.nameLocation ?? signOff.location)
        }
        for (signature, act, key) in [(signOff.preparedBy, "prepared", "prepared_by"), (signOff.reviewedBy, "reviewed", "reviewed_by")] {
            guard let signature, context.isAfterBuildDay(signature.date) else { continue }
            add(.error, .signoffFuture,
                "\(what) is \(act) on \(signature.written), after the build date \(ISODate.day(context.buildDate)): a sign-off not yet given counts for nothing; correct '\(keys)\(key).date'",
                at: signature.dateLocation)
        }
        guard let preparer = signOff.preparedBy, let reviewer = signOff.reviewedBy else { return found }
        if PersonName.same(preparer.person.name, reviewer.person.name) {
            let written = reviewer.person.name == preparer.person.name ? "" : " (written '\(reviewer.person.name)')"
            add(.error, .signoffSelfReview,
                "\(what) is reviewed by its own preparer, \(preparer.person.name)\(written); a review needs a second person: name who reviewed it",
                at: reviewer.nameLocation)
        }
        if Self.isEarlier(reviewer, than: preparer) {
            add(.error, .signoffReviewBeforePreparation,
                "\(what) is reviewed on \(reviewer.written), before it was prepared on \(preparer.written); correct the dates, or review it again",
                at: reviewer.dateLocation)
        }
        return found
    }

    /// Two date-times compare by the instant; otherwise by the calendar day (UTC), so a review on the
    /// day of the preparation is never "before" it for want of a time.
    static func isEarlier(_ one: SignOff.Signature, than other: SignOff.Signature) -> Bool {
        one.hasTime && other.hasTime ? one.date < other.date : ISODate.day(one.date) < ISODate.day(other.date)
    }
}
