import DossierModel
import Foundation

/// The live-reload script and the two changes made to a page as it is served — never to the pack
/// on disk, which stays the pack an auditor receives.
package enum LiveReload {
    package static let scriptPath = "/__dossier/live.js"
    package static let statePath = "/__dossier/state"

    /// Adds the script before `</body>` and lets the page's Content-Security-Policy allow the script's
    /// requests to this server (the pack's own policy forbids any connection).
    package static func served(_ html: String, version: String) -> String {
        var page = html
        if let policy = page.range(of: "http-equiv=\"Content-Security-Policy\" content=\"") {
            page.insert(contentsOf: "connect-src 'self'; ", at: policy.upperBound)
        }
        let tag = "<script src=\"\(scriptPath)\" data-version=\"\(version)\"></script>\n"
        if let end = page.range(of: "</body>", options: [.backwards, .caseInsensitive]) {
            page.insert(contentsOf: tag, at: end.lowerBound)
        } else {
            page += tag
        }
        return page
    }

    /// A page's version: the SHA-256 of its bytes as the pack holds them, and the digest of the theme
    /// and images (a page whose stylesheet or image changed is shown again too).
    package static func version(_ data: Data, assets: String) -> String {
        ContentHash.sha256(data) + "-" + assets.prefix(16)
    }

    /// Waits for news of a rebuild; reloads (keeping the scroll position) when the page it is on
    /// changed, and shows a failed rebuild's errors over the page until the next good one. Text from
    /// the server is set as text, never as markup: it quotes the evidence.
    package static let script = """
        (() => {
          "use strict";
          const shown = document.currentScript.dataset.version;
          const scrollKey = "dossier-live-scroll:" + location.pathname;
          const saved = sessionStorage.getItem(scrollKey);
          if (saved !== null) {
            sessionStorage.removeItem(scrollKey);
            addEventListener("load", () => scrollTo(0, Number(saved)));
          }
          let panel = null;
          function showErrors(errors) {
            if (!errors.length) { if (panel) { panel.remove(); panel = null; } return; }
            if (!panel) {
              panel = document.createElement("aside");
              panel.setAttribute("role", "alert");
              panel.id = "dossier-live-errors";
              Object.assign(panel.style, {
                position: "fixed", left: "0", right: "0", bottom: "0", maxHeight: "40vh", overflow: "auto", zIndex: "1000",
                margin: "0", padding: "0.75rem 1rem", background: "#7a1212", color: "#fff", font: "14px/1.4 system-ui, sans-serif"
              });
              document.body.appendChild(panel);
            }
            panel.textContent = "";
            const heading = document.createElement("strong");
            heading.textContent = shown
              ? "The last rebuild failed; this is the last pack that built."
              : "The last build failed; no pack built so far has this page.";
            panel.appendChild(heading);
            for (const error of errors) {
              const line = document.createElement("pre");
              line.style.whiteSpace = "pre-wrap";
              line.style.margin = "0.5rem 0 0";
              line.textContent = error;
              panel.appendChild(line);
            }
          }
          async function watch() {
            let attempt = -1;
            for (;;) {
              try {
                const asked = "\(statePath)?after=" + attempt + "&page=" + encodeURIComponent(location.pathname);
                const response = await fetch(asked, { cache: "no-store" });
                const state = await response.json();
                // Whatever the errors: a failed rebuild's pages, shown before it failed, give way to the pack's.
                if (state.page !== shown) {
                  sessionStorage.setItem(scrollKey, String(scrollY));
                  location.reload();
                  return;
                }
                showErrors(state.errors);
                attempt = state.attempt;
              } catch (error) {
                await new Promise(resolve => setTimeout(resolve, 1000));
              }
            }
          }
          watch();
        })();
        """
}
