"""The onboarding workbook's sheets and columns: one definition that the template, the
help sheet and the reader share, so a column cannot be written under one name and read
under another. No Django models here; the choices' labels are passed in by `excel.py`."""

from __future__ import annotations

from dataclasses import dataclass, field

# Column kinds: how a cell is read and how the template formats it.
TEXT, HELTAL, BELOPP, DECIMAL, DATUM, VAL, LISTA = (
    "text",
    "heltal",
    "belopp",
    "decimal",
    "datum",
    "val",
    "lista",
)


@dataclass(frozen=True)
class Kol:
    rubrik: str
    typ: str = TEXT
    kravs: bool = False
    hjalp: str = ""
    bredd: int = 20
    #: For VAL: the name of the choice list (see `excel.VALLISTOR`); for references: the
    #: sheet whose first column lists the allowed values.
    lista: str = ""
    referens: str = ""


@dataclass(frozen=True)
class Blad:
    namn: str
    beskrivning: str
    kolumner: list[Kol] = field(default_factory=list)

    def kol(self, rubrik: str) -> Kol:
        return next(k for k in self.kolumner if k.rubrik == rubrik)


INFO = "Om arbetsboken"
HJALP = "Hjälp"
UPPGIFT, VARDE = "Uppgift", "Värde"
NYCKEL_FORBUND = "Förbund"

MEDLEMMAR = Blad(
    "Medlemmar",
    "Förbundets medlemmar: kommunerna, regionen, Arbetsförmedlingen och Försäkringskassan.",
    [
        Kol(
            "Namn",
            kravs=True,
            bredd=34,
            hjalp="Medlemmens fullständiga namn, t.ex. Fagersta kommun. Unikt.",
        ),
        Kol("Kortnamn", bredd=16, hjalp="Kort namn i tabeller, t.ex. Fagersta eller Af."),
        Kol(
            "Typ",
            VAL,
            kravs=True,
            lista="medlemstyp",
            bredd=22,
            hjalp="Kommun, Region, Arbetsförmedlingen eller Försäkringskassan.",
        ),
    ],
)
FOLKMANGD = Blad(
    "Folkmängd",
    "Kommunernas folkmängd per år: nyckeln som fördelar kommunernas andel av medlen.",
    [
        Kol(
            "Medlem",
            kravs=True,
            bredd=30,
            referens="Medlemmar",
            hjalp="Namn eller kortnamn från bladet Medlemmar.",
        ),
        Kol("År", HELTAL, kravs=True, bredd=8, hjalp="Året folkmängden gäller, t.ex. 2025."),
        Kol("Folkmängd", HELTAL, kravs=True, bredd=14, hjalp="Antal invånare, ett heltal."),
    ],
)
MALOMRADEN = Blad(
    "Målområden",
    "Verksamhetsplanens målområden; varje insats hör till ett.",
    [
        Kol("Namn", kravs=True, bredd=34, hjalp="T.ex. Individinsatser. Unikt."),
        Kol("Beskrivning", bredd=60, hjalp="Valfri text."),
    ],
)
INSATSER = Blad(
    "Insatser",
    "Insatserna förbundet finansierar.",
    [
        Kol(
            "Kortnamn",
            kravs=True,
            bredd=24,
            hjalp="Kort namn utan mellanslag, t.ex. st-vasteras (a–z, 0–9, bindestreck). "
            "Unikt; används av bladen Bemanning, Styrgrupp och Budgetrader.",
        ),
        Kol("Namn", kravs=True, bredd=36, hjalp="Insatsens namn."),
        Kol(
            "Typ",
            VAL,
            kravs=True,
            lista="insatstyp",
            bredd=26,
            hjalp="En av typerna i listan, t.ex. Samordningsteam.",
        ),
        Kol(
            "Målområde",
            kravs=True,
            bredd=26,
            referens="Målområden",
            hjalp="Namnet på ett målområde från bladet Målområden.",
        ),
        Kol(
            "Status",
            VAL,
            lista="insatsstatus",
            bredd=12,
            hjalp="Planerad, Pågående eller Avslutad. Tomt: Pågående för en ny insats.",
        ),
        Kol("Startdatum", DATUM, bredd=12, hjalp="ÅÅÅÅ-MM-DD."),
        Kol("Slutdatum", DATUM, bredd=12, hjalp="ÅÅÅÅ-MM-DD; tomt om insatsen löper tills vidare."),
        Kol(
            "Ägare",
            bredd=20,
            referens="Medlemmar",
            hjalp="Medlemmen som äger insatsen (namn eller kortnamn), eller tomt.",
        ),
        Kol(
            "Kommuner",
            LISTA,
            bredd=30,
            hjalp="Kommunerna som betjänas, åtskilda med komma (namn eller kortnamn).",
        ),
        Kol(
            "Deltagande medlemmar",
            LISTA,
            bredd=30,
            hjalp="Medlemmarna som deltar, åtskilda med komma.",
        ),
        Kol("Målgrupp", bredd=30, hjalp="Förbundets egen beskrivning av målgruppen."),
        Kol("Beskrivning", bredd=40, hjalp="Visas i verksamhetsplanen. Markdown går bra."),
    ],
)
BEMANNING = Blad(
    "Bemanning",
    "Insatsernas bemanning: en rad per roll och arbetsgivare.",
    [
        Kol(
            "Insats",
            kravs=True,
            bredd=24,
            referens="Insatser",
            hjalp="Insatsens kortnamn från bladet Insatser.",
        ),
        Kol("Roll", kravs=True, bredd=28, hjalp="T.ex. socialkonsulent."),
        Kol(
            "Årsarbetare",
            DECIMAL,
            kravs=True,
            bredd=12,
            hjalp="Heltidstjänster, t.ex. 4 eller 0,4.",
        ),
        Kol(
            "Anställd av",
            kravs=True,
            bredd=22,
            referens="Medlemmar",
            hjalp="Medlemmen som är arbetsgivare (namn eller kortnamn).",
        ),
        Kol(
            "Varav finansierat av förbundet",
            DECIMAL,
            bredd=14,
            hjalp="Den del av årsarbetarna som förbundet betalar; tomt är 0.",
        ),
        Kol("Anmärkning", bredd=30, hjalp="T.ex. osäker bemanning."),
    ],
)
STYRGRUPP = Blad(
    "Styrgrupp",
    "Styrgruppens användare per insats: de rapporterar för insatsen och ser bara den.",
    [
        Kol(
            "Insats",
            kravs=True,
            bredd=24,
            referens="Insatser",
            hjalp="Insatsens kortnamn från bladet Insatser.",
        ),
        Kol(
            "E-post",
            kravs=True,
            bredd=34,
            hjalp="Användarens e-postadress. "
            "En ny adress får en inbjudan med rollen styrgrupp när arbetsboken tillämpas.",
        ),
        Kol("Förnamn", bredd=16, hjalp="För en ny användare."),
        Kol("Efternamn", bredd=16, hjalp="För en ny användare."),
    ],
)
BUDGETAR = Blad(
    "Budgetår",
    "Fjolårets och årets budget: år och styrelsens beslut. Beloppen står på bladet Budgetrader.",
    [
        Kol("Avser", kravs=True, bredd=16, hjalp="Föregående år eller I år (ändra inte)."),
        Kol("År", HELTAL, kravs=True, bredd=8, hjalp="Budgetåret."),
        Kol(
            "Beslutsdatum",
            DATUM,
            bredd=14,
            hjalp="Dagen styrelsen beslutade budgeten, ÅÅÅÅ-MM-DD. Krävs för att skapa en budget.",
        ),
        Kol("Paragraf", bredd=12, hjalp="Protokollsparagrafen, t.ex. § 12."),
    ],
)
BUDGETGRUPPER = Blad(
    "Budgetgrupper",
    "Budgetträdets grupper, t.ex. Intäkter, Individinsatser, Administration.",
    [
        Kol("Namn", kravs=True, bredd=32, hjalp="Gruppens namn. Unikt."),
        Kol(
            "Överordnad grupp",
            bredd=28,
            referens="Budgetgrupper",
            hjalp="Tomt för en grupp högst upp, annars namnet på en annan grupp.",
        ),
        Kol("Typ", VAL, kravs=True, lista="grupptyp", bredd=12, hjalp="Intäkter eller Kostnader."),
        Kol("Summarad", bredd=30, hjalp="T.ex. Summa individinsatser; tomt för ingen summarad."),
    ],
)
BUDGETRADER = Blad(
    "Budgetrader",
    "Budgetens rader med fjolårets och årets belopp i hela kronor (kostnader med minustecken).",
    [
        Kol(
            "Grupp",
            kravs=True,
            bredd=28,
            referens="Budgetgrupper",
            hjalp="Namnet på en grupp från bladet Budgetgrupper.",
        ),
        Kol("Rad", kravs=True, bredd=36, hjalp="Radens namn; unikt inom gruppen."),
        Kol(
            "Kategori",
            VAL,
            lista="kategori",
            bredd=22,
            hjalp="Kostnadskategori: Individinsatser, Strukturella insatser, Processtöd eller "
            "Administration. Tomt för intäkter.",
        ),
        Kol(
            "Insats",
            bredd=22,
            referens="Insatser",
            hjalp="Insatsens kortnamn om raden hör till en insats, annars tomt.",
        ),
        Kol(
            "Budget föregående år (kr)",
            BELOPP,
            bredd=18,
            hjalp="Hela kronor; intäkter positiva, kostnader med minustecken. Tomt: inget belopp.",
        ),
        Kol("Budget i år (kr)", BELOPP, bredd=18, hjalp="Hela kronor, som ovan."),
    ],
)

#: In the order they are read and applied (a sheet refers only to sheets before it).
BLAD = [
    MEDLEMMAR,
    FOLKMANGD,
    MALOMRADEN,
    INSATSER,
    BEMANNING,
    STYRGRUPP,
    BUDGETGRUPPER,
    BUDGETAR,
    BUDGETRADER,
]

FOREG, IAR = "Föregående år", "I år"
BELOPP_KOL = {FOREG: "Budget föregående år (kr)", IAR: "Budget i år (kr)"}
