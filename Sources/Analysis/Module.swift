// The Analysis module; see docs/architecture.md.
