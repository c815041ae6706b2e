import Yams

/// Reads one SLO of a Sloth spec (`version: "prometheus/v1"`, or the same SLOs under `spec` of
/// a `sloth.slok.dev/v1` `PrometheusServiceLevel`; Sloth's `pkg/prometheus/api/v1`):
/// `objective` in percent, `sli.events.error_query` over `sli.events.total_query`, or
/// `sli.raw.error_ratio_query`, with `{{.window}}` where Sloth puts each alert window.
/// `sli.plugin` (code run by Sloth) cannot be reproduced and is refused. The prometheus/v1
/// format states no period: Sloth takes it from `--default-slo-period` (30d), the manifest
/// from `slo.window`. `alerting.page_alert.disable` / `ticket_alert.disable` turn those
/// alerts off.
enum SLOSpecSloth {
    static func read(_ node: Node, field: String, in file: SLOSpecFile, period: Double) -> ServiceLevelObjective? {
        let reader = file.reader
        guard let m = reader.mapping(node, field: field) else { return nil }
        let name = reader.string(reader.required(m, "name"), field: "\(field).name")
        let objective = file.percent(reader.required(m, "objective"), field: "\(field).objective")
        guard let sli = reader.mapping(reader.required(m, "sli"), field: "\(field).sli") else { return nil }
        var indicator: SLOSpecIndicator?
        if let events = sli.value("events").flatMap({ reader.mapping($0, field: "\(field).sli.events") }) {
            let errorField = "\(field).sli.events.error_query", totalField = "\(field).sli.events.total_query"
            let error = file.query(reader.required(events, "error_query"), field: errorField)
            let total = file.query(reader.required(events, "total_query"), field: totalField)
            if let error, let total {
                indicator = file.indicator(events: error, counting: .bad, total: total, fields: (errorField, totalField))
            }
        } else if let raw = sli.value("raw").flatMap({ reader.mapping($0, field: "\(field).sli.raw") }) {
            let ratioField = "\(field).sli.raw.error_ratio_query"
            if let (queryNode, shape) = file.query(reader.required(raw, "error_ratio_query"), field: ratioField) {
                do {
                    indicator = try SLOSpecIndicator.fromRatio(shape)
                } catch {
                    file.report("`\(ratioField)`: \(error.message)", in: queryNode, offset: error.offset, field: ratioField)
                }
            }
        } else if let plugin = sli.value("plugin") {
            reader.error(.sloSpec, "`\(field).sli.plugin` runs a Sloth SLI plugin, whose queries the analysis cannot reproduce; write the SLI as `events` (error_query and total_query) or `raw`",
                         at: plugin, field: "\(field).sli.plugin")
        } else {
            reader.error(.sloSpec, "`\(field).sli` needs `events` (error_query and total_query) or `raw` (error_ratio_query)",
                         at: sli.node, field: "\(field).sli")
        }
        var disabled: [String] = []
        if let alerting = m.value("alerting").flatMap({ reader.mapping($0, field: "\(field).alerting") }) {
            for (key, severity) in [("page_alert", "page"), ("ticket_alert", "ticket")] {
                guard let alert = alerting.value(key).flatMap({ reader.mapping($0, field: "\(field).alerting.\(key)") }),
                      let flag = alert.value("disable") else { continue }
                if reader.bool(flag, field: "\(field).alerting.\(key).disable") == true { disabled.append(severity) }
            }
        }
        guard let name, let objective, let indicator else { return nil }
        return file.objective(indicator, objective: objective, window: period,
                              source: SLOSpecSource(tool: .sloth, path: file.relativePath, name: name, disabledAlerts: disabled))
    }

    /// Reads a Sloth `AlertWindows` document (`apiVersion: sloth.slok.dev/v1`,
    /// `kind: AlertWindows`; `pkg/prometheus/alertwindows/v1`): `spec.sloPeriod` and the
    /// page and ticket alerts' `quick` and `slow` windows, each with `errorBudgetPercent`,
    /// `shortWindow` and `longWindow`.
    static func alertWindows(in file: SLOSpecFile) -> SlothAlertWindows? {
        let reader = file.reader
        guard let documents = file.documents() else { return nil }
        guard let node = documents.map(\.node).first(where: {
            $0.child("apiVersion")?.string == "sloth.slok.dev/v1" && $0.child("kind")?.string == "AlertWindows"
        }) else {
            reader.error(.sloSpec, "the file holds no Sloth `AlertWindows` (apiVersion: sloth.slok.dev/v1, kind: AlertWindows)",
                         at: documents.first?.node, field: nil)
            return nil
        }
        guard let top = reader.mapping(node, field: ""), let spec = reader.mapping(reader.required(top, "spec"), field: "spec") else { return nil }
        let period = file.duration(reader.required(spec, "sloPeriod"), field: "spec.sloPeriod")
        func window(_ severity: String, _ speed: String) -> SlothAlertWindows.Window? {
            let field = "spec.\(severity).\(speed)"
            guard let group = reader.mapping(reader.required(spec, severity), field: "spec.\(severity)"),
                  let m = reader.mapping(reader.required(group, speed), field: field) else { return nil }
            let percentNode = reader.required(m, "errorBudgetPercent")
            let percent = reader.string(percentNode, field: "\(field).errorBudgetPercent").flatMap(Double.init)
            if percentNode != nil, percent == nil || percent! <= 0 || percent! > 100 {
                reader.error(.sloSpec, "`\(field).errorBudgetPercent` must be a number in (0, 100]", at: percentNode, field: "\(field).errorBudgetPercent")
            }
            let short = file.duration(reader.required(m, "shortWindow"), field: "\(field).shortWindow")
            let long = file.duration(reader.required(m, "longWindow"), field: "\(field).longWindow")
            guard let percent, percent > 0, percent <= 100, let short, let long else { return nil }
            return SlothAlertWindows.Window(errorBudgetPercent: percent, shortWindow: short, longWindow: long)
        }
        let windows = (window("page", "quick"), window("page", "slow"), window("ticket", "quick"), window("ticket", "slow"))
        guard let period, let pq = windows.0, let ps = windows.1, let tq = windows.2, let ts = windows.3 else { return nil }
        return SlothAlertWindows(period: period, pageQuick: pq, pageSlow: ps, ticketQuick: tq, ticketSlow: ts, origin: file.relativePath)
    }
}
