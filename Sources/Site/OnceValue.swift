import Synchronization

/// A value made at most once, by whichever of several parallel jobs first asks for it, and
/// never when none does (a page taken from the cache does not make what only it would need).
final class OnceValue<Value: Sendable>: Sendable {
    private let state: Mutex<Value?> = Mutex(nil)
    private let make: @Sendable () -> Value

    init(_ make: @escaping @Sendable () -> Value) {
        self.make = make
    }

    /// The value, made on the first call; later calls wait for it and share it.
    var value: Value {
        state.withLock { stored in
            if let stored { return stored }
            let made = make()
            stored = made
            return made
        }
    }
}
