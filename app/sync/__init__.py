"""The client side of sync: the SQLite replica with its outbox, and the sync engine.

Nothing here knows Qt or which store the server keeps, so a site hub can reuse it.
"""
