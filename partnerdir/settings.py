"""Plugin settings, declared once: a table of (NAME, default, help) per plugin.

``apply()`` returns a copy of the site's settings with each plugin's defaults
filled in, after checking the keys under the plugin's prefix: an unknown key
(a typo) or a value of the wrong type stops the build with a hint.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass


@dataclass(frozen=True)
class Setting:
    name: str
    default: object
    help: str


class SettingsError(ValueError):
    """A setting is unknown or has the wrong type."""


def apply(settings: dict, prefix: str, table) -> dict:
    known = {setting.name: setting for setting in table}
    for name in sorted(settings):
        if name.startswith(prefix) and name not in known:
            close = difflib.get_close_matches(name, known, n=1)
            fix = f"did you mean {close[0]}?" if close else f"the {prefix}* settings are: {', '.join(sorted(known))}"
            raise SettingsError(f"unknown setting {name} ({fix})")
    merged = dict(settings)
    for setting in table:
        value = merged.setdefault(setting.name, setting.default)
        expected = type(setting.default)
        if setting.default is not None and not isinstance(value, expected):
            raise SettingsError(
                f"{setting.name} must be {expected.__name__}, not {type(value).__name__} "
                f"({setting.help})"
            )
    return merged
