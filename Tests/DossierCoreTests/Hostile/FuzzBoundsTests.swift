import DossierIntake
import DossierModel
import DossierPack
import DossierPublish
import Foundation
import Testing

/// The structured fuzz targets over the input bounds (`FuzzTargets.boundTargets`), run by `make test`
/// on the seeds committed for them in `Tests/Fixtures/fuzz/<target>/` (CI replays the same seeds
/// through the libFuzzer build with `FUZZ_RUNS=0 make fuzz`). The seeds must reach both sides of
/// each bound, or a replay would prove nothing about it.
@Suite struct FuzzBoundsTests {
    static func seeds(_ target: String) throws -> [(name: String, bytes: [UInt8])] {
        let folder = FuzzRegressionTests.folder.appendingPathComponent(target)
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().map { name in
            (name, try [UInt8](Data(contentsOf: folder.appendingPathComponent(name))))
        }
    }

    @Test(arguments: FuzzTargets.boundTargets)
    func everySeedKeepsEveryInvariant(_ target: String) throws {
        let seeds = try Self.seeds(target)
        #expect(seeds.count >= 5, "\(target) has \(seeds.count) seeds")
        for seed in seeds {
            #expect(FuzzTargets.run(target, seed.bytes) == [], "\(target)/\(seed.name)")
        }
    }

    @Test func tableSeedsLieOnBothSidesOfTheCellBound() throws {
        let plans = try Self.seeds("tables").map { TablePlan($0.bytes) }
        #expect(plans.contains { $0.isPlain && $0.cells > MarkdownTables.limit })
        #expect(plans.contains { $0.isPlain && $0.cells <= MarkdownTables.limit && $0.cells > MarkdownTables.limit * 9 / 10 })
        #expect(plans.contains { $0.prefix.hasPrefix(">") }, "a table in a quote (the bypass the target found)")
    }

    @Test func nestingSeedsLieOnBothSidesOfTheLimit() throws {
        let plans = try Self.seeds("nesting").map { NestingPlan($0.bytes) }
        #expect(plans.contains { $0.shape == .links && $0.depth == MarkdownNesting.limit })
        #expect(plans.contains { $0.shape == .links && $0.depth == MarkdownNesting.limit + 1 })
        #expect(Set(plans.map(\.shape)).count == NestingPlan.Shape.allCases.count, "every shape has a seed")
    }

    @Test func depthSeedsLieOnBothSidesOfTheCeilingAndOfLowerLimits() throws {
        let plans = try Self.seeds("limits").map { LimitsPlan($0.bytes) }
        let ceiling = InputLimits.depthCeiling
        #expect(plans.contains { $0.limits.maxDepth == ceiling && $0.innermost == ceiling - 1 }, "just under the ceiling, read")
        #expect(plans.contains { $0.limits.maxDepth == ceiling && $0.innermost == ceiling }, "at the ceiling, refused")
        #expect(plans.contains { $0.limits.maxDepth < InputLimits().maxDepth && $0.innermost == $0.limits.maxDepth - 1 }, "a lowered limit")
        #expect(Set(plans.map(\.shape)).count == LimitsPlan.Shape.allCases.count, "every shape has a seed")
    }

    @Test func dataFlowSeedsLieOnBothSidesOfTheDiagramBound() throws {
        let sizes = try Self.seeds("data-flow").map { DataFlowPlan($0.bytes).systems }
        #expect(sizes.contains(InputLimits.maxDiagramSystems) && sizes.contains(InputLimits.maxDiagramSystems + 1))
    }

    @Test func fileNameSeedsHoldPersonalDataAndLongNames() throws {
        let paths = try Self.seeds("file-names").map { String(decoding: $0.bytes, as: UTF8.self) }
        let redactor = PersonalDataRedactor(mode: .redact)
        #expect(paths.contains { redactor.publishedPath($0) != $0 } && paths.contains { redactor.publishedPath($0) == $0 })
        #expect(paths.contains { $0.split(separator: "/").contains { $0.utf8.count + ".html".utf8.count > 255 } }, "a page name to shorten")
    }
}
