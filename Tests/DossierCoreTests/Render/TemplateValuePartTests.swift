import DossierModel
import DossierPublish
import Foundation
import Testing

/// A patch build keeps each Markdown page's view beside the pack (`PatchViews`): read back, it is the
/// very value kept, and bytes it did not write are no view.
@Suite struct TemplateValuePartTests {
    private let view = TemplateValue.object([
        "title": .text("Access review · Zürich"), "sha256": .text(String(repeating: "a", count: 64)), "html": .text(""),
        "hasDiagnostics": .flag(true), "count": .integer(-3), "ratio": .real(0.25), "missing": .absent,
        "backlinks": .list([.object(["href": .text("../x.html"), "title": .text("ACC-1")]), .list([]), .flag(false)]),
    ])

    private func encoded(_ value: TemplateValue) -> Data {
        var writer = PartWriter()
        value.write(to: &writer)
        return writer.data
    }

    @Test func aViewReadBackIsTheViewKept() throws {
        var reader = PartReader(encoded(view))
        #expect(TemplateValue.read(from: &reader) == view)
        #expect(reader.atEnd)
        #expect(encoded(view) == encoded(view), "one view, one encoding")
    }

    @Test func bytesCutShortOrNestedTooDeepAreNoView() {
        let data = encoded(view)
        for cut in 0..<data.count {
            var reader = PartReader(data.prefix(cut))
            #expect(TemplateValue.read(from: &reader) == nil, "cut at \(cut)")
        }
        var deep = TemplateValue.text("x")
        for _ in 0..<100 { deep = .list([deep]) }
        var reader = PartReader(encoded(deep))
        #expect(TemplateValue.read(from: &reader) == nil)
    }

    @Test func aFieldIsSetOnlyWhereTheViewHasIt() {
        #expect(view.setting("html", to: .text("<p>Body</p>"))?.field("html") == .text("<p>Body</p>"))
        #expect(view.setting("nowhere", to: .text("x")) == nil)
        #expect(TemplateValue.text("x").setting("html", to: .text("y")) == nil)
    }
}
