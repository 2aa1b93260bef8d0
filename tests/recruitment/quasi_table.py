"""Recruitment texts written for the table test and the benchmark of the anonymity check.

Written here in the style of real recruitment posts (none copied from the issue). Each row: the
text, the profile's area, and the phrases a check must mark (none: the text is clean). A phrase
counts as found when a finding overlaps it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    text: str
    area: str
    must_mark: tuple[str, ...] = ()

    @property
    def identifying(self) -> bool:
        return bool(self.must_mark)


IDENTIFYING = [
    Row(
        "Onze jongste voetbalt elke zaterdag bij SV Hoograven en is daar keeper.",
        "Utrecht",
        ("SV Hoograven",),
    ),
    Row(
        "Ze zit in groep 6 van basisschool De Wilgenhoek.",
        "Utrecht",
        ("basisschool De Wilgenhoek",),
    ),
    Row("Hij zit op CBS Het Kompas, vlak bij huis.", "Zeist", ("CBS Het Kompas",)),
    Row("Na school gaat ze naar BSO De Boomhut.", "Amersfoort", ("BSO De Boomhut",)),
    Row(
        "Op dinsdag zwemles bij zwemvereniging De Zeehond.",
        "Leusden",
        ("zwemvereniging De Zeehond",),
    ),
    Row("De oudste is lid van scouting Jan van Hoof.", "Utrecht", ("scouting Jan van Hoof",)),
    Row(
        "Vader werkt als vakkenvuller bij de Albert Heijn aan de Biltstraat.",
        "Utrecht",
        ("Albert Heijn",),
    ),
    Row("Mama is schoonmaakster bij de Hema in winkelcentrum Kanaleneiland.", "Utrecht", ("Hema",)),
    Row(
        "Het gezin woont in de Zonnebloemstraat, de kinderen spelen op straat.",
        "Zeist",
        ("Zonnebloemstraat",),
    ),
    Row("Ze wonen op het Berlijnplein, drie hoog.", "Utrecht", ("Berlijnplein",)),
    Row(
        "Het huis ligt aan de Vleutenseweg, naast de snackbar.",
        "Utrecht",
        ("Vleutenseweg", "naast de snackbar"),
    ),
    Row(
        "Ze wonen schuin tegenover de moskee, boven de kapper.",
        "Utrecht",
        ("tegenover de moskee", "boven de kapper"),
    ),
    Row("Juf Bakker van groep 3 zegt dat hij erg zijn best doet.", "Amersfoort", ("Juf Bakker",)),
    Row("Meester Youssef heeft het gezin bij ons aangemeld.", "Utrecht", ("Meester Youssef",)),
    Row("Buurvrouw Ineke past soms op, maar ze wordt ouder.", "Zeist", ("Buurvrouw Ineke",)),
    Row("Tante Samira woont in Rotterdam en komt weinig langs.", "Utrecht", ("Tante Samira",)),
    Row("Daan is negen en houdt van dino's.", "Utrecht", ("Daan",)),
    Row("De meisjes, noor en fleur, willen graag leren fietsen.", "Leusden", ("noor",)),
    Row("Hij speelt het liefst met zijn vriendje Mees uit de klas.", "Amersfoort", ("Mees",)),
    Row(
        "Bel gerust: nul zes, één twee drie vier, vijf zes zeven acht.",
        "Utrecht",
        ("nul zes, één twee drie vier, vijf zes zeven acht",),
    ),
    Row("U kunt ons bereiken op 06 . 23 . 45 . 67 . 89.", "Utrecht", ("06 . 23 . 45 . 67 . 89",)),
    Row("Kijk voor filmpjes op TikTok: dans_met_roos", "Utrecht", ("dans_met_roos",)),
    Row("Op Instagram staat ze als lotte.tekent2013", "Zeist", ("lotte.tekent2013",)),
    Row("Vader is de enige imam in het dorp.", "Leusden", ("de enige imam in het dorp",)),
    Row(
        "Moeder is als enige vrouw brandweervrijwilliger in de wijk.",
        "Utrecht",
        ("als enige vrouw brandweervrijwilliger in de wijk",),
    ),
    Row("Het gezin heeft een vierling van drie jaar.", "Amersfoort", ("vierling",)),
    Row("Na de brand in ons dorp woont het gezin tijdelijk bij opa.", "Leusden", ("brand",)),
    Row("Ze wonen in Vathorst, vlak bij het winkelcentrum.", "Amersfoort", ("Vathorst",)),
    Row("Wij zoeken een gezin uit Oog in Al of Lombok.", "Utrecht", ("Oog in Al", "Lombok")),
    Row(
        "Ze sporten bij hockeyclub Kampong en turnen bij Olympia.",
        "Utrecht",
        ("hockeyclub Kampong", "Olympia"),
    ),
    Row("Vader is koster van de Pauluskerk.", "Utrecht", ("Pauluskerk",)),
    Row("De jongens voetballen bij VV De Meern.", "Utrecht", ("VV De Meern",)),
    # Harder: no name, no capital, no cue word the rules know.
    Row(
        "Moeder is de kapster van het dorp, iedereen kent haar.",
        "Leusden",
        ("de kapster van het dorp",),
    ),
    Row(
        "De vader rijdt de schoolbus van de kinderen uit de straat.",
        "Zeist",
        ("rijdt de schoolbus",),
    ),
    Row("Het zijn de kinderen van de slager op de hoek.", "Amersfoort", ("de slager op de hoek",)),
    Row("Ze traint bij de Zwaluwen op het sportpark.", "Utrecht", ("Zwaluwen",)),
]

CLEAN = [
    Row(
        "Een moeder met twee kinderen van 4 tot 6 jaar en 8 tot 10 jaar zoekt een warm gezin.",
        "Zeist",
    ),
    Row("De jongen houdt van voetbal, tekenen en lego. Hij is vrolijk en nieuwsgierig.", "Utrecht"),
    Row("Het meisje zit graag te knutselen en kijkt filmpjes op YouTube.", "Utrecht"),
    Row("Het gezin spreekt Arabisch en een beetje Nederlands.", "Amersfoort"),
    Row("Moeder komt uit Eritrea en spreekt Tigrinya en Engels.", "Utrecht"),
    Row("Ze zoeken een steungezin voor de woensdagmiddag of de zaterdagochtend.", "Leusden"),
    Row("Eén keer per maand logeren zou de moeder veel rust geven.", "Zeist"),
    Row("Het gezin heeft een hond en twee konijnen; de kinderen zijn dol op dieren.", "Utrecht"),
    Row("Moeder heeft reuma en is daardoor vaak moe.", "Amersfoort"),
    Row("Vader is al een tijd ziek en moeder doet veel alleen.", "Utrecht"),
    Row("Gezin in Overvecht zoekt steungezin", "Overvecht"),
    Row(
        "In Overvecht woont een gezin met drie kinderen dat extra aandacht kan gebruiken.",
        "Overvecht",
    ),
    Row("Wij wonen in Zeist en zoeken een gezin in de buurt.", "Zeist"),
    Row("Hulp bij huiswerk op maandag of donderdag is heel welkom.", "Utrecht"),
    Row("De kinderen gaan naar een basisschool in de wijk en zitten op voetbal.", "Utrecht"),
    Row("Lieve Moeder Zoekt Warm Gezin Voor Haar Twee Kinderen", "Amersfoort"),
    Row("De jongste is een vrolijke peuter van 2 tot 4 jaar.", "Leusden"),
    Row("Het Marokkaanse gezin viert het Suikerfeest en houdt van samen koken.", "Utrecht"),
    Row("Ze zoeken iemand die met de kinderen naar de speeltuin of het zwembad gaat.", "Zeist"),
    Row("Moeder werkt in de zorg en heeft onregelmatige diensten.", "Amersfoort"),
    Row("De oudste heeft ADHD en heeft baat bij rust en duidelijkheid.", "Utrecht"),
    Row("Buurtgezinnen begeleidt u: de coördinator is er als u vragen heeft.", "Utrecht"),
    Row("In de zomer en met Kerst zou een logeerpartij fijn zijn.", "Leusden"),
    Row("Het gezin woont in Leidsche Rijn en zoekt een steungezin dichtbij.", "Leidsche Rijn"),
]

ROWS = IDENTIFYING + CLEAN
