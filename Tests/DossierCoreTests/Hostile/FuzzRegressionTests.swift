@testable import DossierAssess
@testable import DossierIntake
@testable import DossierModel
@testable import DossierPack
@testable import DossierPublish
@testable import DossierResources
import DossierTestSupport
import Foundation
import Testing

/// Replays every input a fuzz target once failed on (`Tests/Fixtures/fuzz/<target>/`), so a fixed
/// crash or broken invariant stays fixed. `make fuzz` finds new ones; see docs/security.md.
@Suite struct FuzzRegressionTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Fixtures/fuzz").standardizedFileURL

    static var cases: [String] {
        let targets = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return targets.sorted().flatMap { target in
            ((try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(target).path)) ?? []).sorted().map { "\(target)/\($0)" }
        }
    }

    @Test func everyFolderNamesATarget() throws {
        let targets = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path)
        #expect(!targets.isEmpty)
        for target in targets { #expect(FuzzTargets.names.contains(target), "Tests/Fixtures/fuzz/\(target) is not a fuzz target") }
    }

    @Test(arguments: cases) func inputNoLongerFails(_ path: String) throws {
        let bytes = try [UInt8](Data(contentsOf: Self.folder.appendingPathComponent(path)))
        let target = String(path.split(separator: "/")[0])
        #expect(FuzzTargets.run(target, bytes) == [])
    }

    /// The invariants can fail: a diagnostic past the end of the input is caught.
    @Test func positionCheckCanFail() {
        var broken: [String] = []
        let outside = Diagnostic(.error, .inputUnreadable, "Past the end", file: "x", at: SourceLocation(line: 9, column: 1))
        FuzzTargets.checkPositions([outside], in: Array("one line\n".utf8)) { ok, message in if !ok { broken.append(message()) } }
        #expect(broken.count == 1)
    }
}
