"""Ready-to-post texts and a square image card for a published profile. No photo of a child,
ever: the card is text on the programme's colours. Everything here reads the published copy of
the text (``published_*``), never the text being edited."""

from __future__ import annotations

import io
import textwrap

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from PIL import Image, ImageDraw, ImageFont

from buurtgezinnen.recruitment.models import RecruitmentProfile

CARD_SIZE = 1080
TEAL = (0, 104, 94)
SAND = (247, 244, 238)
INK = (31, 35, 40)
YELLOW = (255, 191, 71)


def link(profile: RecruitmentProfile, channel: str) -> str:
    """The public address with the channel in it, so responses are counted per channel."""
    path = reverse(
        "recruitment:public_profile", args=[profile.family.municipality.slug, profile.public_id]
    )
    return f"{settings.SITE_URL}{path}?kanaal={channel}"


def hashtags(profile: RecruitmentProfile) -> str:
    place = "".join(part.capitalize() for part in profile.family.municipality.name.split())
    return f"#Buurtgezinnen #{place} #steungezin #vrijwilligerswerk #opvoedendoenwesamen"


def facebook_text(profile: RecruitmentProfile) -> str:
    return "\n\n".join(
        [
            profile.published_headline,
            profile.published_text,
            _("Would you like to know more, or become a support family? Read more and respond:"),
            link(profile, "facebook"),
            hashtags(profile),
        ]
    )


def instagram_text(profile: RecruitmentProfile) -> str:
    # Instagram shows no clickable links in a caption: the link goes in the bio, the text says so.
    return "\n\n".join(
        [
            profile.published_headline,
            profile.published_text,
            _("Respond through the link in our bio: %(link)s")
            % {"link": link(profile, "instagram")},
            hashtags(profile),
        ]
    )


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=size)


def card_png(profile: RecruitmentProfile) -> bytes:
    """A 1080x1080 PNG: the municipality, the headline and the call to action."""
    image = Image.new("RGB", (CARD_SIZE, CARD_SIZE), SAND)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, CARD_SIZE, 200), fill=TEAL)
    draw.text(
        (72, 64), f"Buurtgezinnen {profile.family.municipality.name}", font=_font(60), fill=SAND
    )
    y = 290
    for line in textwrap.wrap(profile.published_headline, width=22)[:4]:
        draw.text((72, y), line, font=_font(84), fill=INK)
        y += 104
    y += 30
    place = f"{profile.published_area} · {profile.published_children}"
    for line in textwrap.wrap(place, width=40)[:2]:
        draw.text((72, y), line, font=_font(44), fill=INK)
        y += 60
    draw.rounded_rectangle((72, 850, CARD_SIZE - 72, 990), radius=24, fill=TEAL)
    draw.text((112, 888), _("Become a support family"), font=_font(60), fill=SAND)
    draw.rectangle((0, CARD_SIZE - 16, CARD_SIZE, CARD_SIZE), fill=YELLOW)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
