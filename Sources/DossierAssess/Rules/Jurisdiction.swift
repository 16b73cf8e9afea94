/// Where a system's location, as written in a graph or a record, puts it for GDPR transfers: inside
/// the EEA, in a named third country, or unknown. Deliberately small and literal: a location it
/// cannot place is unknown, never assumed to be inside the EEA.
package enum Jurisdiction: Equatable {
    case eea
    case thirdCountry(String)
    case unknown

    /// EEA member states (EU 27, Iceland, Liechtenstein, Norway) by name and ISO 3166 code.
    package static let eeaNames: Set<String> = [
        "austria", "belgium", "bulgaria", "croatia", "cyprus", "czechia", "denmark", "estonia", "finland", "france", "germany",
        "greece", "hungary", "ireland", "italy", "latvia", "lithuania", "luxembourg", "malta", "netherlands", "poland",
        "portugal", "romania", "slovakia", "slovenia", "spain", "sweden", "iceland", "liechtenstein", "norway",
        "frankfurt", "dublin", "amsterdam", "paris", "stockholm", "milan", "madrid", "eu", "eea",
    ]
    package static let eeaCodes: Set<String> = [
        "at", "be", "bg", "hr", "cy", "cz", "dk", "ee", "fi", "fr", "de", "gr", "hu", "ie", "it", "lv", "lt", "lu", "mt", "nl",
        "pl", "pt", "ro", "sk", "si", "es", "se", "is", "li", "no",
    ]
    /// Third countries by the names and codes evidence commonly uses, normalised to one code, and every
    /// place with an adequacy decision by the names its list gives (so Jersey is placed, not unknown).
    /// Names that contain another place's are listed whole ("new jersey"), since whole names match first.
    package static let thirdCountries: [String: String] = [
        "uk": "GB", "gb": "GB", "united kingdom": "GB", "britain": "GB", "england": "GB", "london": "GB",
        "us": "US", "usa": "US", "united states": "US", "america": "US", "new jersey": "US", "jersey city": "US",
        "ch": "CH", "switzerland": "CH", "ca": "CA", "canada": "CA", "jp": "JP", "japan": "JP", "in": "IN", "india": "IN",
        "au": "AU", "australia": "AU", "sg": "SG", "singapore": "SG", "cn": "CN", "china": "CN", "br": "BR", "brazil": "BR",
        "north korea": "KP", "democratic people's republic of korea": "KP", "dprk": "KP",
    ].merging(AdequacyDecisions.builtIn.namesByCode) { own, _ in own }
    /// Cloud regions whose names do not say their country.
    package static let regions: [String: Jurisdiction] = [
        "eu-west-1": .eea, "eu-west-2": .thirdCountry("GB"), "eu-west-3": .eea, "eu-central-1": .eea, "eu-central-2": .thirdCountry("CH"),
        "eu-north-1": .eea, "eu-south-1": .eea, "eu-south-2": .eea, "europe-west1": .eea, "europe-west2": .thirdCountry("GB"),
        "europe-west3": .eea, "europe-west4": .eea, "europe-west6": .thirdCountry("CH"), "europe-north1": .eea,
        "westeurope": .eea, "northeurope": .eea, "uksouth": .thirdCountry("GB"), "ukwest": .thirdCountry("GB"),
    ]

    package init(_ location: String) {
        let text = location.lowercased().trimmingCharacters(in: .whitespaces)
        if let region = Self.regions[text] {
            self = region
            return
        }
        if text.hasPrefix("us-") {
            self = .thirdCountry("US")
            return
        }
        // Country names are matched as words; two-letter codes only when they are the whole text.
        let words = text.split { !$0.isLetter && $0 != " " }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let tokens = words + words.flatMap { $0.split(separator: " ").map(String.init) }
        if text.count == 2 {
            if Self.eeaCodes.contains(text) { self = .eea; return }
            if let code = Self.thirdCountries[text] { self = .thirdCountry(code); return }
        }
        for token in tokens where token.count > 2 || token == "uk" || token == "us" || token == "eu" {
            if let code = Self.thirdCountries[token] { self = .thirdCountry(code); return }
        }
        if tokens.contains(where: { Self.eeaNames.contains($0) }) {
            self = .eea
            return
        }
        self = .unknown
    }
}
