"""The colours of the official documents (referral form, statistics report), so both look
like they come from the same office."""

from __future__ import annotations

from reportlab.lib import colors

INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#52606d")
ACCENT = colors.HexColor("#234a4e")
RULE = colors.HexColor("#c9c3b8")
SHADE = colors.HexColor("#eef2f2")
