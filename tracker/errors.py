"""Errors a user can cause and fix. The CLI turns these into one clean line and a non-zero exit."""


class TrackerError(Exception):
    """A problem with the user's input or environment, not a bug. Its message is shown as is."""

    exit_code = 1


class ConfigError(TrackerError):
    """A setting in the environment or on the command line is malformed."""

    exit_code = 2


class NotFound(TrackerError):
    """A reference (policy, target, subscriber, agency) does not exist."""

    exit_code = 3


class InvalidInput(TrackerError):
    """A file or value could not be accepted; the message names the file, line or field."""

    exit_code = 4


class DatabaseUnavailable(TrackerError):
    """The database cannot be reached or is not migrated."""

    exit_code = 5
