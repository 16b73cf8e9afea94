@testable import DossierModel
import DossierTestSupport
import Foundation
import Testing

/// `DiagnosticID.constants` lists every constant of DiagnosticID.swift, so that a remediation naming
/// any finding Dossier reports is recognised, and a new constant cannot be left out of that list.
@Suite struct DiagnosticCatalogueTests {
    @Test func everyConstantIsListed() throws {
        let source = try String(
            contentsOf: Repository.root.appendingPathComponent("Sources/DossierModel/Diagnostics/DiagnosticID.swift"), encoding: .utf8)
        let declared = Set(source.matches(of: try Regex(#"DiagnosticID\("(dossier\.[a-z0-9-]+\.[a-z0-9-]+)"\)"#)).compactMap { $0.output[1].substring.map(String.init) })
        let listed = DiagnosticID.constants.map(\.rawValue)
        #expect(declared.count > 100, "the scan found the constants")
        #expect(Set(listed) == declared, "missing from DiagnosticID.constants: \(declared.subtracting(listed).sorted())")
        #expect(listed.count == Set(listed).count, "listed twice")
    }
}
