extension DeployLog {
    /// The deploy log around the checkout incident: the culprit, its rollback, the defensive
    /// checkout fix, and unrelated deploys the same day (and the day before) so correlation has to rank.
    static let checkout = DeployLog(dayStart: Timeline.dayStart, table: """
        -1 16:42 | checkout | v5.8.0 | Move order confirmation e-mail to the outbox worker | deploy-bot (PR #2291, r.osei)
        +0 08:05 | payment-service | v3.22.1 | Lower card-network retry budget from 3 to 2 attempts | deploy-bot (PR #1874, l.brandt)
        +0 09:12 | search-service | v1.47.0 | Refresh synonym dictionary; new ranking weights for seasonal items | deploy-bot (PR #912, a.kowalski)
        +0 09:48 | api-gateway | v2.3.7 | Raise idle connection timeout from 60 s to 90 s | deploy-bot (PR #655, t.nguyen)
        +0 10:05 | recommendations | v4.3.2 | Model refresh: embeddings trained 2026-03-11 | ml-pipeline
        +0 10:31 | inventory-service | v2.14.0 | GET /inventory: include_full_sku_details=true (return full SKU objects instead of SKU IDs) | deploy-bot (PR #1317, d.ferreira)
        +0 11:20 | inventory-service | v2.13.4 | Rollback of v2.14.0 (checkout p99 incident) | m.haddad (on-call)
        +0 11:22 | checkout | v5.8.1 | Reject inventory responses over 64 KB before decoding | deploy-bot (PR #2297, m.haddad)
        +0 13:40 | notification-service | v0.19.3 | Template fix for shipping-delay e-mails | deploy-bot (PR #408, s.lind)
        """)
}
