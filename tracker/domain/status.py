"""A policy's status as of a day, from its window and its state. Pure: no clock, no database."""

from __future__ import annotations

from datetime import date

from tracker.domain.records import PolicyState, PolicyStatus

# A policy is "expiring" when its last day in force falls within this many days of the as-of day.
DEFAULT_EXPIRING_HORIZON_DAYS = 90


def policy_status(
    effective_from: date | None,
    effective_to: date | None,
    state: PolicyState | str,
    as_of: date,
    horizon_days: int = DEFAULT_EXPIRING_HORIZON_DAYS,
) -> PolicyStatus:
    """The status of a policy on `as_of`. `effective_to` is the inclusive last day in force.

    Repealed and superseded win over the dates: such a policy no longer binds whatever its window says.
    A policy with neither date is `unknown`; one with only an end date is taken to be in force until then,
    and one with only a start date is open-ended and never expires.
    """
    # Compared as text (PolicyState is a str): `tracker policies` asks this of every policy, and converting
    # each state to a PolicyState first cost more than the rest of the function.
    if state == PolicyState.REPEALED:
        return PolicyStatus.REPEALED
    if state == PolicyState.SUPERSEDED:
        return PolicyStatus.SUPERSEDED
    if state != PolicyState.ACTIVE:
        PolicyState(state)  # ValueError: not a state
    if effective_from is None and effective_to is None:
        return PolicyStatus.UNKNOWN
    if effective_from is not None and as_of < effective_from:
        return PolicyStatus.NOT_YET_IN_FORCE
    if effective_to is not None:
        if as_of > effective_to:
            return PolicyStatus.EXPIRED
        if (effective_to - as_of).days <= horizon_days:
            return PolicyStatus.EXPIRING
    return PolicyStatus.IN_FORCE
