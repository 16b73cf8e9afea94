import DossierModel
import Foundation

/// `build --pdf`: prints the pack's `print.html` into `pack.pdf` with headless Chromium. The only code
/// that starts the browser (`scripts/check-layers.py` holds it to this file).
///
/// The page is printed from a scratch folder holding `print.html` and the theme's assets, nothing
/// else: `print.html` links only within itself, so the PDF names no path of the machine. Chromium
/// stamps the PDF with the time it ran; `DeterministicPDF` puts the build date there, so two builds of
/// the same evidence on the same machine give the same bytes.
package struct ChromiumPrinter: Sendable {
    /// The browser's names on PATH, in the order they are tried.
    package static let names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]
    /// Names the browser to use, instead of looking for it on PATH.
    package static let variable = "DOSSIER_CHROMIUM"
    /// A print that takes longer has hung: the build stops rather than wait forever.
    static let timeout: TimeInterval = 300

    package let browser: URL
    let environment: [String: String]

    /// The browser from `DOSSIER_CHROMIUM`, else the first of `names` on PATH; thrown (exit 2) when there is none.
    package static func locate(environment: [String: String]) throws -> ChromiumPrinter {
        let manager = FileManager.default
        if let named = environment[variable], !named.isEmpty {
            guard manager.isExecutableFile(atPath: named) else {
                throw DossierError(path: PackPaths.pdf, reason: .printFailed(
                    "\(variable) names '\(named)', which is not an executable file; point it at Chromium or unset it"))
            }
            return ChromiumPrinter(browser: URL(fileURLWithPath: named), environment: environment)
        }
        let folders = (environment["PATH"] ?? "").split(separator: ":").map(String.init)
        for name in names {
            for folder in folders where manager.isExecutableFile(atPath: folder + "/" + name) {
                return ChromiumPrinter(browser: URL(fileURLWithPath: folder + "/" + name), environment: environment)
            }
        }
        throw DossierError(path: PackPaths.pdf, reason: .printFailed(
            "--pdf prints with headless Chromium, and none was found on PATH (looked for \(names.joined(separator: ", "))); "
                + "install it (Debian: apt-get install chromium) or name it in \(variable)=/path/to/chromium"))
    }

    /// `pack.pdf` from the rendered files: `print.html` and everything under `assets/`.
    package func pdf(of files: [RenderedFile], buildDate: Date) throws -> RenderedFile {
        guard let page = files.first(where: { $0.path == PackPaths.print }) else {
            throw DossierError(path: PackPaths.pdf, reason: .printFailed("the theme rendered no \(PackPaths.print) to print"))
        }
        let manager = FileManager.default
        let scratch = manager.temporaryDirectory.appendingPathComponent("dossier-print-\(UUID().uuidString)")
        defer { try? manager.removeItem(at: scratch) }
        do {
            for file in [page] + files.filter({ $0.path.hasPrefix("assets/") }) {
                let target = scratch.appendingPathComponent(file.path)
                try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try file.contents.write(to: target)
            }
        } catch {
            throw DossierError(path: PackPaths.pdf, reason: .printFailed("cannot prepare the page to print: \(error.localizedDescription)"))
        }
        let output = scratch.appendingPathComponent("print.pdf")
        try run(page: scratch.appendingPathComponent(PackPaths.print), output: output, scratch: scratch)
        guard let printed = try? Data(contentsOf: output), printed.starts(with: Data("%PDF-".utf8)) else {
            throw DossierError(path: PackPaths.pdf, reason: .printFailed("\(browser.path) wrote no PDF"))
        }
        return RenderedFile(path: PackPaths.pdf, contents: try DeterministicPDF.normalise(printed, date: buildDate))
    }

    private func run(page: URL, output: URL, scratch: URL) throws {
        let process = Process()
        process.executableURL = browser
        // A profile of its own: nothing of the user's browser is read, and two builds never share one.
        var arguments = [
            "--headless", "--disable-gpu", "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
            "--disable-extensions", "--disable-sync", "--user-data-dir=\(scratch.appendingPathComponent("profile").path)",
            "--no-pdf-header-footer", "--print-to-pdf=\(output.path)", page.absoluteString,
        ]
        // Chromium refuses to start as root inside its sandbox; the page it prints is Dossier's own,
        // under the pack's Content-Security-Policy, with no script of the evidence.
        if geteuid() == 0 { arguments.insert("--no-sandbox", at: 1) }
        process.arguments = arguments
        var environment = environment
        environment["TZ"] = "UTC"
        process.environment = environment
        let log = scratch.appendingPathComponent("chromium.log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try? FileHandle(forWritingTo: log)
        process.standardOutput = handle ?? FileHandle.nullDevice
        process.standardError = handle ?? FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        do { try process.run() } catch {
            throw DossierError(path: PackPaths.pdf, reason: .printFailed("cannot start \(browser.path): \(error.localizedDescription)"))
        }
        if done.wait(timeout: .now() + Self.timeout) == .timedOut {
            // Asked to stop, then made to: a browser that ignores SIGTERM must not hang the build.
            process.terminate()
            if done.wait(timeout: .now() + 5) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                done.wait()
            }
            throw DossierError(path: PackPaths.pdf, reason: .printFailed("\(browser.path) did not finish printing within \(Int(Self.timeout)) s"))
        }
        try? handle?.close()
        guard process.terminationStatus == 0 else {
            let said = (try? String(contentsOf: log, encoding: .utf8)).map { String($0.suffix(400)) } ?? ""
            throw DossierError(path: PackPaths.pdf, reason: .printFailed("\(browser.path) exited with status \(process.terminationStatus): \(said)"))
        }
    }
}
