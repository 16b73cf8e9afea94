@testable import DossierAssess
@testable import DossierIntake
@testable import DossierModel
@testable import DossierPack
@testable import DossierPublish
@testable import DossierResources
import DossierTestSupport
import Foundation
import Mustache
import Testing

/// Dossier renders the built-in theme with its own renderer (`CompiledTheme`) and any theme it cannot
/// take with swift-mustache. The two must write the same bytes: compared here on every page of the
/// sample pack, on hand-picked whitespace cases, and on thousands of random templates.
@Suite struct CompiledThemeTests {
    private static let context = PackRenderer.Context(
        configuration: nil, buildDate: BuildDate(date: Date(timeIntervalSince1970: 0), source: .sourceDateEpoch), generator: "test")

    @Test func theBuiltInThemeIsCompiled() {
        #expect(Theme.builtIn.compiled() != nil, "a built-in template uses a tag CompiledTemplate refuses")
    }

    @Test func everySamplePageIsTheSameWithEitherRenderer() throws {
        let result = try SampleEvidenceTests.result()
        func render(compiling: Bool) throws -> [RenderedFile] {
            try PackRenderer(theme: .builtIn, context: Self.context, compiling: compiling).render(
                result.documents, diagnostics: result.diagnostics, assessment: result.compliance, content: result.content)
        }
        let compiled = try render(compiling: true), interpreted = try render(compiling: false)
        #expect(compiled.map(\.path) == interpreted.map(\.path))
        #expect(compiled.count > 100)
        for (mine, library) in zip(compiled, interpreted) where mine.contents != library.contents {
            Issue.record("\(mine.path) differs from swift-mustache's rendering")
        }
    }

    /// Renders `main` with both renderers over the same value.
    private func both(_ templates: [String: String], _ value: TemplateValue) throws -> (compiled: String?, library: String?) {
        try #require(FuzzTargets.renderWithBoth(templates, value), "both renderers take the templates")
    }

    private static let sample = FuzzTargets.templateView

    @Test(arguments: [
        "{{title}}|{{{title}}}|{{&title}}|{{count}}|{{ratio}}|{{yes}}|{{missing}}",
        "  {{#items}}\n  - {{name}}\n  {{/items}}\n",
        "{{#items}}{{name}}{{#tags}}[{{.}}]{{/tags}}{{/items}}",
        "{{#nested}}{{inner.value}} {{name}} {{title}}{{/nested}}",
        "{{nested.inner.value}}|{{#nested.inner}}{{value}}{{/nested.inner}}|{{nested.missing.value}}",
        "{{^empty}}none{{/empty}}{{^items}}never{{/items}}{{^no}}no{{/no}}{{^missing}}missing{{/missing}}{{^yes}}never{{/yes}}",
        "{{#yes}}yes:{{title}}{{/yes}}{{#no}}never{{/no}}{{#count}}[{{.}}]{{/count}}",
        "a\n  {{! a comment }}\nb {{! inline }} c\n\t{{! tab }}  \nd",
        "line\n{{#yes}}\n  indented\n{{/yes}}\nend\n",
        "x {{#yes}}\ninside\n{{/yes}} y\n",
        "{{#items}}\n{{> row}}\n{{/items}}",
        "before\n  {{> row}}\nafter",
        "  {{> multi}}\n",
        "inline {{> row}} partial",
        "{{> missing}}|{{.}}|{{ title }}",
        "{{#items}}{{.name}}{{/items}}|{{#nested}}{{.title}}{{/nested}}",
        "  \n  {{#yes}}  \n  text\n  {{/yes}}  \n",
        "{a} {{title}} }} { {x",
        "windows\r\n{{#yes}}\r\nline\r\n{{/yes}}\r\n",
        "{{#items}}\n  {{#tags}}\n    {{.}}\n  {{/tags}}\n{{/items}}\n",
    ])
    func sameBytesAsSwiftMustache(_ main: String) throws {
        let templates = ["main": main, "row": "<{{name}}>\n", "multi": "first\n{{#items}}\n{{name}}\n{{/items}}\nlast\n"]
        let (compiled, library) = try both(templates, Self.sample)
        #expect(compiled == library, "template \(main.debugDescription)")
    }

    @Test func refusesWhatItDoesNotTake() {
        for source in ["{{=<% %>=}}", "{{name(upper)}}", "{{<parent}}{{/parent}}", "{{$block}}{{/block}}", "{{>*dynamic}}",
                       "{{% CONTENT_TYPE: TEXT }}", "{{#open}}", "{{/close}}", "{{unfinished"] {
            #expect(throws: CompiledTemplate.Unsupported.self, "\(source)") { try CompiledTemplate(source) }
        }
    }

    /// Random templates from the tags the theme uses, in random places on random lines.
    @Test func randomTemplatesRenderTheSame() throws {
        var generator = SeededGenerator(seed: 20_261_123)
        let pieces = ["{{title}}", "{{{title}}}", "{{count}}", "{{.}}", "{{name}}", "{{! c }}", "{{> row}}", " ", "  ", "\t", "\n", "text", "<p>", "{", "}"]
        let sections = ["items", "yes", "no", "empty", "missing", "nested", "tags", "count"]
        func template(depth: Int) -> String {
            var out = ""
            for _ in 0..<Int.random(in: 0...8, using: &generator) {
                if depth < 3, Int.random(in: 0..<5, using: &generator) == 0 {
                    let name = sections.randomElement(using: &generator)!
                    let open = Bool.random(using: &generator) ? "#" : "^"
                    let inside = template(depth: depth + 1)
                    let newline = Bool.random(using: &generator) ? "\n" : ""
                    out += "{{\(open)\(name)}}\(newline)\(inside){{/\(name)}}\(newline)"
                } else {
                    out += pieces.randomElement(using: &generator)!
                }
            }
            return out
        }
        var compared = 0
        for _ in 0..<3_000 {
            let main = template(depth: 0)
            guard (try? MustacheTemplate(string: main)) != nil else { continue }
            let (compiled, library) = try both(["main": main, "row": "[{{name}}]\n"], Self.sample)
            #expect(compiled == library, "template \(main.debugDescription)")
            compared += 1
        }
        #expect(compared > 2_000)
    }

    /// The `template` fuzz target renders with both renderers and reports any difference.
    @Test func theTemplateFuzzTargetComparesBothRenderers() {
        for template in ["{{#items}}{{> row}}{{/items}}", "  {{#yes}}\n{{title}}\n  {{/yes}}\n", "{{^empty}}none{{/empty}}"] {
            #expect(FuzzTargets.run("template", Array(template.utf8)) == [], "\(template.debugDescription)")
        }
    }
}

/// A reproducible random source (SplitMix64), so a failing template can be found again.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
