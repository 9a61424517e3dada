"""Storage: engine, ORM tables, repositories and Alembic migrations."""
