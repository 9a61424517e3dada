"""Pure domain: dataclasses, enums, time rules. No Qt, no SQLAlchemy, no network."""
