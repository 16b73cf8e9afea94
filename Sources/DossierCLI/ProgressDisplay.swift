import ArgumentParser
import DossierModel
import DossierPack
import Foundation

/// Shows a build's progress on standard error: a bar redrawn in place on a terminal, one plain
/// line per stage elsewhere (a CI log keeps every line, so a bar would fill it with carriage
/// returns). Nothing at all for the first second, so a small build prints exactly what it did.
final class ProgressDisplay: @unchecked Sendable {
    enum Mode: String, CaseIterable {
        case auto, bar, lines, none
    }

    private let bar: Bool
    private let start = Date()
    private let lock = NSLock()
    private var lastDraw = Date.distantPast
    private var stage: (name: String, total: Int, began: Date)?
    private var drewBar = false
    /// Seconds before anything is shown; DOSSIER_PROGRESS_AFTER changes it (the tests set 0).
    let quietPeriod = ProcessInfo.processInfo.environment["DOSSIER_PROGRESS_AFTER"].flatMap(Double.init) ?? 1.0
    static let width = 30

    init(bar: Bool) {
        self.bar = bar
    }

    /// The display for `mode`, or nil when nothing is to be shown.
    static func make(_ mode: Mode, quiet: Bool) -> ProgressDisplay? {
        switch mode {
        case .none: return nil
        case .bar: return ProgressDisplay(bar: true)
        case .lines: return ProgressDisplay(bar: false)
        case .auto: return quiet ? nil : ProgressDisplay(bar: isatty(STDERR_FILENO) == 1)
        }
    }

    var progress: BuildProgress {
        BuildProgress { [self] event in lock.withLock { handle(event) } }
    }

    private func handle(_ event: BuildProgress.Event) {
        let now = Date()
        switch event {
        case .stage(let name, let total):
            endLine(now)
            stage = (name, total, now)
            draw(done: 0, total: total, now: now, force: true)
        case .advanced(_, let done, let total):
            draw(done: done, total: total, now: now, force: done == total)
        case .finished:
            endLine(now)
            if bar && drewBar { write("\r\u{1B}[K") }
        }
    }

    private func draw(done: Int, total: Int, now: Date, force: Bool) {
        guard bar, let stage, now.timeIntervalSince(start) >= quietPeriod,
              force || now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        drewBar = true
        guard total > 0 else {
            write("\r\u{1B}[K\(stage.name)…")
            return
        }
        let filled = Self.width * done / total
        let cells = String(repeating: "█", count: filled) + String(repeating: "░", count: Self.width - filled)
        write("\r\u{1B}[K\(cells) \(stage.name) \(done)/\(total)")
    }

    /// In line mode, the stage that just ended, once the build has run long enough to be worth it.
    private func endLine(_ now: Date) {
        guard !bar, let stage, now.timeIntervalSince(start) >= quietPeriod else { return }
        let items = stage.total > 0 ? " (\(stage.total))" : ""
        write(String(format: "dossier: %@%@ done in %.1f s\n", stage.name, items, now.timeIntervalSince(stage.began)))
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

extension ProgressDisplay.Mode: ExpressibleByArgument {}
