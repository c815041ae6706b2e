import IncidentModel

extension Rule {
    /// A diagnostic of this rule, with the rule's own severity.
    func diagnostic(_ message: String, at location: SourceLocation, field: String? = nil) -> Diagnostic {
        Diagnostic(severity, rule: self, message, at: location, field: field)
    }
}
