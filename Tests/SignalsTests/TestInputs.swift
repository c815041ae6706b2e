import Foundation
import Signals

extension Data {
    /// Inline test input.
    init(text: String) {
        self.init(text.utf8)
    }
}

extension TraceSet {
    /// Whether following parents from every span ends at a root or an orphan, without a cycle.
    var parentChainsEnd: Bool {
        let byKey = Dictionary(spans.map { ($0.traceID + "/" + $0.spanID, $0) }, uniquingKeysWith: { a, _ in a })
        for span in spans {
            var current = span
            var steps = 0
            while let p = current.parentSpanID, let parent = byKey[current.traceID + "/" + p] {
                current = parent
                steps += 1
                if steps > spans.count { return false }
            }
        }
        return true
    }
}
