"""Watching official sources: feeds and listing pages fetched politely, new documents ingested, changes noticed."""
