import Analysis
import Foundation
import IncidentModel

/// A profile's ``CallTree`` drawn as an icicle graph (root at the top, callees below), as
/// inline SVG.
///
/// A node's width is its total (inclusive) weight. Children narrower than `minWidthFraction`
/// of the whole profile are merged into one grey "narrow frames" bar per parent (drawn only
/// when that bar is itself wide enough), and rows below the tree's `depthLimit` are cut. With a
/// baseline tree, each node is coloured by the change of its call path's total share: `fg-up-1…3`
/// grew, `fg-down-1…3` shrank, `fg-same` about the same (see ``changeClass(baseline:incident:)``).
public struct FlameGraph: Sendable, Hashable {
    public typealias Node = CallTree.Node

    /// Limits and sizes in viewBox units.
    public struct Options: Sendable, Hashable {
        /// Nodes narrower than this share of the root are merged per parent.
        public var minWidthFraction = 0.003
        public var width = 960.0
        public var rowHeight = 18.0
        public var fontSize = 11.0
        public init() {}
    }

    /// A drawn bar, in drawing order (parents before children, left to right).
    struct Bar: Hashable {
        var name: String
        var depth: Int
        var x: Double
        var width: Double
        var cssClass: String
        var tooltip: String
        var label: String?
    }

    /// The merged call paths of the incident profile, and of the baseline.
    public var tree: CallTree
    public var options: Options

    public var root: Node { tree.root }
    public var baseline: Node? { tree.baseline }
    public var unit: String { tree.unit }
    /// Frames below the root drawn at most.
    public var maxDepth: Int { tree.depthLimit }
    /// Total weight of stacks cut by the depth limit (their frames below it), for the note.
    public var cutWeight: Double { tree.cutWeight }

    public init(_ tree: CallTree, options: Options = Options()) {
        self.tree = tree
        self.options = options
    }

    /// The CSS class for a call path whose total share moved from `baseline` to `incident`
    /// (fractions of each profile's total): by the change in percentage points, under 1 point
    /// `fg-same`, then 1–3, 3–10 and 10 or more points `fg-up-1…3` / `fg-down-1…3`.
    public static func changeClass(baseline: Double, incident: Double) -> String {
        let delta = incident - baseline
        let magnitude = abs(delta)
        guard magnitude >= 0.01 else { return "fg-same" }
        let level = magnitude >= 0.10 ? 3 : magnitude >= 0.03 ? 2 : 1
        return (delta > 0 ? "fg-up-" : "fg-down-") + String(level)
    }

    /// A stable colour among four for a frame without a baseline to compare with.
    static func plainClass(_ name: String) -> String {
        var h: UInt32 = 2_166_136_261
        for b in name.utf8 { h = (h ^ UInt32(b)) &* 16_777_619 }
        return "fg-plain-\(h % 4)"
    }

    /// `1234 samples`, `1.40 s`, `85.0 KB`.
    func amount(_ weight: Double) -> String {
        switch unit {
        case "count", "samples", "":
            let n = QuantityFormat.fixed(weight, digits: 0)
            return n + (n == "1" ? " sample" : " samples")
        case "nanoseconds": return QuantityFormat.duration(weight / 1e9)
        case "microseconds": return QuantityFormat.duration(weight / 1e6)
        case "milliseconds": return QuantityFormat.duration(weight / 1e3)
        case "seconds": return QuantityFormat.duration(weight)
        case "bytes": return QuantityFormat.bytes(weight)
        default: return QuantityFormat.fixed(weight, digits: 0) + " " + unit
        }
    }

    /// The bars to draw, and how many frames were merged into narrow-frame bars.
    func bars() -> (bars: [Bar], merged: Int) {
        guard root.total > 0 else { return ([], 0) }
        let o = options
        let scale = LinearScale(domain: 0...root.total, range: 0...o.width)
        let baselineTotal = baseline?.total ?? 0
        var out: [Bar] = []
        var merged = 0

        func share(_ w: Double, of total: Double) -> Double { total > 0 ? w / total : 0 }
        func visit(_ node: Node, base: Node?, depth: Int, offset: Double) {
            let incShare = share(node.total, of: root.total)
            let width = scale(offset + node.total) - scale(offset)
            let cssClass: String
            var tooltip = "\(node.name) — \(ShareFormat.percent(incShare)) of \(amount(root.total)) (\(amount(node.total)))"
            if baseline != nil {
                let baseShare = share(base?.total ?? 0, of: baselineTotal)
                cssClass = Self.changeClass(baseline: baseShare, incident: incShare)
                tooltip += "; baseline \(ShareFormat.percent(baseShare)), \(ShareFormat.points(incShare - baseShare))"
            } else {
                cssClass = Self.plainClass(node.name)
            }
            if depth > 0 { tooltip += "; self \(ShareFormat.percent(share(node.selfWeight, of: root.total)))" }
            let shown = depth == 0 ? "\(node.name): \(amount(node.total))" : node.name
            out.append(Bar(name: node.name, depth: depth, x: scale(offset), width: width, cssClass: cssClass,
                           tooltip: tooltip, label: Self.label(shown, width: width, fontSize: o.fontSize)))
            guard depth < maxDepth else { return }
            var x = offset
            var narrow: [Node] = []
            for child in node.children {
                if share(child.total, of: root.total) < o.minWidthFraction {
                    narrow.append(child)
                } else {
                    visit(child, base: base?.child(child.name), depth: depth + 1, offset: x)
                    x += child.total
                }
            }
            let narrowTotal = narrow.reduce(0) { $0 + $1.total }
            if !narrow.isEmpty, share(narrowTotal, of: root.total) >= o.minWidthFraction {
                merged += narrow.count
                let width = scale(x + narrowTotal) - scale(x)
                let names = narrow.prefix(4).map(\.name).joined(separator: ", ") + (narrow.count > 4 ? ", …" : "")
                out.append(Bar(
                    name: "", depth: depth + 1, x: scale(x), width: width, cssClass: "fg-narrow",
                    tooltip: "\(narrow.count) frames each under \(ShareFormat.percent(o.minWidthFraction)), together "
                        + "\(ShareFormat.percent(share(narrowTotal, of: root.total))): \(names)",
                    label: Self.label("\(narrow.count) frames", width: width, fontSize: o.fontSize)))
            }
        }
        visit(root, base: baseline, depth: 0, offset: 0)
        return (out, merged)
    }

    /// The label that fits a bar `width` wide: the full name, else the name without its package
    /// path (`handlers.Checkout` for `github.com/acme/checkout/internal/handlers.Checkout`), else
    /// that cut with `…`; nil when not even three characters fit.
    static func label(_ name: String, width: Double, fontSize: Double) -> String? {
        let charWidth = fontSize * 0.62
        let fits = Int(((width - 6) / charWidth).rounded(.down))
        guard fits >= 3 else { return nil }
        if name.count <= fits { return name }
        let short = shortName(name)
        if short.count <= fits { return short }
        return SVG.truncate(short, to: fits)
    }

    /// The frame name after the last `/` that comes before any `(`: the package path dropped.
    static func shortName(_ name: String) -> String {
        let head = name.firstIndex(of: "(").map { name[..<$0] } ?? name[...]
        guard let slash = head.lastIndex(of: "/") else { return name }
        return String(name[name.index(after: slash)...])
    }

    /// Notes for the caption: the merged narrow frames and the depth cut.
    public var notes: [String] {
        var notes: [String] = []
        let merged = bars().merged
        if merged > 0 {
            notes.append("\(merged) frames narrower than \(ShareFormat.percent(options.minWidthFraction)) of the profile are merged into grey bars")
        }
        if cutWeight > 0, root.total > 0 {
            notes.append("stacks deeper than \(maxDepth) frames (\(ShareFormat.percent(cutWeight / root.total)) of the profile) are cut at that depth")
        }
        return notes
    }

    /// The chart's short title.
    public var title: String {
        baseline == nil ? "Incident profile as an icicle graph" : "Incident profile as an icicle graph, coloured by change against the baseline"
    }

    /// A text alternative: the widest entry frames and, with a baseline, the frames whose growth
    /// is not just that of one of their callees (so a chain of callers that grew only because
    /// the frame at its end grew is named once, by that frame), largest growth first.
    public var textAlternative: String {
        guard root.total > 0 else { return "" }
        var text = "Icicle graph of \(amount(root.total)) of the incident profile."
        let top = root.children.prefix(3).map { "\($0.name) \(ShareFormat.percent($0.total / root.total))" }
        if !top.isEmpty { text += " Widest entry frames: " + top.joined(separator: ", ") + "." }
        guard let baseline else { return text }
        func share(_ n: Node?, _ total: Double) -> Double { total > 0 ? (n?.total ?? 0) / total : 0 }
        var grown: [(path: String, name: String, before: Double, after: Double)] = []
        func walk(_ n: Node, _ b: Node?, _ prefix: String, depth: Int) {
            for c in n.children where c.total / root.total >= options.minWidthFraction {
                let bc = b?.child(c.name)
                let before = share(bc, baseline.total), after = share(c, root.total)
                let growth = after - before
                let explained = c.children.contains { cc in
                    share(cc, root.total) - share(bc?.child(cc.name), baseline.total) >= growth - 0.01
                }
                if growth >= 0.01, !explained || depth + 1 >= maxDepth {
                    grown.append((prefix + c.name, c.name, before, after))
                }
                if depth + 1 < maxDepth { walk(c, bc, prefix + c.name + ";", depth: depth + 1) }
            }
        }
        walk(root, baseline, "", depth: 0)
        grown.sort { ($0.after - $0.before, $1.path) > ($1.after - $1.before, $0.path) }
        var seen: Set<String> = []
        var named: [String] = []
        for g in grown where named.count < 4 && seen.insert(g.name).inserted {
            named.append("\(g.name) \(ShareFormat.percent(g.before)) → \(ShareFormat.percent(g.after))")
        }
        if !named.isEmpty { text += " Grew most against the baseline: " + named.joined(separator: "; ") + "." }
        return text
    }

    /// The SVG text, or "" for an empty profile.
    public func svg() -> String {
        let (bars, _) = bars()
        guard !bars.isEmpty else { return "" }
        let o = options
        let legendHeight = baseline == nil ? 0.0 : 26.0
        let depth = bars.map(\.depth).max() ?? 0
        let height = legendHeight + Double(depth + 1) * o.rowHeight
        var s = SVG.open(id: "flame", cssClass: "flame-graph", width: o.width, height: height, title: title, desc: textAlternative)
        if baseline != nil {
            s += legend()
        }
        for bar in bars {
            let y = legendHeight + Double(bar.depth) * o.rowHeight
            s += "<g class=\"fg-node \(bar.cssClass)\"><title>\(HTML.escape(bar.tooltip))</title>"
            s += SVG.rect(x: bar.x, y: y, width: bar.width, height: o.rowHeight - 1, cssClass: "fg-bar")
            if let label = bar.label {
                s += SVG.text(label, x: bar.x + 3, y: y + o.rowHeight - 5.5, cssClass: "fg-label")
            }
            s += "</g>\n"
        }
        return s + "</svg>\n"
    }

    /// Swatches from `shrank` to `grew`.
    func legend() -> String {
        let classes = ["fg-down-3", "fg-down-2", "fg-down-1", "fg-same", "fg-up-1", "fg-up-2", "fg-up-3"]
        var s = "<g class=\"fg-legend\">"
        s += SVG.text("share of the profile against the baseline: shrank", x: 0, y: 14, cssClass: "fg-legend-text")
        var x = SVG.textWidth("share of the profile against the baseline: shrank", fontSize: options.fontSize) + 8
        for c in classes {
            s += "<g class=\"\(c)\">" + SVG.rect(x: x, y: 4, width: 22, height: 13, cssClass: "fg-bar") + "</g>"
            x += 24
        }
        s += SVG.text("grew (1, 3, 10+ points)", x: x + 6, y: 14, cssClass: "fg-legend-text")
        return s + "</g>\n"
    }
}
