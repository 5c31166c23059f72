"""The demo förbund, built from the public figures in the seed documents.

Figures (budget 2024–2027, bemanning, members) are the published ones from
`verksamhetsplan-och-budget-2025-2027.txt` and `verksamhetsplan-2024.txt`; names of
people are invented and the descriptions are our own words.

`load_demo()` is idempotent: a förbund that already exists is left as it is.
"""

from datetime import date
from decimal import Decimal

from django.db import transaction

from budget.models import Budgetbelopp, Budgetgrupp, Budgetrad, Budgetversion
from finsam.models import Befolkning, Forbund, Medlem, User
from insatser.models import Bemanning, Beslut, Insats, Malomrade

DEMO_PASSWORD = "finsam-demo"

K = Medlem.Typ.KOMMUN
MEDLEMMAR = [
    # (namn, kortnamn, typ, folkmängd 2023-12-31: the key for 2024's kommun share)
    ("Arbetsförmedlingen", "Af", Medlem.Typ.ARBETSFORMEDLINGEN, None),
    ("Försäkringskassan", "Fk", Medlem.Typ.FORSAKRINGSKASSAN, None),
    ("Region Västmanland", "Region", Medlem.Typ.REGION, None),
    ("Arboga kommun", "Arboga", K, 14019),
    ("Fagersta kommun", "Fagersta", K, 13263),
    ("Hallstahammars kommun", "Hallstahammar", K, 17093),
    ("Kungsörs kommun", "Kungsör", K, 8638),
    ("Köpings kommun", "Köping", K, 25047),
    ("Norbergs kommun", "Norberg", K, 5545),
    ("Sala kommun", "Sala", K, 24022),
    ("Skinnskattebergs kommun", "Skinnskatteberg", K, 4354),
    ("Surahammars kommun", "Surahammar", K, 9953),
    ("Västerås stad", "Västerås", K, 159629),
]

MALOMRADEN = [
    (
        "Individinsatser",
        "Samverkansinsatser för personer som behöver samordnat stöd från flera parter "
        "för att närma sig arbete.",
    ),
    (
        "Metoder och arbetssätt",
        "Utveckling av metoder och arbetssätt inom arbetslivsinriktad samordnad rehabilitering.",
    ),
    (
        "Strukturpåverkande insatser",
        "Insatser som gör parternas samverkan smidigare, effektivare och tidigare.",
    ),
]

T = Insats.Typ
# (slug, namn, typ, målområde index, start, slut, ägare, kommuner, bemanning, beskrivning)
# bemanning rows: (roll, åa, arbetsgivare, varav förbundet, anmärkning)
INSATSER = [
    (
        "st-fns",
        "Samordningsteam FNS",
        T.SAMORDNINGSTEAM,
        0,
        date(2017, 1, 1),
        None,
        "Fagersta",
        ["Fagersta", "Norberg", "Skinnskatteberg"],
        [
            ("Verksamhetsledare", "1.0", "Fagersta", "0", ""),
            ("Socialkonsulent", "4.0", "Fagersta", "1.5", ""),
            ("Konsulent", "0.5", "Norberg", "0", ""),
            ("Kurator", "0.1", "Region", "0", ""),
            ("Arbetsförmedlare", "0.4", "Af", "0", "Osäkert om Af kan bemanna"),
        ],
        "Teamet ger invånare i Fagersta, Norberg och Skinnskatteberg ett samlat stöd på "
        "vägen mot arbete eller studier, med personal från kommunerna, regionen och "
        "Arbetsförmedlingen under samma tak.",
    ),
    (
        "st-hallstahammar",
        "Samordningsteam Hallstahammar",
        T.SAMORDNINGSTEAM,
        0,
        date(2016, 1, 1),
        None,
        "Hallstahammar",
        ["Hallstahammar"],
        [
            ("Verksamhetsledare", "1.0", "Hallstahammar", "0", ""),
            ("Socialkonsulent", "0.5", "Hallstahammar", "0", ""),
            ("Kurator", "0.1", "Region", "0", ""),
            ("Arbetsförmedlare", "0.2", "Af", "0", ""),
        ],
        "Ett litet tvärprofessionellt team för boende i Hallstahammar som behöver stöd "
        "från flera myndigheter samtidigt.",
    ),
    (
        "st-sala",
        "Samordningsteam Sala",
        T.SAMORDNINGSTEAM,
        0,
        date(2016, 1, 1),
        None,
        "Sala",
        ["Sala"],
        [
            ("Verksamhetsledare", "1.0", "Sala", "0", ""),
            ("Socialkonsulent", "1.0", "Sala", "0", ""),
            ("Kurator", "0.1", "Region", "0", ""),
            ("Arbetsförmedlare", "0.4", "Af", "0", ""),
        ],
        "Samordningsteamet i Sala arbetar personcentrerat och lösningsfokuserat med "
        "deltagare som står långt från arbetsmarknaden.",
    ),
    (
        "st-surahammar",
        "Samordningsteam Surahammar",
        T.SAMORDNINGSTEAM,
        0,
        date(2016, 1, 1),
        None,
        "Surahammar",
        ["Surahammar"],
        [
            ("Verksamhetsledare", "1.0", "Surahammar", "0", ""),
            ("Kurator", "0.1", "Region", "0", ""),
            ("Arbetsförmedlare", "0.6", "Af", "0", ""),
        ],
        "Teamet i Surahammar samlar kommunens, regionens och Arbetsförmedlingens stöd "
        "kring varje deltagare.",
    ),
    (
        "st-vasteras",
        "Samordningsteam Västerås",
        T.SAMORDNINGSTEAM,
        0,
        date(2015, 1, 1),
        None,
        "Västerås",
        ["Västerås"],
        [
            ("Verksamhetsledare", "1.0", "Västerås", "0", ""),
            ("Arbetskonsulent", "6.0", "Västerås", "0", ""),
            ("Arbetsförmedlare", "0.6", "Af", "0", ""),
        ],
        "Länets största samordningsteam, för boende i Västerås som behöver samordnat stöd "
        "för att komma närmare arbete och egen försörjning.",
    ),
    (
        "teamsamverkan-vm",
        "Teamsamverkan Västra Mälardalen",
        T.TEAMSAMVERKAN,
        0,
        date(2024, 1, 1),
        date(2027, 12, 31),
        "Köping",
        ["Köping", "Arboga", "Kungsör"],
        [
            ("Projektledare", "1.0", "Köping", "1.0", ""),
            ("Socialsekreterare", "1.0", "Köping", "0.5", ""),
            ("Arbetsförmedlare", "0.2", "Af", "0", ""),
        ],
        "Ett fyraårigt projekt som bygger upp samarbetsvägar för personer utan "
        "sjukpenninggrundande inkomst som lever på försörjningsstöd. Startade i Köping och "
        "breddas till Arboga och Kungsör.",
    ),
    (
        "psykiatriresurs",
        "Psykiatriresurs samordningsteam",
        T.OVRIGT,
        0,
        date(2024, 1, 1),
        None,
        "Region",
        [],
        [("Kurator, psykiatrin", "0.6", "Region", "0.6", "Fördelas på samordningsteamen")],
        "Regionens kuratorer i samordningsteamen, samlade i en resurs som förbundet finansierar.",
    ),
    (
        "rmgt",
        "Rådgivande myndighetsgemensamt team (RMGT)",
        T.RADGIVANDE_TEAM,
        1,
        date(2023, 1, 1),
        date(2025, 12, 31),
        "Västerås",
        ["Västerås"],
        [
            ("Handläggare", "0.4", "Af", "0.4", ""),
            ("Handläggare", "0.4", "Fk", "0.4", ""),
            ("Handläggare", "0.4", "Region", "0.4", ""),
            ("Socialsekreterare", "0.4", "Västerås", "0.4", ""),
        ],
        "Ett rådgivande team där fyra myndigheter tillsammans ger handläggare råd i "
        "ärenden där flera regelverk möts.",
    ),
    (
        "inkluderingslyftet",
        "Inkluderingslyftet",
        T.METODUTVECKLING,
        1,
        date(2023, 8, 1),
        date(2026, 7, 31),
        None,
        [],
        [],
        "Ett ESF-finansierat projekt om kompetenshöjning inom BIP och Vägen till "
        "arbetsgivarna. Medlemmarnas personal deltar utan kostnad för förbundet.",
    ),
    (
        "rehabkoordinatorer",
        "Rehabkoordinatorer i samverkan",
        T.STRUKTURPAVERKANDE,
        2,
        date(2024, 1, 1),
        date(2025, 12, 31),
        "Region",
        [],
        [("Processledare", "0.5", "Region", "0.5", "")],
        "Stärker rehabkoordinatorernas uppdrag och kontaktvägarna mellan vårdcentraler, "
        "psykiatri och socialtjänst kring sjukskrivna med försörjningsstöd.",
    ),
    (
        "sip-vm",
        "SIP-utvecklare Västra Mälardalen",
        T.STRUKTURPAVERKANDE,
        2,
        date(2024, 1, 1),
        date(2024, 12, 31),
        "Köping",
        ["Köping", "Arboga", "Kungsör"],
        [],
        "Avslutat utvecklingsstöd för samordnad individuell plan i Västra Mälardalen.",
    ),
]

# Beslut: (insats slug, datum, paragraf, belopp, från år, till år)
BESLUT = [
    ("st-fns", date(2024, 11, 22), "§ 58", 1_650_000, 2025, 2025),
    ("st-hallstahammar", date(2024, 11, 22), "§ 58", 1_250_000, 2025, 2025),
    ("st-sala", date(2024, 11, 22), "§ 58", 1_720_000, 2025, 2025),
    ("st-surahammar", date(2024, 11, 22), "§ 58", 1_250_000, 2025, 2025),
    ("st-vasteras", date(2024, 11, 22), "§ 58", 6_100_000, 2025, 2025),
    ("teamsamverkan-vm", date(2023, 11, 16), "§ 12", 6_351_500, 2024, 2027),
    ("rmgt", date(2024, 11, 22), "§ 59", 1_254_000, 2025, 2025),
    ("rehabkoordinatorer", date(2023, 11, 16), "§ 13", 995_000, 2024, 2025),
]

KAT = Budgetrad.Kategori
# The budget tree: groups (key, parent key, namn, typ, visa rubrik, summarad).
GRUPPER = [
    ("intakter", None, "Intäkter", "intakt", False, "Summa intäkter"),
    ("admin", None, "Administrativa kostnader", "kostnad", False, "Summa administrativa kostnader"),
    ("direkta", None, "Direkta insatskostnader", "kostnad", False, "Summa direkta insatskostnader"),
    ("individ", "direkta", "Individinsatser", "kostnad", True, "Summa individinsatser"),
    (
        "mas",
        "direkta",
        "Metoder, arbetssätt och strukturpåverkande insatser",
        "kostnad",
        False,
        "Summa metoder, arbetssätt och strukturpåverkande insatser",
    ),
    ("metoder", "mas", "Metoder och arbetssätt", "kostnad", True, ""),
    ("struktur", "mas", "Strukturpåverkande insatser", "kostnad", True, ""),
    ("ofordelat", None, "Ofördelade medel", "kostnad", False, ""),
]

# Lines: (grupp, namn, insats slug, kategori,
#         budget 2024 (VP 2024), tilläggsbudget 2024, budget 2025, plan 2026, plan 2027)
RADER = [
    (
        "intakter",
        "Medel från huvudmännen",
        None,
        "",
        19_038_000,
        19_038_000,
        18_958_000,
        18_958_000,
        18_958_000,
    ),
    (
        "admin",
        "Styrelse",
        None,
        KAT.ADMINISTRATION,
        -606_000,
        -606_000,
        -619_000,
        -634_000,
        -649_000,
    ),
    (
        "admin",
        "Gemensam administration",
        None,
        KAT.ADMINISTRATION,
        -2_244_000,
        -2_022_000,
        -1_759_000,
        -1_726_000,
        -1_727_000,
    ),
    (
        "individ",
        "Samordningsteam FNS",
        "st-fns",
        KAT.INDIVIDINSATSER,
        -1_525_000,
        -1_525_000,
        -1_650_000,
        -1_369_500,
        -1_164_000,
    ),
    (
        "individ",
        "Samordningsteam Hallstahammar",
        "st-hallstahammar",
        KAT.INDIVIDINSATSER,
        -1_200_000,
        -1_200_000,
        -1_250_000,
        -1_037_500,
        -882_000,
    ),
    (
        "individ",
        "Samordningsteam Sala",
        "st-sala",
        KAT.INDIVIDINSATSER,
        -1_700_000,
        -1_700_000,
        -1_720_000,
        -1_427_600,
        -1_213_500,
    ),
    (
        "individ",
        "Samordningsteam Surahammar",
        "st-surahammar",
        KAT.INDIVIDINSATSER,
        -1_200_000,
        -1_200_000,
        -1_250_000,
        -1_037_500,
        -882_000,
    ),
    (
        "individ",
        "Samordningsteam Västerås",
        "st-vasteras",
        KAT.INDIVIDINSATSER,
        -6_200_000,
        -6_200_000,
        -6_100_000,
        -5_063_000,
        -4_304_000,
    ),
    (
        "individ",
        "Teamsamverkan i V Mälardalen",
        "teamsamverkan-vm",
        KAT.INDIVIDINSATSER,
        -1_700_000,
        -1_700_000,
        -1_550_500,
        -1_550_500,
        -1_550_500,
    ),
    (
        "individ",
        "Psykiatriresurs Samordningsteam",
        "psykiatriresurs",
        KAT.INDIVIDINSATSER,
        -400_000,
        -400_000,
        -321_500,
        -267_000,
        -227_000,
    ),
    (
        "metoder",
        "Rådgivande myndighetsgem team RMGT",
        "rmgt",
        KAT.STRUKTURELLA,
        -1_120_000,
        -1_120_000,
        -1_254_000,
        -1_292_000,
        -1_337_000,
    ),
    ("metoder", "Inkluderingslyftet", "inkluderingslyftet", KAT.STRUKTURELLA, None, 0, 0, 0, 0),
    (
        "struktur",
        "Rehabkoordinatorer i samverkan",
        "rehabkoordinatorer",
        KAT.STRUKTURELLA,
        -595_000,
        -595_000,
        -400_000,
        0,
        0,
    ),
    (
        "struktur",
        "Utbildningar och konferenser",
        None,
        KAT.STRUKTURELLA,
        -500_000,
        -500_000,
        -200_000,
        -400_000,
        -700_000,
    ),
    (
        "struktur",
        "Processtöd",
        None,
        KAT.PROCESSTOD,
        -1_453_000,
        -1_674_000,
        -2_017_000,
        -2_082_000,
        -2_150_000,
    ),
    (
        "struktur",
        "SIP-utvecklare V Mälardalen",
        "sip-vm",
        KAT.STRUKTURELLA,
        -40_000,
        -40_000,
        0,
        0,
        0,
    ),
    (
        "struktur",
        "Utvärdering",
        None,
        KAT.STRUKTURELLA,
        -100_000,
        -100_000,
        -20_000,
        -40_000,
        -50_000,
    ),
    ("ofordelat", "Ofördelade medel", None, "", -400_000, -400_000, -93_000, -300_000, -1_800_000),
]

VERSIONER = [
    # (typ, år, beslutsdatum, paragraf, motivering, eget kapital vid årets början)
    ("budget", 2024, date(2023, 11, 16), "§ 11", "", 3_863_000),
    (
        "tillagg",
        2024,
        date(2024, 5, 24),
        "§ 31",
        "Omfördelning från gemensam administration till processtöd när kansliets "
        "tjänster fördelades om efter sammanslagningen.",
        None,
    ),
    ("budget", 2025, date(2024, 11, 22), "§ 57", "", 2_246_700),
    ("plan", 2026, date(2024, 11, 22), "§ 57", "", None),
    ("plan", 2027, date(2024, 11, 22), "§ 57", "", None),
]

ANVANDARE = [
    # (användarnamn, förnamn, efternamn, roll, styrgrupp för insats)
    ("kansli", "Karin", "Lindqvist", User.Roll.KANSLI, None),
    ("styrelse", "Per", "Ekström", User.Roll.STYRELSE, None),
    ("revisor", "Eva", "Sandberg", User.Roll.REVISOR, None),
    ("styrgrupp-vasteras", "Omar", "Nilsson", User.Roll.STYRGRUPP, "st-vasteras"),
]


def _user(forbund, username, first, last, roll):
    user = User(
        username=username,
        first_name=first,
        last_name=last,
        forbund=forbund,
        roll=roll,
        email=f"{username}@example.org",
    )
    user.set_password(DEMO_PASSWORD)
    user.save()
    return user


def _vastmanland():
    forbund = Forbund.objects.create(
        namn="Samordningsförbundet Västmanland",
        slug="vastmanland",
        organisationsnummer="222000-1974",
        utdelningsadress="von Rosens väg 1",
        postnummer="737 80",
        postort="Fagersta",
        epost="kansli@example.org",
    )
    medlemmar = {}
    for ordning, (namn, kort, typ, folk) in enumerate(MEDLEMMAR, start=1):
        m = Medlem.objects.create(
            forbund=forbund, namn=namn, kortnamn=kort, typ=typ, ordning=ordning
        )
        medlemmar[kort] = m
        if folk:
            Befolkning.objects.create(medlem=m, ar=2024, antal=folk)

    omraden = [
        Malomrade.objects.create(forbund=forbund, namn=n, beskrivning=b, ordning=i)
        for i, (n, b) in enumerate(MALOMRADEN, start=1)
    ]
    insatser = {}
    for ordning, (slug, namn, typ, mo, start, slut, agare, kommuner, bem, text) in enumerate(
        INSATSER, start=1
    ):
        status = Insats.Status.AVSLUTAD if slut and slut < date(2026, 1, 1) else "pagaende"
        insats = Insats.objects.create(
            forbund=forbund,
            slug=slug,
            namn=namn,
            typ=typ,
            malomrade=omraden[mo],
            startdatum=start,
            slutdatum=slut,
            status=status,
            agare=medlemmar[agare] if agare else None,
            beskrivning=text,
            malgrupp="Personer 16–67 år som behöver samordnat stöd från minst två av "
            "förbundets parter för att närma sig arbete.",
            ordning=ordning,
        )
        insats.kommuner.set([medlemmar[k] for k in kommuner])
        deltagare = {b[2] for b in bem} | ({agare} if agare else set())
        insats.deltagande_medlemmar.set([medlemmar[k] for k in deltagare])
        for i, (roll, fte, arbetsgivare, finans, anm) in enumerate(bem):
            Bemanning.objects.create(
                insats=insats,
                roll=roll,
                arsarbetare=Decimal(fte),
                arbetsgivare=medlemmar[arbetsgivare],
                finansierat_av_forbundet=Decimal(finans),
                anmarkning=anm,
                ordning=i,
            )
        insatser[slug] = insats
    for slug, datum, paragraf, belopp, fran, till in BESLUT:
        Beslut.objects.create(
            insats=insatser[slug],
            datum=datum,
            paragraf=paragraf,
            belopp=belopp,
            forsta_ar=fran,
            sista_ar=till,
        )

    grupper = {}
    for ordning, (key, parent, namn, typ, rubrik, summa) in enumerate(GRUPPER, start=1):
        grupper[key] = Budgetgrupp.objects.create(
            forbund=forbund,
            overordnad=grupper[parent] if parent else None,
            namn=namn,
            typ=typ,
            visa_rubrik=rubrik,
            summa_etikett=summa,
            ordning=ordning,
        )
    versioner = [
        Budgetversion.objects.create(
            forbund=forbund,
            typ=typ,
            ar=ar,
            beslutsdatum=datum,
            paragraf=paragraf,
            motivering=motivering,
            eget_kapital_ingaende=ek,
        )
        for typ, ar, datum, paragraf, motivering, ek in VERSIONER
    ]
    belopp = []
    for ordning, (grupp, namn, slug, kategori, *varden) in enumerate(RADER, start=1):
        rad = Budgetrad.objects.create(
            forbund=forbund,
            grupp=grupper[grupp],
            namn=namn,
            insats=insatser[slug] if slug else None,
            kategori=kategori,
            ordning=ordning,
            stangd=slug == "sip-vm",
        )
        for version, varde in zip(versioner, varden, strict=True):
            if varde is not None:
                belopp.append(Budgetbelopp(version=version, rad=rad, belopp=varde))
    Budgetbelopp.objects.bulk_create(belopp)

    for username, first, last, roll, styr in ANVANDARE:
        user = _user(forbund, username, first, last, roll)
        if styr:
            insatser[styr].styrgrupp.add(user)
    return forbund


def _exempel():
    """A second, small förbund: proves that the two never see each other's data."""
    forbund = Forbund.objects.create(
        namn="Samordningsförbundet Exempeldalen",
        slug="exempel",
        organisationsnummer="222000-0000",
        utdelningsadress="Exempelvägen 2",
        postnummer="123 45",
        postort="Exempelby",
    )
    af = Medlem.objects.create(forbund=forbund, namn="Arbetsförmedlingen", kortnamn="Af", typ="af")
    Medlem.objects.create(forbund=forbund, namn="Försäkringskassan", kortnamn="Fk", typ="fk")
    region = Medlem.objects.create(
        forbund=forbund, namn="Region Exempel", kortnamn="Region", typ="region"
    )
    kommun = Medlem.objects.create(
        forbund=forbund, namn="Exempelby kommun", kortnamn="Exempelby", typ=K
    )
    Befolkning.objects.create(medlem=kommun, ar=2025, antal=21000)
    mo = Malomrade.objects.create(forbund=forbund, namn="Individinsatser", ordning=1)
    insats = Insats.objects.create(
        forbund=forbund,
        slug="st-exempelby",
        namn="Samordningsteam Exempelby",
        typ=T.SAMORDNINGSTEAM,
        malomrade=mo,
        startdatum=date(2025, 1, 1),
        agare=kommun,
        beskrivning="Ett litet team i Exempelby.",
    )
    insats.kommuner.set([kommun])
    insats.deltagande_medlemmar.set([kommun, af, region])
    Bemanning.objects.create(
        insats=insats, roll="Socialkonsulent", arsarbetare=Decimal("1.0"), arbetsgivare=kommun
    )
    intakter = Budgetgrupp.objects.create(
        forbund=forbund,
        namn="Intäkter",
        typ="intakt",
        visa_rubrik=False,
        summa_etikett="Summa intäkter",
        ordning=1,
    )
    kostnader = Budgetgrupp.objects.create(
        forbund=forbund, namn="Kostnader", summa_etikett="Summa kostnader för insatser", ordning=2
    )
    v = Budgetversion.objects.create(
        forbund=forbund,
        typ="budget",
        ar=2025,
        beslutsdatum=date(2024, 11, 1),
        eget_kapital_ingaende=300_000,
    )
    r1 = Budgetrad.objects.create(forbund=forbund, grupp=intakter, namn="Medel från huvudmännen")
    r2 = Budgetrad.objects.create(
        forbund=forbund,
        grupp=kostnader,
        namn="Samordningsteam Exempelby",
        insats=insats,
        kategori=KAT.INDIVIDINSATSER,
    )
    Budgetbelopp.objects.create(version=v, rad=r1, belopp=2_000_000)
    Budgetbelopp.objects.create(version=v, rad=r2, belopp=-1_900_000)
    _user(forbund, "kansli-exempel", "Lars", "Berg", User.Roll.KANSLI)
    return forbund


@transaction.atomic
def load_demo() -> list[str]:
    """Create the demo förbund that do not exist yet. Returns what was done, line by line."""
    from budget import demo_bokslut, demo_medel, demo_utfall
    from insatser import demo_rekvisitioner
    from uppfoljning import demo_uppfoljning

    done = []
    for slug, builder in (("vastmanland", _vastmanland), ("exempel", _exempel)):
        forbund = Forbund.objects.filter(slug=slug).first()
        if forbund is None:
            builder()
            done.append(f"{slug}: skapat")
        else:
            done.append(f"{slug}: finns redan")
    # Areas added later fill in what an existing demo database lacks; each step is
    # idempotent on its own.
    vastmanland = Forbund.objects.get(slug="vastmanland")
    from finsam import demo_styrelse

    for step in (
        demo_medel,
        demo_utfall,
        demo_bokslut,
        demo_rekvisitioner,
        demo_uppfoljning,
        demo_styrelse,
    ):
        line = step.load(vastmanland)
        if line:
            done.append(f"vastmanland: {line}")
    return done


DEMO_LOGINS = [
    ("kansli", "kansli, Samordningsförbundet Västmanland: läser och ändrar allt"),
    ("styrelse", "styrelseledamot: läser allt, ändrar inget"),
    ("revisor", "revisor: läser allt, även ändringshistoriken"),
    ("styrgrupp-vasteras", "styrgrupp för Samordningsteam Västerås: ser bara sin insats"),
    ("kansli-exempel", "kansli, Samordningsförbundet Exempeldalen (ett annat förbund)"),
]
