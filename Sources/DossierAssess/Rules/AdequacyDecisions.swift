import DossierIntake
import DossierResources
import Foundation

/// The European Commission's adequacy decisions (GDPR Art. 45), from the dated list compiled into
/// Dossier (`catalogs/transfers/adequacy-decisions.yml`): what `safeguard: adequacy` is checked against.
/// A data file rather than code, so that a new or lapsed decision is one reviewed line, with its date.
package struct AdequacyDecisions: Sendable {
    package struct Decision: Sendable, Hashable {
        /// ISO 3166 code, or `EPO` for the European Patent Organisation (an international organisation).
        var code: String
        var name: String
        /// Other names evidence may use for the same place.
        var also: [String]
        var decided: Date
        /// The end of a decision with a sunset clause: it holds through the whole of this day.
        var expires: Date?
        var instrument: String
        /// What the decision covers when that is not the whole country (Canada, Japan, the United States).
        var scope: String?
        /// A certification the recipient itself needs for the decision to cover it (`dpf`: the EU-US Data
        /// Privacy Framework).
        var certification: String?

        func inForce(on date: Date) -> Bool {
            decided <= date && (expires.map { date < $0.addingTimeInterval(86_400) } ?? true)
        }
    }

    package static let path = "transfers/adequacy-decisions.yml"

    /// The day the list was compiled: a decision adopted after it is unknown to Dossier.
    package var asOf: Date?
    package var decisions: [Decision]

    /// The list compiled in. Tests keep it free of diagnostics, so none are reported at build time.
    package static let builtIn: AdequacyDecisions = {
        guard let text = BuiltInCatalogFiles.files[path], let tree = try? YAMLReader().read(text) else {
            return AdequacyDecisions(asOf: nil, decisions: [])
        }
        return read(tree, reader: FieldReader(file: "catalogs/" + path, area: "catalog"))
    }()

    package static func read(_ tree: JSONNode, reader: FieldReader) -> AdequacyDecisions {
        guard let fields = reader.fields(of: tree, allowed: ["kind", "as_of", "source", "decisions"], describing: "the adequacy list") else {
            return AdequacyDecisions(asOf: nil, decisions: [])
        }
        let allowed = ["code", "name", "also", "decided", "expires", "instrument", "scope", "certification"]
        let decisions = fields.objects("decisions", allowed: allowed, required: true) { entry -> Decision? in
            guard let code = entry.string("code", required: true), let name = entry.string("name", required: true),
                  let decided = entry.date("decided", required: true), let instrument = entry.string("instrument", required: true)
            else { return nil }
            return Decision(
                code: code, name: name, also: entry.strings("also") ?? [], decided: decided, expires: entry.date("expires"),
                instrument: instrument, scope: entry.string("scope"), certification: entry.choice("certification", ["dpf"]))
        }
        return AdequacyDecisions(asOf: fields.date("as_of", required: true), decisions: decisions ?? [])
    }

    /// The decision for the place `country` names (a name or code, as Jurisdiction reads it), in force or not.
    package func decision(for country: String) -> Decision? {
        guard case .thirdCountry(let code) = Jurisdiction(country) else { return nil }
        return decisions.first { $0.code == code }
    }

    /// Each place's names and code, lowercased, with the code they stand for: how Jurisdiction places them.
    package var namesByCode: [String: String] {
        Dictionary(decisions.flatMap { decision in
            ([decision.code, decision.name] + decision.also).map { ($0.lowercased(), decision.code) }
        }, uniquingKeysWith: { first, _ in first })
    }
}
