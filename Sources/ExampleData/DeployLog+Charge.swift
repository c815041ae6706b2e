extension DeployLog {
    /// The CI deploy log around the /charge incident: the payments-api configuration change at
    /// 13:52 (the decoy, rolled back at 14:31), risk-service v4.2.0 at 14:02 (the cause, rolled
    /// back at 14:47), and unrelated deploys that day and the day before. A deploy's time is
    /// when CI applied it; its pods are ready one to four minutes later.
    static let charge = DeployLog(dayStart: ChargeTimeline.dayStart, table: """
        -1 16:40 | ledger-service | v2.8.0 | Partition the entries table by month | ci (MR !931, a.mensah)
        -1 18:20 | payments-api | v7.3.0 | Idempotency keys kept for 48 h instead of 24 h | ci (MR !1544, r.dubois)
        +0 09:15 | web-checkout | v12.3.0 | Saved cards shown first on the payment step | ci (MR !2207, k.ito)
        +0 11:30 | notification-service | v0.44.1 | Retry receipt e-mails on SMTP 421 | ci (MR !318, b.silva)
        +0 13:52 | payments-api | v7.3.0+config.88 | Config: Postgres pool max_conns 40 -> 60 (rolling restart) | ci (MR !1551, r.dubois)
        +0 14:02 | risk-service | v4.2.0 | Velocity rules evaluated by rules engine v2 | ci (MR !702, l.haddad)
        +0 14:31 | payments-api | v7.3.0+config.87 | Revert: Postgres pool max_conns 60 -> 40 | ci (MR !1552, on-call payments)
        +0 14:47 | risk-service | v4.1.3 | Roll back to v4.1.3 | ci (rollback, on-call payments)
        +0 15:40 | search-service | v1.52.2 | Cache related items per page for 60 s | ci (MR !1040, h.sato)
        """)
}
