import DossierPack
import Foundation

// One binary, every target: DOSSIER_FUZZ_TARGET names the parser (see FuzzTargets.names).
// Built with -parse-as-library, so this file has no top-level code: libFuzzer supplies main.
private var target: String?

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    if target == nil {
        let name = ProcessInfo.processInfo.environment["DOSSIER_FUZZ_TARGET"] ?? ""
        guard FuzzTargets.names.contains(name) else {
            fatalError("set DOSSIER_FUZZ_TARGET to one of: \(FuzzTargets.names.joined(separator: ", "))")
        }
        target = name
    }
    let bytes = start.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    // A broken invariant is a crash to libFuzzer, so it keeps the input.
    if let broken = FuzzTargets.run(target!, bytes), !broken.isEmpty {
        fatalError("\(target!): " + broken.joined(separator: "; "))
    }
    return 0
}
