"""The programme's rules as data. Change a number here and every screen follows.

Everything that is *due* (a VOG renewal, an evaluation, a review, a closure, a report) is computed
from state and these values; nothing due is stored.
"""

from __future__ import annotations

from datetime import date, timedelta

# Requesting families: the children are 0 to 23 years old.
CHILD_MIN_AGE = 0
CHILD_MAX_AGE = 23

# A support parent's certificate of conduct (VOG) is renewed when it is older than this.
VOG_MAX_AGE_YEARS = 3
# "Expiring": the VOG passes its age limit within this many days.
VOG_EXPIRY_WARNING_DAYS = 60

# Each family has two intake (or screening) conversations.
INTAKE_CONVERSATIONS = 2

# A support family supports at most this many families at the same time (its offer says how many;
# a proposal or a match takes one place).
MAX_FAMILIES_PER_SUPPORT_FAMILY = 3

# The match: a trial period that ends with an evaluation, a progress review every six months
# after the last one held, and a closing conversation when the guidance ends. Counted from the
# day the trial started (everyone signed the agreement).
TRIAL_PERIOD_MONTHS = 2
REVIEW_EVERY_MONTHS = 6
GUIDANCE_MONTHS = 24
# "Due soon" on the agenda and in the weekly reminder mail.
DUE_SOON_DAYS = 7

# The agreement: a parent's personal signing link is valid this many days (and works once).
SIGNING_LINK_DAYS = 14

# Public forms: at most this many applications per IP address per hour.
PUBLIC_FORM_RATE_PER_HOUR = 10

# The access log keeps the reader's address this many days (to check a read that looks wrong),
# and django-axes' record of logins as long; then the address is cleared and the record removed.
ACCESS_LOG_ADDRESS_DAYS = 180

# A recruitment profile whose family found a support family says only "found!" at its public
# address for this many days (for whoever follows an old link); then it is gone.
PROFILE_FOUND_DAYS = 14


def add_years(day: date, years: int) -> date:
    """The same calendar day ``years`` later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day when it has no such day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    for last in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def evaluation_due(trial_started_on: date) -> date:
    return add_months(trial_started_on, TRIAL_PERIOD_MONTHS)


def guidance_ends(trial_started_on: date) -> date:
    """The closing conversation is due when the two years of guidance are over."""
    return add_months(trial_started_on, GUIDANCE_MONTHS)


def next_progress_review(last_held_on: date) -> date:
    return add_months(last_held_on, REVIEW_EVERY_MONTHS)


def age_on(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def vog_renewal_due(issued_on: date) -> date:
    return add_years(issued_on, VOG_MAX_AGE_YEARS)


def vog_expiring_from(today: date) -> date:
    """A VOG issued before this date expires within the warning period."""
    return add_years(today + timedelta(days=VOG_EXPIRY_WARNING_DAYS), -VOG_MAX_AGE_YEARS)


# Reminders: the daily task runs at this local time; families hear of a planned conversation
# this many days before it.
REMINDER_HOUR, REMINDER_MINUTE = 6, 30
FAMILY_REMINDER_DAYS_BEFORE = 1
# Concerns: a support parent's personal link for reporting a worry stays valid this long.
CONCERN_LINK_DAYS = 365
# A referral without an outcome comes on the agenda after this many days.
REFERRAL_FOLLOW_UP_DAYS = 42
# A stand-in (waarnemer) for an absent coordinator runs at most this many days, end date included.
# A longer absence is arranged again on purpose (a new stand-in, or another coordinator).
STAND_IN_MAX_DAYS = 92
