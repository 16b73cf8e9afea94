import DossierIntake
import DossierModel

extension BuildReport {
    /// A sign-off in `report.json`: `sign_off` for the pack, and one entry of `sign_offs` per workpaper
    /// that states one (with its `file`), so a tool can tell a final, independently reviewed pack
    /// from a draft without reading the pages.
    package struct SignOffEntry: Encodable {
        package struct Signature: Encodable {
            var name: String
            var role: String?
            /// As written: `2026-10-05`, or a date-time in UTC.
            var date: String
        }

        /// The file it is written in: the workpaper, or the configuration for the pack.
        var file: String
        /// `draft` or `final`; `draft` also when no state is written.
        var state: String
        var stateWritten: Bool
        var preparedBy: Signature?
        var reviewedBy: Signature?

        enum CodingKeys: String, CodingKey {
            case file, state, stateWritten = "state_written", preparedBy = "prepared_by", reviewedBy = "reviewed_by"
        }

        init(_ signOff: SignOff, file: String) {
            func signature(_ signature: SignOff.Signature?) -> Signature? {
                signature.map { Signature(name: signOff.withheldAs ?? $0.person.name, role: signOff.withheldAs == nil ? $0.person.role : nil, date: $0.written) }
            }
            self.file = file
            state = signOff.state.rawValue
            stateWritten = signOff.writtenState != nil
            preparedBy = signature(signOff.preparedBy)
            reviewedBy = signature(signOff.reviewedBy)
        }
    }

    /// The workpapers' sign-offs, by file; a withheld file publishes nothing, its sign-off included.
    static func signOffs(_ context: ReportContext) -> [SignOffEntry] {
        context.result.documents.excluding(context.result.withheld)
            .compactMap { document in document.signOff.map { (document.path, $0) } }
            .sorted { $0.0 < $1.0 }
            .map { SignOffEntry($0.1, file: context.uri($0.0)) }
    }
}
