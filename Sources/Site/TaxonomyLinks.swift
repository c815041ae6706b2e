/// The links to every taxonomy page, for the index and the summary: one list per taxonomy.
public struct TaxonomyLinks: Sendable {
    /// One value with its page and how many incidents have it.
    public struct Link: Sendable {
        public var name: String
        public var href: String
        public var count: Int
    }

    /// One taxonomy's values.
    public struct Group: Sendable {
        public var label: String
        public var links: [Link]
    }

    public var groups: [Group]
    public var hasGroups: Bool

    /// Links relative to `root` for the taxonomies `digests` have values of.
    init(_ digests: [IncidentDigest], root: String) {
        groups = Taxonomy.allCases.compactMap { taxonomy in
            let links = Taxonomy.values(in: digests, taxonomy).map { value in
                Link(name: value.name, href: root + value.path, count: digests.filter { taxonomy.includes($0, value.name) }.count)
            }
            return links.isEmpty ? nil : Group(label: "By \(taxonomy.rawValue)", links: links)
        }
        hasGroups = !groups.isEmpty
    }
}
