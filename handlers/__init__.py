"""Telegram handlers: parse the update, call the domain and storage, render a localized reply."""
