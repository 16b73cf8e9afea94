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
        // An initial cannot tell Hannah from Henry Okafor: separation of duties takes the cautious
        // reading, and the approval asks for the name in full.
        ("Hannah Okafor", "H. Okafor"), ("Tomasz Wilk", "Wilk T"), ("Jean-Luc Picard", "J. L. Picard"),
    ] as [(String, String)])
    func oneNameInTwoSpellingsIsOnePerson(_ one: String, _ other: String) {
        #expect(PersonName.same(one, other) && PersonName.same(other, one), "\(one) / \(other)")
    }

    @Test(arguments: [
        ("Hannah Okafor", "Aisha Mensah"), ("Hannah Okafor", "Hannah Okafor-Smith"), ("Hannah Okafor", "A. Okafor"),
        ("Hannah Okafor", "H. Mensah"), ("H. Okafor", "H. Mensah"), ("Hannah Okafor", "H. O."),
        ("Hannah Okafor", "hannah@example.com"), ("(review chair)", "()"), ("", " "),
        (String(repeating: "()", count: 200_000), "()"),
    ] as [(String, String)])
    func differentNamesAreDifferentPeople(_ one: String, _ other: String) {
        #expect(!PersonName.same(one, other) || (one.trimmingCharacters(in: .whitespaces).isEmpty && other.trimmingCharacters(in: .whitespaces).isEmpty), "\(one) / \(other)")
    }

    @Test func aRoleDeniedByTheWordBeforeItIsNotHeld() {
        #expect(PersonName.role("Platform Security Engineer", holdsOneOf: ["engineer"]))
        #expect(PersonName.role("Non-Executive Director", holdsOneOf: ["director"]))
        #expect(PersonName.role("ex officio CAB member", holdsOneOf: ["CAB"]))
        #expect(PersonName.role("ex-Google engineer", holdsOneOf: ["engineer"]))
        for denied in ["Head of Customer Support (non-engineer)", "Sponsor, not an engineer", "Former engineer", "ex-engineer"] {
            #expect(!PersonName.role(denied, holdsOneOf: ["engineer"]), "\(denied)")
        }
    }
}
