extension DeployLog {
    /// The CI deploy log around the /charge incident: the payments-api configuration change at
    /// 13:52 (the decoy, rolled back at 14:31), risk-service v4.2.0 at 14:02 (the cause, rolled
    /// back at 14:47), and unrelated deploys that day and the day before. A deploy's time is
    /// when CI applied it; its pods are ready one to four minutes later.
    static let charge = DeployLog(dayStart: ChargeTimeline.dayStart, entries: [
        Entry(hour: 16, minute: 40, dayOffset: -1, service: "ledger-service", version: "v2.8.0",
              change: "Partition the entries table by month", actor: "ci (MR !931, a.mensah)"),
        Entry(hour: 18, minute: 20, dayOffset: -1, service: "payments-api", version: "v7.3.0",
              change: "Idempotency keys kept for 48 h instead of 24 h", actor: "ci (MR !1544, r.dubois)"),
        Entry(hour: 9, minute: 15, service: "web-checkout", version: "v12.3.0",
              change: "Saved cards shown first on the payment step", actor: "ci (MR !2207, k.ito)"),
        Entry(hour: 11, minute: 30, service: "notification-service", version: "v0.44.1",
              change: "Retry receipt e-mails on SMTP 421", actor: "ci (MR !318, b.silva)"),
        Entry(hour: 13, minute: 52, service: "payments-api", version: "v7.3.0+config.88",
              change: "Config: Postgres pool max_conns 40 -> 60 (rolling restart)", actor: "ci (MR !1551, r.dubois)"),
        Entry(hour: 14, minute: 2, service: "risk-service", version: "v4.2.0",
              change: "Velocity rules evaluated by rules engine v2", actor: "ci (MR !702, l.haddad)"),
        Entry(hour: 14, minute: 31, service: "payments-api", version: "v7.3.0+config.87",
              change: "Revert: Postgres pool max_conns 60 -> 40", actor: "ci (MR !1552, on-call payments)"),
        Entry(hour: 14, minute: 47, service: "risk-service", version: "v4.1.3",
              change: "Roll back to v4.1.3", actor: "ci (rollback, on-call payments)"),
        Entry(hour: 15, minute: 40, service: "search-service", version: "v1.52.2",
              change: "Cache related items per page for 60 s", actor: "ci (MR !1040, h.sato)"),
    ])
}
