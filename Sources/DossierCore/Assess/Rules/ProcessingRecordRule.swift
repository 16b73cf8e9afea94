/// Every point of GDPR Art. 30(1) is filled in for each processing activity: the reader insists the
/// fields exist; this rule insists they say something.
struct ProcessingRecordRule: AssessmentRule {
    static let identifiers = ["dossier.ropa.missing-point"]

    func check(_ context: RuleContext) -> [RuleFinding] {
        var findings: [RuleFinding] = []
        for (activity, document) in context.documents({ if case .processingActivity(let a) = $0 { a } else { nil } }) {
            let points: [(String, String, Bool)] = [
                ("30(1)(a)", "the controller's name and contact details", activity.controller != nil),
                ("30(1)(b)", "the purposes of the processing", !activity.purposes.isEmpty),
                ("30(1)(c)", "the categories of data subjects and of personal data", !activity.dataSubjects.isEmpty && !activity.personalData.isEmpty),
                ("30(1)(d)", "the categories of recipients", !activity.recipients.isEmpty),
                ("30(1)(f)", "the time limits for erasure", !(activity.erasure ?? "").isEmpty),
                ("30(1)(g)", "the technical and organisational security measures", !activity.securityMeasures.isEmpty),
            ]
            for (point, what, present) in points where !present {
                // The record is the evidence for its own points: one left empty is missing, whatever the checklists say.
                findings.append(RuleFinding(diagnostic: Diagnostic(
                    .error, "dossier.ropa.missing-point", "Record \(activity.id) does not state \(what) (GDPR Art. \(point)); fill it in",
                    file: document.path, at: SourceLocation(line: 1, column: 1)), standing: nil, fails: ["gdpr": [point]]))
            }
        }
        return findings
    }
}
