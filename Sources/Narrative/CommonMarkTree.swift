import CCmark

/// libcmark's tree of a CommonMark text, for the readers that walk it (the narrative's numbers,
/// the importer's outline): parsed once with the default options and freed when the reader is done.
public enum CommonMarkTree {
    /// Calls `body` with the document node of `source`; nil when libcmark returns no tree.
    public static func with<T>(_ source: String, _ body: (OpaquePointer) -> T) -> T? {
        let bytes = Array(source.utf8)
        guard let document = bytes.withUnsafeBufferPointer({ buffer in
            buffer.baseAddress.flatMap { cmark_parse_document($0, buffer.count, CMARK_OPT_DEFAULT) }
                ?? cmark_parse_document("", 0, CMARK_OPT_DEFAULT)
        }) else { return nil }
        defer { cmark_node_free(document) }
        return body(document)
    }
}
