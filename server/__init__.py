"""The bundled sync server: FastAPI over PostgreSQL (central) or SQLite (embedded)."""
