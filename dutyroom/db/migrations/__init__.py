"""Alembic migrations, run from code (db/migrate.py) so an installed app needs no alembic.ini."""
