"""Pure duty-desk rules: no Qt, no SQLAlchemy, no I/O, so each rule is testable on its own."""
