"""Storage: SQLAlchemy models, engines for SQLite and PostgreSQL, migrations, the audit chain."""
