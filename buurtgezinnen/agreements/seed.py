"""The standard agreement the programme starts with, in plain Dutch (from the programme's own texts
where they fit). Written by the data migration; the national office changes it under
/beheer/afspraken/. ``ensure_seeded`` also serves the demo data and tests on an emptied database.
"""

from __future__ import annotations

from typing import Any

INTRO = (
    "Buurtgezinnen brengt twee gezinnen bij elkaar: opvoeden doen we samen. Het steungezin geeft "
    "de kinderen een plek waar ze kind kunnen zijn en helpt de ouders op adem te komen. Het "
    "steungezin neemt de opvoeding niet over; de ouders blijven de ouders. Meedoen is altijd "
    "vrijwillig.\n"
    "In deze afspraken staat wat we samen hebben afgesproken. De eerste twee maanden zijn een "
    "proefperiode. Daarna is er een evaluatiegesprek en elk half jaar een gesprek met de "
    "coördinator over hoe het gaat."
)
CLOSING = (
    "Afspraken kunnen veranderen. Willen jullie iets anders afspreken? Bespreek het met elkaar "
    "en met de coördinator. Dan maken we een nieuwe versie en ondertekenen jullie die opnieuw.\n"
    "Met jullie handtekening zeggen jullie dat jullie deze afspraken kennen en je eraan houden."
)

TOPICS = [
    (
        "Welke steun",
        "Wat doet het steungezin precies? Bijvoorbeeld: opvang op een vaste middag, "
        "logeren, meegaan naar sport of een ouderavond.",
    ),
    (
        "Welke dag en hoe vaak",
        "Vaste dag en tijden, hoe vaak (elke week, om de week), en wat "
        "jullie doen in de vakanties.",
    ),
    ("Brengen en halen", "Wie brengt de kinderen, wie haalt ze op, en hoe laat."),
    (
        "Logeren",
        "Logeren de kinderen bij het steungezin? Zo ja: hoe vaak, wat nemen ze mee, "
        "waar slapen ze.",
    ),
    (
        "Eten en allergieën",
        "Wat eten de kinderen wel en niet (allergie, geloof, gewoonte)? "
        "Wat doet het steungezin bij een allergische reactie?",
    ),
    (
        "Medicijnen",
        "Gebruikt een kind medicijnen? Wie geeft ze, hoeveel en wanneer. Schrijf op "
        "wat het steungezin moet doen als het misgaat.",
    ),
    (
        "Foto's van de kinderen en sociale media",
        "Mag het steungezin foto's maken? Mogen foto's "
        "op sociale media (Facebook, Instagram, WhatsApp-status)? Standaard: geen foto's van de "
        "kinderen online.",
    ),
    (
        "Roken en alcohol",
        "Niet roken waar de kinderen bij zijn. Geen alcohol als je voor de "
        "kinderen zorgt of met ze in de auto zit.",
    ),
    (
        "Vervoer en autostoeltjes",
        "Mag het steungezin de kinderen met de auto, fiets of het "
        "openbaar vervoer meenemen? Is er een goed autostoeltje of zitverhoger?",
    ),
    (
        "Ziekte en afzeggen",
        "Wat doen jullie als een kind of iemand van het steungezin ziek is? "
        "Hoe en wanneer zeg je af?",
    ),
    (
        "Elkaar bereiken",
        "Hoe bereiken jullie elkaar (telefoon, app)? Wie bel je in een noodgeval "
        "als je de ouders niet bereikt?",
    ),
    (
        "Wat als je je zorgen maakt",
        "Maak je je zorgen over een kind of over het gezin? Vertel het de coördinator. "
        "Het steungezin is geen hulpverlener; de coördinator kent de hulp in de buurt "
        "en zoekt mee naar wat nodig is. Bij direct gevaar: bel 112.",
    ),
    (
        "Vertrouwelijkheid",
        "Wat je van elkaar weet, blijft tussen jullie en de coördinator. Vertel "
        "niet aan anderen over het andere gezin zonder dat zij het goed vinden.",
    ),
]


def ensure_seeded(standard_text_model: Any, topic_model: Any) -> None:
    """Adds the standard text and the topics when missing (takes models: also historical ones)."""
    if not standard_text_model.objects.exists():
        standard_text_model.objects.create(intro=INTRO, closing=CLOSING)
    if topic_model.objects.exists():
        return
    for position, (title, guidance) in enumerate(TOPICS, start=1):
        topic_model.objects.create(title=title, guidance=guidance, position=position * 10)
