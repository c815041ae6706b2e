// Fuzz target: SignalReader.read with format deploy-log.
// A SignalError is the expected outcome for bad input; it must name the file and a 1-based line
// and column when it gives one. Anything else (a trap, a sanitizer report, a hang) is a bug.
import Foundation
import Signals

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSignal(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let data = start.map { Data(bytes: $0, count: count) } ?? Data()
    do {
        let parsed = try SignalReader.read(data, file: "fuzz/signal", format: .deployLog)
        FuzzCheck.parsed(parsed)
    } catch {
        FuzzCheck.error(error)
    }
    return 0
}
