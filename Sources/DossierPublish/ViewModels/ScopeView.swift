import DossierIntake
import DossierModel

/// Who and what the pack covers, from `dossier.yml`; every field empty when there is none.
package struct ScopeView: Sendable, Encodable, Hashable {
    package var configured: Bool
    package var organisation: String
    package var scope: String
    package var frameworks: String
    package var auditPeriod: String
    package var release: String

    package init(_ configuration: PackConfiguration?) {
        configured = configuration != nil
        organisation = configuration?.organisation ?? ""
        scope = configuration?.scope ?? ""
        frameworks = configuration?.frameworks.map(FrameworkName.of).joined(separator: " · ") ?? ""
        auditPeriod = configuration?.auditPeriod.map {
            "\(BuildDate(date: $0.start, source: .clock).isoDay) to \(BuildDate(date: $0.end, source: .clock).isoDay)"
        } ?? ""
        release = configuration?.release ?? ""
    }
}
