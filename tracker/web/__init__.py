"""Seeing and carrying the agenda: iCalendar files and feeds, the timeline page, and the read-only web server.

Nothing here is imported by `tracker --help`: the CLI imports these modules inside its commands.
"""
