"""Budget models, one module per area: the budget tree and versions (budget.py), the yearly
allocation from the members (medel.py), utfall and prognos (utfall.py), the bokslut
figures (bokslut.py), the kansli's staff (kansli.py), and each document's own table
structure and medel till förfogande (tabell.py), and which accounts of the books feed
which line (sie.py)."""

from budget.models.bokslut import Bokslut, Bokslutspost
from budget.models.budget import Budgetbelopp, Budgetgrupp, Budgetrad, Budgetversion
from budget.models.kansli import Kanslitjanst
from budget.models.medel import Fordelningsandel, Medelstilldelning
from budget.models.sie import Kontomappning
from budget.models.tabell import MedelTillForfogande, Tabellgrupp, Tabellrad, Tabellstruktur
from budget.models.utfall import Utfallsperiod, Utfallsrad

__all__ = [
    "Bokslut",
    "Bokslutspost",
    "Budgetbelopp",
    "Budgetgrupp",
    "Budgetrad",
    "Budgetversion",
    "Fordelningsandel",
    "Kanslitjanst",
    "Kontomappning",
    "MedelTillForfogande",
    "Medelstilldelning",
    "Tabellgrupp",
    "Tabellrad",
    "Tabellstruktur",
    "Utfallsperiod",
    "Utfallsrad",
]
