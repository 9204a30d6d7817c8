"""The audit trail's reading side: GET /audit (admins). It is recorded by server/db/audit.py."""
