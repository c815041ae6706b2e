extension DeployLog {
    /// The deploy log around the checkout incident: the culprit, its rollback, the defensive
    /// checkout fix, and unrelated deploys the same day (and the day before) so correlation has to rank.
    static let checkout = DeployLog(dayStart: Timeline.dayStart, entries: [
        Entry(hour: 16, minute: 42, dayOffset: -1, service: "checkout", version: "v5.8.0",
              change: "Move order confirmation e-mail to the outbox worker", actor: "deploy-bot (PR #2291, r.osei)"),
        Entry(hour: 8, minute: 5, service: "payment-service", version: "v3.22.1",
              change: "Lower card-network retry budget from 3 to 2 attempts", actor: "deploy-bot (PR #1874, l.brandt)"),
        Entry(hour: 9, minute: 12, service: "search-service", version: "v1.47.0",
              change: "Refresh synonym dictionary; new ranking weights for seasonal items", actor: "deploy-bot (PR #912, a.kowalski)"),
        Entry(hour: 9, minute: 48, service: "api-gateway", version: "v2.3.7",
              change: "Raise idle connection timeout from 60 s to 90 s", actor: "deploy-bot (PR #655, t.nguyen)"),
        Entry(hour: 10, minute: 5, service: "recommendations", version: "v4.3.2",
              change: "Model refresh: embeddings trained 2026-03-11", actor: "ml-pipeline"),
        Entry(hour: 10, minute: 31, service: "inventory-service", version: "v2.14.0",
              change: "GET /inventory: include_full_sku_details=true (return full SKU objects instead of SKU IDs)",
              actor: "deploy-bot (PR #1317, d.ferreira)"),
        Entry(hour: 11, minute: 20, service: "inventory-service", version: "v2.13.4",
              change: "Rollback of v2.14.0 (checkout p99 incident)", actor: "m.haddad (on-call)"),
        Entry(hour: 11, minute: 22, service: "checkout", version: "v5.8.1",
              change: "Reject inventory responses over 64 KB before decoding", actor: "deploy-bot (PR #2297, m.haddad)"),
        Entry(hour: 13, minute: 40, service: "notification-service", version: "v0.19.3",
              change: "Template fix for shipping-delay e-mails", actor: "deploy-bot (PR #408, s.lind)"),
    ])
}
