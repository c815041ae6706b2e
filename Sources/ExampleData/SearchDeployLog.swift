/// The deploy log around the /search incident: the release that turned related items on, a
/// front-end release the same hour, unrelated deploys that day and the day before, and the
/// next day's fix. The feature-flag switch that mitigated it is not a deploy and is not here.
enum SearchDeployLog {
    static func at(_ hour: Int, _ minute: Int, dayOffset: Int64 = 0) -> Int64 {
        SearchTimeline.dayStart + dayOffset * 86_400 + Int64(hour * 3600 + minute * 60)
    }

    static let entries: [DeployLog.Entry] = [
        .init(time: at(17, 25, dayOffset: -1), service: "search-service", version: "v1.51.4",
              change: "OpenSearch client: lower the per-try timeout from 2 s to 800 ms", actor: "deploy-bot (PR #1018, j.okafor)"),
        .init(time: at(9, 40), service: "catalog-service", version: "v3.8.0",
              change: "Backfill brand facets for the spring range", actor: "deploy-bot (PR #2210, p.varga)"),
        .init(time: at(11, 15), service: "api-gateway", version: "v2.6.1",
              change: "Add a per-client rate limit to /search/suggest", actor: "deploy-bot (PR #702, t.nguyen)"),
        .init(time: at(13, 52), service: "web-frontend", version: "v7.30.0",
              change: "Related items carousel under each search result (reads the new related_ids field)",
              actor: "deploy-bot (PR #5120, e.lindqvist)"),
        .init(time: at(14, 10), service: "search-service", version: "v1.52.0",
              change: "Related items on search results, behind flag search.related_items (default on)",
              actor: "deploy-bot (PR #1031, h.sato)"),
        .init(time: at(14, 38), service: "pricing-service", version: "v2.19.2",
              change: "Round VAT per line instead of per basket", actor: "deploy-bot (PR #877, m.costa)"),
        .init(time: at(16, 20), service: "notification-service", version: "v0.21.0",
              change: "Batch back-in-stock e-mails", actor: "deploy-bot (PR #431, s.lind)"),
        .init(time: at(10, 5, dayOffset: 1), service: "search-service", version: "v1.52.1",
              change: "Related items: load with one batched query per page (item_id = ANY($1))",
              actor: "deploy-bot (PR #1036, h.sato)"),
    ]

    static func render() -> String {
        var out = ""
        for e in entries.sorted(by: { $0.time < $1.time }) {
            out += "{\"time\":\(TextFormatting.jsonString(TextFormatting.rfc3339(seconds: e.time)))"
            out += ",\"service\":\(TextFormatting.jsonString(e.service))"
            out += ",\"version\":\(TextFormatting.jsonString(e.version))"
            out += ",\"change\":\(TextFormatting.jsonString(e.change))"
            out += ",\"actor\":\(TextFormatting.jsonString(e.actor))}\n"
        }
        return out
    }
}
