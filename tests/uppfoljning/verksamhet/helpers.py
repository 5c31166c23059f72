"""Small builders for the verksamhet tests, through the services where they exist."""

from uppfoljning.models import Aktivitet, Indikatorsvar, Mal, Maluppfoljning, PlaneradAktivitet
from uppfoljning.verksamhet import services


def make_aktivitet(forbund, *, insats=None, ar=2025, **kw) -> Aktivitet:
    defaults = dict(namn="Grundutbildning", malgrupp="Chefer", antal_deltagare=10, omfattning="1")
    defaults.update(kw)
    return services.aktivitet_save(
        aktivitet=Aktivitet(forbund=forbund, insats=insats, ar=ar, **defaults), expected_version=0
    )


def make_svar(forbund, *, nummer=1, ar=2025, grupp="personal", andelar=(0, 0, 0, 9, 36, 55)):
    return services.indikatorsvar_create(
        forbund=forbund,
        ar=ar,
        respondentgrupp=grupp,
        nummer=nummer,
        fraga=f"Fråga {nummer}",
        skala=Indikatorsvar.Skala.FREKVENS,
        n=22,
        andelar=andelar,
    )


def make_mal(forbund, malomrade, *, ar=2025, text="Fler närmar sig arbete.", ordning=1) -> Mal:
    return services.mal_save(
        mal=Mal(forbund=forbund, malomrade=malomrade, ar=ar, text=text, ordning=ordning),
        expected_version=0,
    )


def make_planerad(mal, *, text="Finansiera samordningsteamen.", ordning=1) -> PlaneradAktivitet:
    return services.planerad_aktivitet_save(
        aktivitet=PlaneradAktivitet(mal=mal, text=text, ordning=ordning), expected_version=0
    )


def make_uppfoljning(mal, tillfalle, bedomning, utfall="Utfall") -> Maluppfoljning:
    return services.maluppfoljning_save(
        uppfoljning=Maluppfoljning(
            mal=mal, tillfalle=tillfalle, bedomning=bedomning, utfall=utfall
        ),
        expected_version=0,
    )
