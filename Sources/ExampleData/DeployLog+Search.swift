extension DeployLog {
    /// The deploy log around the /search incident: the release that turned related items on, a
    /// front-end release the same hour, unrelated deploys that day and the day before, and the
    /// next day's fix. The feature-flag switch that mitigated it is not a deploy and is not here.
    static let search = DeployLog(dayStart: SearchTimeline.dayStart, entries: [
        Entry(hour: 17, minute: 25, dayOffset: -1, service: "search-service", version: "v1.51.4",
              change: "OpenSearch client: lower the per-try timeout from 2 s to 800 ms", actor: "deploy-bot (PR #1018, j.okafor)"),
        Entry(hour: 9, minute: 40, service: "catalog-service", version: "v3.8.0",
              change: "Backfill brand facets for the spring range", actor: "deploy-bot (PR #2210, p.varga)"),
        Entry(hour: 11, minute: 15, service: "api-gateway", version: "v2.6.1",
              change: "Add a per-client rate limit to /search/suggest", actor: "deploy-bot (PR #702, t.nguyen)"),
        Entry(hour: 13, minute: 52, service: "web-frontend", version: "v7.30.0",
              change: "Related items carousel under each search result (reads the new related_ids field)",
              actor: "deploy-bot (PR #5120, e.lindqvist)"),
        Entry(hour: 14, minute: 10, service: "search-service", version: "v1.52.0",
              change: "Related items on search results, behind flag search.related_items (default on)",
              actor: "deploy-bot (PR #1031, h.sato)"),
        Entry(hour: 14, minute: 38, service: "pricing-service", version: "v2.19.2",
              change: "Round VAT per line instead of per basket", actor: "deploy-bot (PR #877, m.costa)"),
        Entry(hour: 16, minute: 20, service: "notification-service", version: "v0.21.0",
              change: "Batch back-in-stock e-mails", actor: "deploy-bot (PR #431, s.lind)"),
        Entry(hour: 10, minute: 5, dayOffset: 1, service: "search-service", version: "v1.52.1",
              change: "Related items: load with one batched query per page (item_id = ANY($1))",
              actor: "deploy-bot (PR #1036, h.sato)"),
    ])
}
