"""Claimwacht's pure rules: no telegram, no database, no clock (``now`` is passed in)."""
