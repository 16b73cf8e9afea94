/// Who and what the pack covers, from `dossier.yml`; every field empty when there is none.
struct ScopeView: Sendable, Encodable {
    var configured: Bool
    var organisation: String
    var scope: String
    var frameworks: String
    var auditPeriod: String
    var release: String

    init(_ configuration: PackConfiguration?) {
        configured = configuration != nil
        organisation = configuration?.organisation ?? ""
        scope = configuration?.scope ?? ""
        frameworks = configuration?.frameworks.map(Self.frameworkName).joined(separator: " · ") ?? ""
        auditPeriod = configuration?.auditPeriod.map {
            "\(BuildDate(date: $0.start, source: .clock).isoDay) to \(BuildDate(date: $0.end, source: .clock).isoDay)"
        } ?? ""
        release = configuration?.release ?? ""
    }

    static func frameworkName(_ id: String) -> String {
        switch id {
        case "gdpr": "GDPR Art. 30"
        case "soc2": "SOC 2 CC6"
        case "iso27001-2022": "ISO/IEC 27001:2022 Annex A"
        default: id
        }
    }
}
