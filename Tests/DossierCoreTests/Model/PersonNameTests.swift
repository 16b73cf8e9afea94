@testable import DossierIntake
import Testing

/// Separation of duties compares names as people write them: one person's name in another spelling
/// is still that person, and an auditor found self-approvals hidden behind an address, a reversed
/// name and a note in brackets.
@Suite struct PersonNameTests {
    @Test(arguments: [
        ("Hannah Okafor", "hannah.okafor@example.com"), ("Hannah Okafor", "Okafor, Hannah"), ("Hannah Okafor", "Hannah Okafor (review chair)"),
        ("Hannah  Okafor ", "HANNAH OKAFOR"), ("Hannah Okafor", "Hannah\u{200B} Okafor"), ("Zoë Ng", "zoe_ng+cab@corp.example"),
        ("Jean-Luc Picard", "Picard, Jean Luc"),
    ] as [(String, String)])
    func oneNameInTwoSpellingsIsOnePerson(_ one: String, _ other: String) {
        #expect(PersonName.same(one, other) && PersonName.same(other, one), "\(one) / \(other)")
    }

    @Test(arguments: [
        ("Hannah Okafor", "Aisha Mensah"), ("Hannah Okafor", "Hannah Okafor-Smith"), ("Hannah Okafor", "H. Okafor"),
        ("Hannah Okafor", "hannah@example.com"), ("(review chair)", "()"), ("", " "),
        (String(repeating: "()", count: 200_000), "()"),
    ] as [(String, String)])
    func differentNamesAreDifferentPeople(_ one: String, _ other: String) {
        #expect(!PersonName.same(one, other) || (one.trimmingCharacters(in: .whitespaces).isEmpty && other.trimmingCharacters(in: .whitespaces).isEmpty), "\(one) / \(other)")
    }
}
