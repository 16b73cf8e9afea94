import DossierIntake
import DossierModel

/// Every point of GDPR Art. 30(1) is filled in for each processing activity: the reader insists the
/// fields exist; this rule insists they say something.
package struct ProcessingRecordRule: AssessmentRule {
    package static let identifiers: [DiagnosticID] = [DiagnosticID.ropaMissingPoint]

    /// One point of Art. 30(1) as a record states it.
    package struct Point {
        var point: String
        var what: String
        /// The field has a value; an empty one is reported here (`dossier.ropa.missing-point`).
        var present: Bool
        /// The value says something real: a placeholder left from `dossier init` is a value (the field
        /// exists), but it states nothing.
        var stated: Bool
        /// What the record says of the point, as the control's reason reads it after the file's name.
        var reading: String
        /// The record's fields that state it: an error in another field leaves the point proven.
        var fields: [String]

        init(_ point: String, _ what: String, fields: [String], present: Bool, stated: Bool, reading: String? = nil) {
            self.point = point
            self.what = what
            self.fields = fields
            self.present = present
            self.stated = stated
            self.reading = reading ?? (stated ? "states \(what)" : "does not state \(what)" + (present ? " (only a placeholder)" : ""))
        }
    }

    package func check(_ context: RuleContext) -> [RuleFinding] {
        var findings: [RuleFinding] = []
        for (activity, document) in context.documents(\.processingActivity) {
            for point in Self.points(of: activity) where !point.present {
                // The record is the evidence for its own points: one left empty is missing, whatever the checklists say.
                findings.append(RuleFinding(diagnostic: Diagnostic(
                    .error, DiagnosticID.ropaMissingPoint, "Record \(activity.id) does not state \(point.what) (GDPR Art. \(point.point)); fill it in",
                    file: document.path, at: point.fields.lazy.compactMap { document.tree?[$0]?.location }.first ?? SourceLocation(line: 1, column: 1)),
                    standing: nil, fails: ["gdpr": [point.point]]))
            }
        }
        return findings
    }

    /// Each point of Art. 30(1) a record must state. Point (e) is judged recipient by recipient
    /// (`TransferCheck`); its gaps are reported by TransferRule at each recipient, not here.
    package static func points(of activity: ProcessingActivity) -> [Point] {
        func real(_ values: [String]) -> Bool { values.contains { !PlaceholderRule.statesNothing($0) } }
        let controller = activity.controller
        return [
            Point("30(1)(a)", "the controller's name and contact details", fields: ["controller"], present: controller != nil,
                  stated: controller.map { real([$0.name]) && real([$0.contact]) } ?? false),
            Point("30(1)(b)", "the purposes of the processing", fields: ["purposes"], present: !activity.purposes.isEmpty, stated: real(activity.purposes)),
            Point("30(1)(c)", "the categories of data subjects and of personal data", fields: ["data_subjects", "personal_data"],
                  present: !activity.dataSubjects.isEmpty && !activity.personalData.isEmpty,
                  stated: real(activity.dataSubjects) && real(activity.personalData)),
            Point("30(1)(d)", "the categories of recipients", fields: ["recipients"], present: !activity.recipients.isEmpty, stated: real(activity.recipients.map(\.name))),
            TransferCheck.point(of: activity),
            Point("30(1)(f)", "the time limits for erasure", fields: ["erasure"], present: !(activity.erasure ?? "").isEmpty,
                  stated: real([activity.erasure ?? ""].filter { !$0.isEmpty })),
            Point("30(1)(g)", "the technical and organisational security measures", fields: ["security_measures"], present: !activity.securityMeasures.isEmpty,
                  stated: real(activity.securityMeasures)),
        ]
    }
}
