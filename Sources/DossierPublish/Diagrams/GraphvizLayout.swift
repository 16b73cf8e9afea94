import CGraphviz
import Foundation

/// Lays out DOT text with Graphviz's `dot` engine and renders it as SVG, in memory. The only file
/// in Dossier that touches libgvc's C API.
///
/// Graphviz keeps global state (the DOT lexer, the error handler, plugin tables), so every call
/// holds one process-wide lock: Swift Testing and the render stage both call from many threads.
/// The context is created once and kept for the life of the process, because creating one loads
/// the plugins (tens of milliseconds) while a layout afterwards takes a few.
///
/// The SVG returned is Graphviz's own, prolog and comments included; `SVGSanitiser` makes it
/// fit to inline into a page.
package enum GraphvizLayout {
    /// Graphviz refused the DOT text or could not lay it out. Carries what Graphviz said, which
    /// would otherwise go to standard error (DossierCore never prints).
    package struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        package enum Stage: String, Sendable, Hashable {
            case context, parse, layout, render
        }

        package var stage: Stage
        package var message: String

        package var description: String {
            let detail = message.isEmpty ? "no message from Graphviz" : message
            return "Graphviz could not \(stage == .parse ? "read the DOT text" : "\(stage.rawValue) the graph"): \(detail)"
        }
    }

    /// DOT text → SVG text, laid out by the `dot` engine.
    package static func svg(fromDOT dot: String) throws(Failure) -> String {
        lock.lock()
        defer { lock.unlock() }
        messages.removeAll()
        _ = agreseterrors()
        guard let gvc = sharedContext() else {
            throw Failure(stage: .context, message: collectedMessages())
        }
        // agmemread reads a C string; DOT text from DataFlowDOT never holds NUL, and a NUL in
        // other text would only end the graph early, which the parser then reports.
        guard let graph = dot.withCString({ agmemread($0) }) else {
            throw Failure(stage: .parse, message: collectedMessages())
        }
        defer { agclose(graph) }
        guard gvLayout(gvc, graph, "dot") == 0 else {
            throw Failure(stage: .layout, message: collectedMessages())
        }
        defer { gvFreeLayout(gvc, graph) }
        var buffer: UnsafeMutablePointer<CChar>?
        let status = renderData(gvRenderData, gvc, graph, &buffer)
        guard status.result == 0, let buffer else {
            throw Failure(stage: .render, message: collectedMessages())
        }
        defer { gvFreeRenderData(buffer) }
        let bytes = UnsafeRawBufferPointer(start: buffer, count: status.length)
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: - Global state, all guarded by `lock`

    private static let lock = NSLock()
    nonisolated(unsafe) private static var context: OpaquePointer?
    /// What Graphviz reported during the current call (errors and warnings alike).
    nonisolated(unsafe) private static var messages: [String] = []

    /// Graphviz's error handler: a C function pointer cannot capture, so it appends to the
    /// static buffer, which is safe because it only runs inside a locked call.
    private static let collectMessage: @convention(c) (UnsafeMutablePointer<CChar>?) -> Int32 = { text in
        if let text { GraphvizLayout.messages.append(String(cString: text)) }
        return 0
    }

    private static func sharedContext() -> OpaquePointer? {
        if let context { return context }
        // Installed before anything can fail, so no message ever reaches standard error.
        _ = agseterrf(collectMessage)
        context = gvContext()
        return context
    }

    private static func collectedMessages() -> String {
        messages.joined().split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: "; ")
    }

    /// Calls `gvRenderData` for SVG whatever the integer type of its length argument: it is
    /// `unsigned int *` in Graphviz 2.42 (Debian 12) and `size_t *` in later releases, so the
    /// type is inferred from the imported function instead of being written down.
    private static func renderData<Context, Graph, Length: BinaryInteger>(
        _ render: (Context, Graph, UnsafePointer<CChar>?, UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                   UnsafeMutablePointer<Length>?) -> Int32,
        _ gvc: Context, _ graph: Graph, _ buffer: inout UnsafeMutablePointer<CChar>?
    ) -> (result: Int32, length: Int) {
        var length: Length = 0
        let result = render(gvc, graph, "svg", &buffer, &length)
        return (result, Int(length))
    }
}
