extension DeployLog {
    /// The deploy log around the /search incident: the release that turned related items on, a
    /// front-end release the same hour, unrelated deploys that day and the day before, and the
    /// next day's fix. The feature-flag switch that mitigated it is not a deploy and is not here.
    static let search = DeployLog(dayStart: SearchTimeline.dayStart, table: """
        -1 17:25 | search-service | v1.51.4 | OpenSearch client: lower the per-try timeout from 2 s to 800 ms | deploy-bot (PR #1018, j.okafor)
        +0 09:40 | catalog-service | v3.8.0 | Backfill brand facets for the spring range | deploy-bot (PR #2210, p.varga)
        +0 11:15 | api-gateway | v2.6.1 | Add a per-client rate limit to /search/suggest | deploy-bot (PR #702, t.nguyen)
        +0 13:52 | web-frontend | v7.30.0 | Related items carousel under each search result (reads the new related_ids field) | deploy-bot (PR #5120, e.lindqvist)
        +0 14:10 | search-service | v1.52.0 | Related items on search results, behind flag search.related_items (default on) | deploy-bot (PR #1031, h.sato)
        +0 14:38 | pricing-service | v2.19.2 | Round VAT per line instead of per basket | deploy-bot (PR #877, m.costa)
        +0 16:20 | notification-service | v0.21.0 | Batch back-in-stock e-mails | deploy-bot (PR #431, s.lind)
        +1 10:05 | search-service | v1.52.1 | Related items: load with one batched query per page (item_id = ANY($1)) | deploy-bot (PR #1036, h.sato)
        """)
}
