/// The name a person reads for a built-in framework ID; a user framework is shown by its ID.
package enum FrameworkName {
    package static func of(_ id: String) -> String {
        switch id {
        case "gdpr": "GDPR Art. 30"
        case "soc2": "SOC 2 CC6"
        case "iso27001-2022": "ISO/IEC 27001:2022 Annex A"
        default: id
        }
    }
}
