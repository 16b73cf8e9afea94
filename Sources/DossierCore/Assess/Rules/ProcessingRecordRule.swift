/// Every point of GDPR Art. 30(1) is filled in for each processing activity: the reader insists the
/// fields exist; this rule insists they say something.
struct ProcessingRecordRule: AssessmentRule {
    static let identifiers = ["dossier.ropa.missing-point"]

    func check(_ context: RuleContext) -> [RuleFinding] {
        var findings: [RuleFinding] = []
        for (activity, document) in context.documents(\.processingActivity) {
            for (point, what, present, _) in Self.points(of: activity) where !present {
                // The record is the evidence for its own points: one left empty is missing, whatever the checklists say.
                findings.append(RuleFinding(diagnostic: Diagnostic(
                    .error, "dossier.ropa.missing-point", "Record \(activity.id) does not state \(what) (GDPR Art. \(point)); fill it in",
                    file: document.path, at: SourceLocation(line: 1, column: 1)), standing: nil, fails: ["gdpr": [point]]))
            }
        }
        return findings
    }

    /// Each point of Art. 30(1) a record must state, whether it has a value, and whether that value is
    /// real: a placeholder left from `dossier init` is a value (the field exists), but it states nothing.
    static func points(of activity: ProcessingActivity) -> [(point: String, what: String, present: Bool, stated: Bool)] {
        func real(_ values: [String]) -> Bool { values.contains { !PlaceholderChecker.isPlaceholder($0) } }
        let controller = activity.controller
        return [
            ("30(1)(a)", "the controller's name and contact details", controller != nil,
             controller.map { real([$0.name]) && real([$0.contact]) } ?? false),
            ("30(1)(b)", "the purposes of the processing", !activity.purposes.isEmpty, real(activity.purposes)),
            ("30(1)(c)", "the categories of data subjects and of personal data", !activity.dataSubjects.isEmpty && !activity.personalData.isEmpty,
             real(activity.dataSubjects) && real(activity.personalData)),
            ("30(1)(d)", "the categories of recipients", !activity.recipients.isEmpty, real(activity.recipients.map(\.name))),
            ("30(1)(f)", "the time limits for erasure", !(activity.erasure ?? "").isEmpty, real([activity.erasure ?? ""].filter { !$0.isEmpty })),
            ("30(1)(g)", "the technical and organisational security measures", !activity.securityMeasures.isEmpty, real(activity.securityMeasures)),
        ]
    }
}
