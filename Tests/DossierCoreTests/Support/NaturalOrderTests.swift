@testable import DossierAssess
@testable import DossierIntake
@testable import DossierModel
@testable import DossierPack
@testable import DossierPublish
@testable import DossierResources
import Testing

@Suite struct NaturalOrderTests {
    @Test func controlIDsSortAsTheyAreNumbered() {
        let ids = ["8.22", "8.5", "CC6.10", "8.31", "CC6.2", "30(1)(g)", "30(1)(a)", "5.1", "8.05", "A"]
        #expect(ids.sorted(by: NaturalOrder.less) == ["5.1", "8.5", "8.05", "8.22", "8.31", "30(1)(a)", "30(1)(g)", "A", "CC6.2", "CC6.10"])
    }

    /// A strict weak order: irreflexive, and exactly one of a < b, b < a holds for distinct strings.
    @Test func theOrderIsTotalOnDistinctStrings() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789.A(")
        for _ in 0..<5_000 {
            let a = String((0..<Int.random(in: 0...5, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            let b = String((0..<Int.random(in: 0...5, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            #expect(!NaturalOrder.less(a, a))
            if a != b { #expect(NaturalOrder.less(a, b) != NaturalOrder.less(b, a), "\(a) vs \(b)") }
        }
    }
}
