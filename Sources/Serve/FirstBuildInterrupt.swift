import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SIGINT and SIGTERM while `serve`'s first build runs, before the service group that handles
/// them later has started: the build cannot be stopped half-way, and it writes nothing a stop
/// could leave half-written (the cache's entries are renamed into place), so the process says
/// `stopped` and exits 0, as a stop while serving does, instead of dying of the signal.
final class FirstBuildInterrupt: @unchecked Sendable {
    private let sources: [any DispatchSourceSignal]
    static let signals = [SIGINT, SIGTERM]

    /// Starts listening; `stopped` is said (from another thread) just before the exit.
    init(stopped: @escaping @Sendable () -> Void) {
        sources = Self.signals.map { number in
            #if canImport(Darwin)
            // As swift-service-lifecycle does: on Darwin the source reads kqueue, below the
            // signal's own action, which must not end the process. On Linux, libdispatch installs
            // its own handler, which stays installed for the group's sources after ours end.
            signal(number, SIG_IGN)
            #endif
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                stopped()
                _exit(0)
            }
            source.resume()
            return source
        }
    }

    /// Stops listening, for the service group's own sources to take the signals over.
    func end() {
        for source in sources { source.cancel() }
    }
}
