@testable import DossierAssess
@testable import DossierIntake
@testable import DossierModel
@testable import DossierPack
@testable import DossierPublish
@testable import DossierResources
import DossierTestSupport
import Foundation
import Testing

/// A misspelt `{{titel}}` in a template of `--templates` rendered as nothing, silently (issue 26); it is
/// now `dossier.template.unknown-key`, at the tag, with the key the author probably meant.
@Suite struct TemplateUnknownKeyTests {
    private static let context = PackRenderer.Context(
        configuration: nil, buildDate: BuildDate(date: Date(timeIntervalSince1970: 0), source: .sourceDateEpoch), generator: "test")

    private func check(_ sources: [String: String], _ views: [String: TemplateValue]) -> [Diagnostic] {
        TemplateKeyCheck(sources: sources, files: [:]).diagnostics(shapes: views.mapValues(TemplateShape.init))
    }

    @Test func theBuiltInThemeUsesOnlyKeysItsViewsHave() throws {
        let result = try SampleEvidenceTests.result()
        let renderer = try PackRenderer(theme: .builtIn, context: Self.context)
        _ = try renderer.render(result.documents, diagnostics: result.diagnostics, assessment: result.compliance, content: result.content)
        let diff = try TemplateValueEncoder.encode(DiffPageView(
            site: SiteView(root: "", packTitle: "", buildDate: "", buildDateSource: "", generator: ""), title: "",
            regressions: [.init(control: "", old: "", new: "", href: "")], itemRegressions: [.init(item: "", old: "", new: "")],
            others: [.init(control: "", old: "", new: "", href: "")], itemOthers: [.init(item: "", old: "", new: "")],
            added: ["a"], removed: ["b"], changed: ["c"], lapsed: ["d"], findings: ["e"]))
        let found = renderer.templateDiagnostics() + Theme.builtIn.keyCheck.diagnostics(shapes: ["diff": TemplateShape(diff)])
        #expect(found.isEmpty, "\(found.map { "\($0.file ?? ""):\($0.location?.description ?? ""): \($0.summary)" })")
    }

    @Test func aMisspeltKeyInAUserTemplateIsReportedAtItsTag() throws {
        let folder = try TemporaryFolder([
            "evidence/dossier.yml": AssessmentFixture.configuration,
            "evidence/policy.md": "# Policy\n\nText.\n",
            "theme/evidence.mustache": "<!doctype html>\n<title>{{ site.packTitle }}</title>\n<h1>{{titel}}</h1>\n<p>{{titel}} again</p>\n",
        ])
        defer { folder.remove() }
        var options = BuildOptions(
            evidence: folder.subfolder("evidence"), output: folder.subfolder("out"), environment: ["SOURCE_DATE_EPOCH": AssessmentFixture.epoch])
        options.templates = folder.subfolder("theme")
        let pack = try BuildPipeline(options: options).build()
        let found = pack.diagnostics.filter { $0.identifier == "dossier.template.unknown-key" }
        #expect(found.count == 1, "once per template file: \(found)")
        let problem = try #require(found.first)
        let path = folder.subfolder("theme/evidence.mustache").standardizedFileURL.path
        #expect(problem.file == path)
        // A template is no evidence file: the console names it by its whole path, not under the evidence folder.
        #expect(DiagnosticConsoleFormatter(pathPrefix: "evidence").format(problem).hasPrefix(path + ":3:5: warning: '{{titel}}'"))
        #expect(problem.location == SourceLocation(line: 3, column: 5))
        #expect(problem.severity == .warning)
        #expect(problem.suggestion?.replacement == "title")
        #expect(problem.summary == "'{{titel}}' is no key of the view model it is rendered with (the evidence page), nor of any section around it, so it renders empty; did you mean 'title'?")
    }

    /// Mustache looks a name up from the innermost section outwards: a name of an enclosing context is
    /// known inside a section, a nil optional or an empty list may hold anything, and a dotted name is
    /// followed part by part.
    @Test func aKeyIsUnknownOnlyWhenNoContextOnTheStackHasIt() {
        let view: TemplateValue = .object([
            "root": .text("../"), "site": .object(["packTitle": .text("P")]), "signOff": .absent, "none": .list([]),
            "items": .list([.object(["name": .text("a"), "done": .flag(true)])]),
        ])
        let template = """
            {{#items}}{{name}} {{root}} {{#done}}{{name}}{{/done}} {{nme}}{{/items}}
            {{site.packTitle}} {{site.packTitel}} {{.}}
            {{#signOff}}{{heading}}{{/signOff}} {{#none}}{{anything}}{{/none}} {{^items}}{{nothing}}{{/items}}
            """
        let found = check(["page": template], ["page": view])
        #expect(found.map { $0.summary.components(separatedBy: " is no key")[0] } == ["'{{nme}}'", "'{{site.packTitel}}'", "'{{nothing}}'"])
        #expect(found.map(\.location) == [SourceLocation(line: 1, column: 56), SourceLocation(line: 2, column: 20), SourceLocation(line: 3, column: 78)])
        #expect(found.map(\.suggestion?.replacement) == ["name", "site.packTitle", nil])
        #expect(found.allSatisfy { $0.file == "templates/page.mustache" && $0.identifier == "dossier.template.unknown-key" })
    }

    /// A view-model type encodes every property on every page, a nil one as `absent`: once one page
    /// has a value, its names are known, even if the other pages have none.
    @Test func aValueOnOnePageMakesItsNamesKnownForAll() {
        var shape = TemplateShape(.object(["signOff": .absent]))
        shape.merge(TemplateShape(.object(["signOff": .object(["heading": .text("Sign-off"), "rows": .list([])])])))
        let found = TemplateKeyCheck(sources: ["page": "{{#signOff}}{{heading}}{{headng}}{{#rows}}{{any}}{{/rows}}{{/signOff}}"], files: [:])
            .diagnostics(shapes: ["page": shape])
        #expect(found.map(\.suggestion?.replacement) == ["heading"])
    }

    /// A partial is shared: a tag in it is wrong only when no page kind that includes it has the name.
    @Test func aPartialIsJudgedOverEveryPageThatIncludesIt() {
        let sources = ["index": "{{> partials/foot}}\n", "findings": "{{> partials/foot}}\n", "partials/foot": "{{commit}} {{generatr}}\n"]
        let found = check(sources, [
            "index": .object(["commit": .text("abc"), "generator": .text("g")]), "findings": .object(["generator": .text("g")]),
        ])
        #expect(found.map(\.summary) == [
            "'{{generatr}}' is no key of the view model it is rendered with (the findings and index pages), nor of any section around it, so it renders empty; did you mean 'generator'?",
        ])
        #expect(found.first?.file == "templates/partials/foot.mustache")
    }

    /// A nil optional is kept as `absent`: the check knows the name, and templates still do not find it.
    @Test func aNilOptionalIsAbsentAndRendersAsBefore() throws {
        let value = try TemplateValueEncoder.encode(DiagnosticView(severity: "", place: "", href: nil, summary: "T", identifier: ""))
        guard case .object(let fields) = value else { Issue.record("not an object"); return }
        #expect(fields["href"] == .absent && fields["summary"] == .text("T"))
        #expect(value.field("href") == nil)
        // As a nil did, an absent name falls back to the enclosing context's.
        let theme = try #require(CompiledTheme(templates: ["main": "{{#page}}{{summary}}{{#href}}<a>{{/href}}{{href}}{{/page}}"]))
        #expect(theme.render(.object(["href": .text("outer"), "page": value]), template: "main") == "T<a>outer")
    }
}
