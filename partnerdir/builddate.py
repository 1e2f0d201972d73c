"""The build date: an input, never a clock read deep in the code.

Taken from the DIRECTORY_BUILD_DATE setting (YYYY-MM-DD), else from
SOURCE_DATE_EPOCH (reproducible builds), else today's date.
"""

from __future__ import annotations

import datetime as dt
import os


def build_date(setting: str = "", environ=os.environ) -> dt.date:
    if setting:
        return dt.date.fromisoformat(setting)
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
    return dt.date.today()


def build_moment(setting: str = "", environ=os.environ) -> dt.datetime:
    """The build's moment (aware, UTC), for deciding what is upcoming and for feed timestamps."""
    if setting:
        return dt.datetime.combine(dt.date.fromisoformat(setting), dt.time(), tzinfo=dt.timezone.utc)
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def date_empty_feed(feed, moment: dt.datetime) -> None:
    """A feedgenerator feed with no entries dates itself by the clock: date it by the build
    instead, so two builds of one commit stay identical."""
    if not feed.items:
        feed.latest_post_date = lambda: moment
