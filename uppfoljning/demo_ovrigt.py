"""Demo data (ovrigt): the 2025 structural activities, indicator tables and board
assessments as the årsredovisning publishes them, and the 2025 goals with their delår
and helår follow-up. Added by uppfoljning.demo_uppfoljning.load(); does nothing when the
förbund already has activities for 2025."""

from django.db import transaction

from insatser.models import Insats
from uppfoljning.models import (
    Aktivitet,
    Indikatorbedomning,
    Indikatorsvar,
    Mal,
    Maluppfoljning,
    PlaneradAktivitet,
)
from uppfoljning.verksamhet import services

AR = 2025
CHEFER_MEDARBETARE = "Chefer och medarbetare hos förbundets medlemmar"

# (insats slug or None for the förbund's own, aktivitet, målgrupp, antal deltagare, omfattning)
AKTIVITETER = [
    (None, "4 grundutbildningar i lösningsfokuserat arbetssätt", CHEFER_MEDARBETARE, 98,
     "4 utbildningar à 4 heldagar"),
    (None, "1 utbildning i att leda grupper med lösningsfokus", CHEFER_MEDARBETARE, 17,
     "1 utbildning à 4 heldagar"),
    (None, "1 utbildning för chef med lösningsfokus", CHEFER_MEDARBETARE, 21,
     "1 utbildning à 4 heldagar"),
    (None, "3 boosttillfällen inom lösningsfokus", CHEFER_MEDARBETARE, 61, "3 tillfällen, halvdag"),
    (None, "4 utvecklingsdagar personal i individinsatserna", "Insatspersonal", 65,
     "4 tillfällen, heldag"),
    (None, "Digitala Dejt med en verkSAMhet",
     "Förtroendevalda, chefer, medarbetare, brukarorganisationer och andra intresserade", 519,
     "28"),
    ("inkluderingslyftet", "Inkluderingslyftet – utbildningar inom BIP och VTA, ESF-finansierat",
     CHEFER_MEDARBETARE, 206, "Flertalet utbildningsinsatser, heldagar/halvdagar"),
    (None, "Tema våld i nära relation, föreläsningsserie", CHEFER_MEDARBETARE, 115,
     "3 tillfällen, halvdagar"),
    (None, "Fontänhus möten", CHEFER_MEDARBETARE, 135, "10 tillfällen, halvdagar"),
    (None, "Reflexiv praktik", CHEFER_MEDARBETARE, 36, "3 tillfällen, halvdagar"),
    (None, "Utbildning/workshop inom SIP-processen och Cosmic Link", CHEFER_MEDARBETARE, 356,
     "7 tillfällen, halvdagar"),
    ("rmgt", "Rådgivande myndighetsgemensamt team", "Remitterande handläggare hos medlemmarna",
     105, "2 heldagar per vecka"),
]  # fmt: skip

F, G = Indikatorsvar.Skala.FREKVENS, Indikatorsvar.Skala.GRAD
# Insatspersonal: (nr, fråga, skala, n, six shares in %)
PERSONAL = [
    (1, "Stödet får ta den tid som behövs", F, 22, [0, 0, 0, 9, 36, 55]),
    (2, "Tillräcklig planering efter avslutad insats", F, 20, [0, 0, 0, 20, 45, 35]),
    (3, "Samverkansparter lyssnar på mig", F, 23, [0, 0, 4, 17, 57, 22]),
    (4, "Samverkansparter vet vad jag kan tillföra", F, 23, [0, 4, 9, 35, 48, 4]),
    (5, "Tas erfarenheter, kunskaper och synpunkter från deltagare systematiskt tillvara?",
     G, 23, [0, 0, 17, 30, 5, 48]),
    (6, "Finns rutiner för samarbete med andra aktörer i arbetet med insatser för deltagarna?",
     G, 23, [0, 9, 26, 43, 0, 22]),
    (7, "Finns strukturer för att initiera och underhålla relationer mellan de samverkande "
     "myndigheterna?", G, 22, [0, 5, 9, 9, 59, 18]),
    (8, "Omfattas synsättet kring människors resurser och möjligheter av alla i den samordnade "
     "insatsen?", G, 23, [0, 4, 0, 22, 52, 22]),
    (9, "Fungerar olika arbetssätt inom den samordnade insatsen väl tillsammans?",
     G, 23, [0, 13, 17, 48, 0, 22]),
    (10, "Finns rutiner för att arbeta med jämställdhet, jämlikhet och mångfald i insatsen?",
     G, 22, [0, 14, 14, 27, 4, 41]),
    (11, "Avsätts tid för lärande och reflektion kopplat till jämställdhet, jämlikhet och "
     "mångfald?", G, 22, [0, 9, 32, 18, 9, 32]),
]  # fmt: skip

# The board's own answers, as the årsredovisning publishes them: one assessment per area.
BEDOMNINGAR = [
    ("Samverkan mellan myndigheter", "Mycket god"),
    ("Uppföljning och utvärdering", "God"),
    ("Användning av uppföljning i utvecklingsarbete", "God"),
    ("Användning av könsuppdelad statistik", "Delvis etablerad"),
    ("Integrering av JJM i verksamhetsplanering", "God"),
]

B = Maluppfoljning.Bedomning
# (målområde index, mål, planned activities, (delår, utfall), (helår, utfall))
MAL = [
    (0, "Deltagarna i de samordnade individinsatserna kommer närmare arbete, studier eller "
     "egen försörjning.",
     ["Finansiera och ge processtöd till samordningsteamen FNS, Hallstahammar, Sala, "
      "Surahammar och Västerås.",
      "Stödja styrgrupperna i att ta fram länsgemensamma arbetssätt och tydliga rutiner för "
      "remitterande handläggare.",
      "Utöka Teamsamverkan Västra Mälardalen från Köping till Arboga och Kungsör."],
     (B.I_FAS, "Under januari–augusti har de sex individinsatserna arbetat med 247 individer, "
      "varav 78 nya. 50 har avslutat, en fjärdedel av dem till arbete eller studier."),
     (B.UPPFYLLT, "Individinsatserna arbetar med rätt målgrupp och styrgrupperna har "
      "fortsatt arbetet med länsgemensamma arbetssätt. Mål och syfte för individinsatser "
      "uppnått.")),
    (0, "Insatserna frågar regelbundet alla deltagare om våld i nära relationer och lotsar "
     "vidare vid behov.",
     ["Föreläsningsserie om våld i nära relation för medlemmarnas chefer och medarbetare."],
     (B.I_FAS, "Stoppa våldet – föreläsningar och workshops planeras till hösten."),
     (B.UPPFYLLT, "Föreläsningsserien Tema våld i nära relation genomfördes med 115 "
      "deltagare vid tre tillfällen.")),
    (1, "Handläggare får samordnad rådgivning från det rådgivande myndighetsgemensamma teamet "
     "(RMGT), även utanför Västerås.",
     ["Finansiera och ge processtöd till RMGT i Västerås.",
      "Pröva tillsammans med parterna hur RMGT kan erbjudas i övriga länet."],
     (B.I_FAS, "Individer och handläggare är mycket nöjda, men inflödet är lägre än teamets "
      "tider. RMGT erbjuder nu samtal i fler kommuner i länet."),
     (B.DELVIS, "RMGT gav råd till 105 remitterande handläggare. Parterna kan inte bemanna "
      "teamet från 2026, och RMGT avslutas vid årsskiftet.")),
    (1, "Medlemmarnas chefer och medarbetare får kunskap om BIP, VTA och lösningsfokuserat "
     "arbetssätt.",
     ["Erbjuda utbildningar inom Inkluderingslyftet (BIP och VTA).",
      "Arrangera lokala nätverksträffar för verksamheter som vill arbeta med BIP.",
      "Grundutbildning, gruppledarskap och ledarskap med lösningsfokus."],
     (B.I_FAS, "468 chefer och medarbetare (177 unika) har sedan projektstart deltagit i "
      "Inkluderingslyftet. Två nätverksträffar om BIP under våren."),
     (B.UPPFYLLT, "206 deltagare i Inkluderingslyftet under året och 197 i de "
      "lösningsfokuserade utbildningarna och boosttillfällena.")),
    (2, "Parternas samverkan blir smidigare genom gemensamma mötesplatser och "
     "kompetensutveckling.",
     ["Digitala Dejt med en verkSAMhet.",
      "Utvecklingsdagar för personalen i individinsatserna.",
      "Utbildning och workshops om SIP-processen och Cosmic Link."],
     (B.I_FAS, "19 digitala dejter med i genomsnitt cirka 25 deltagare."),
     (B.UPPFYLLT, "28 dejter med 519 deltagare, 4 utvecklingsdagar med 65 deltagare och 7 "
      "tillfällen om SIP och Cosmic Link med 356 deltagare.")),
    (2, "Rehabkoordinatorer i samverkan ger snabbare stöd mellan kommuner, vårdcentraler och "
     "psykiatri.",
     ["Ta fram samarbetsrutiner och samverkansavtal mellan kommunerna, vårdcentralerna och "
      "länets psykiatri."],
     (B.I_FAS, "Samarbetsrutiner är framtagna och avtalen ska vara klara före årets slut."),
     (B.UPPFYLLT, "Kontaktvägarna mellan kommunerna, vårdcentralerna och psykiatrin är "
      "etablerade. Mål och syfte för strukturpåverkande insatser uppnått.")),
]  # fmt: skip


@transaction.atomic
def load(forbund) -> str | None:
    if Aktivitet.objects.filter(forbund=forbund, ar=AR).exists():
        return None
    insatser = {i.slug: i for i in Insats.objects.filter(forbund=forbund)}
    for ordning, (slug, namn, malgrupp, antal, omfattning) in enumerate(AKTIVITETER, start=1):
        services.aktivitet_save(
            aktivitet=Aktivitet(
                forbund=forbund,
                insats=insatser.get(slug) if slug else None,
                ar=AR,
                namn=namn,
                malgrupp=malgrupp,
                antal_deltagare=antal,
                omfattning=omfattning,
                ordning=ordning,
            ),
            expected_version=0,
        )
    if not Indikatorsvar.objects.filter(forbund=forbund, ar=AR).exists():
        for nummer, fraga, skala, n, andelar in PERSONAL:
            services.indikatorsvar_create(
                forbund=forbund,
                ar=AR,
                respondentgrupp=Indikatorsvar.Respondentgrupp.PERSONAL,
                nummer=nummer,
                fraga=fraga,
                skala=skala,
                n=n,
                andelar=andelar,
            )
        services.indikatorbedomning_save_alla(
            forbund=forbund,
            ar=AR,
            rader=[
                services.Radandring(
                    obj=Indikatorbedomning(omrade=omrade, bedomning=bedomning, ordning=i),
                    expected_version=0,
                )
                for i, (omrade, bedomning) in enumerate(BEDOMNINGAR, start=1)
            ],
        )
    antal_mal = 0
    omraden = list(forbund.malomraden.order_by("ordning", "namn"))
    if not Mal.objects.filter(forbund=forbund, ar=AR).exists():
        for ordning, (index, text, planerade, delar, helar) in enumerate(MAL, start=1):
            if index >= len(omraden):
                continue
            mal = services.mal_save(
                mal=Mal(
                    forbund=forbund, ar=AR, malomrade=omraden[index], text=text, ordning=ordning
                ),
                expected_version=0,
            )
            antal_mal += 1
            for i, pa in enumerate(planerade, start=1):
                services.planerad_aktivitet_save(
                    aktivitet=PlaneradAktivitet(mal=mal, text=pa, ordning=i), expected_version=0
                )
            for tillfalle, (bedomning, utfall) in (
                (Maluppfoljning.Tillfalle.DELAR, delar),
                (Maluppfoljning.Tillfalle.HELAR, helar),
            ):
                services.maluppfoljning_save(
                    uppfoljning=Maluppfoljning(
                        mal=mal, tillfalle=tillfalle, bedomning=bedomning, utfall=utfall
                    ),
                    expected_version=0,
                )
    return (
        f"{len(AKTIVITETER)} strukturpåverkande aktiviteter {AR}, "
        f"{len(PERSONAL)} indikatorsvar, {antal_mal} mål"
    )
