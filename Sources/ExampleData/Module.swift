// The ExampleData module; see docs/architecture.md.
