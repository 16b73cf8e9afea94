/// Scripts the layout tests run in headless Chromium to see a page as it prints. A frame cannot be
/// switched to print media, so its `@media print` rules are made unconditional instead.
package enum PrintEmulation {
    /// `promotePrintRules(doc)`: each `@media print` block of the frame's stylesheets is replaced, where
    /// it stands, by its rules, so the cascade is the printed one (a screen rule after the print block
    /// still wins, as on paper; appending the rules at the end let them win and hid such a bug). The
    /// scrollbar is hidden: paper has none, so the page's width is the frame's.
    ///
    /// `splitWords(doc, selector)`: the words (two or more letters) inside the elements `selector`
    /// finds whose glyphs lie on more than one line, and how many words were measured. Text in `code`
    /// or in a link leaving the pack is no word: identifiers, paths and addresses may break anywhere.
    package static let script = """
        function promotePrintRules(doc) {
          for (const sheet of doc.styleSheets) {
            for (let at = sheet.cssRules.length - 1; at >= 0; at--) {
              const rule = sheet.cssRules[at];
              if (!(rule.media && Array.from(rule.media).includes("print"))) continue;
              const inner = Array.from(rule.cssRules).map(r => r.cssText);
              sheet.deleteRule(at);
              inner.reverse().forEach(text => sheet.insertRule(text, at));
            }
          }
          doc.styleSheets[0].insertRule(":root { scrollbar-width: none; }", doc.styleSheets[0].cssRules.length);
        }
        function splitWords(doc, selector) {
          const split = []; let measured = 0;
          for (const cell of doc.querySelectorAll(selector)) {
            const walker = doc.createTreeWalker(cell, NodeFilter.SHOW_TEXT); let text;
            while ((text = walker.nextNode())) {
              if (text.parentElement.closest("code, a[href^='http']")) continue;
              const pattern = /\\p{L}{2,}/gu; let match;
              while ((match = pattern.exec(text.data))) {
                const range = doc.createRange();
                range.setStart(text, match.index); range.setEnd(text, match.index + match[0].length);
                const tops = new Set(Array.from(range.getClientRects()).filter(r => r.width > 0).map(r => Math.round(r.top)));
                measured++;
                if (tops.size > 1) split.push(match[0] + "@" + Array.from(tops).join("/"));
              }
            }
          }
          return { split, measured };
        }

        """
}
