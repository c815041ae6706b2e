/// A named set of profile frames to watch together, e.g. `gc` = runtime.scanobject + runtime.mallocgc.
public struct FrameGroup: Sendable, Hashable, Codable {
    public var name: String
    /// Frame names; a frame matches if it equals an entry exactly.
    public var frames: [String]
    public var location: SourceLocation

    public init(name: String, frames: [String], location: SourceLocation) {
        self.name = name
        self.frames = frames
        self.location = location
    }
}
