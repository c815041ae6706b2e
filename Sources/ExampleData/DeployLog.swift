/// The deploy log around the incident: the culprit, its rollback, the defensive checkout
/// fix, and unrelated deploys the same day (and the day before) so correlation has to rank.
enum DeployLog {
    /// One deploy: when it finished, what, and who shipped it.
    struct Entry {
        var time: Int64
        var service: String
        var version: String
        var change: String
        var actor: String
    }

    static func at(_ hour: Int, _ minute: Int, dayOffset: Int64 = 0) -> Int64 {
        Timeline.dayStart + dayOffset * 86_400 + Int64(hour * 3600 + minute * 60)
    }

    static let entries: [Entry] = [
        Entry(time: at(16, 42, dayOffset: -1), service: "checkout", version: "v5.8.0",
              change: "Move order confirmation e-mail to the outbox worker", actor: "deploy-bot (PR #2291, r.osei)"),
        Entry(time: at(8, 5), service: "payment-service", version: "v3.22.1",
              change: "Lower card-network retry budget from 3 to 2 attempts", actor: "deploy-bot (PR #1874, l.brandt)"),
        Entry(time: at(9, 12), service: "search-service", version: "v1.47.0",
              change: "Refresh synonym dictionary; new ranking weights for seasonal items", actor: "deploy-bot (PR #912, a.kowalski)"),
        Entry(time: at(9, 48), service: "api-gateway", version: "v2.3.7",
              change: "Raise idle connection timeout from 60 s to 90 s", actor: "deploy-bot (PR #655, t.nguyen)"),
        Entry(time: at(10, 5), service: "recommendations", version: "v4.3.2",
              change: "Model refresh: embeddings trained 2026-03-11", actor: "ml-pipeline"),
        Entry(time: at(10, 31), service: "inventory-service", version: "v2.14.0",
              change: "GET /inventory: include_full_sku_details=true (return full SKU objects instead of SKU IDs)",
              actor: "deploy-bot (PR #1317, d.ferreira)"),
        Entry(time: at(11, 20), service: "inventory-service", version: "v2.13.4",
              change: "Rollback of v2.14.0 (checkout p99 incident)", actor: "m.haddad (on-call)"),
        Entry(time: at(11, 22), service: "checkout", version: "v5.8.1",
              change: "Reject inventory responses over 64 KB before decoding", actor: "deploy-bot (PR #2297, m.haddad)"),
        Entry(time: at(13, 40), service: "notification-service", version: "v0.19.3",
              change: "Template fix for shipping-delay e-mails", actor: "deploy-bot (PR #408, s.lind)"),
    ]

    static func render() -> String {
        let sorted = entries.sorted { $0.time < $1.time }
        var out = ""
        for e in sorted {
            out += "{\"time\":\(TextFormatting.jsonString(TextFormatting.rfc3339(seconds: e.time)))"
            out += ",\"service\":\(TextFormatting.jsonString(e.service))"
            out += ",\"version\":\(TextFormatting.jsonString(e.version))"
            out += ",\"change\":\(TextFormatting.jsonString(e.change))"
            out += ",\"actor\":\(TextFormatting.jsonString(e.actor))}\n"
        }
        return out
    }
}
