"""PDFs off the request (finsam.rapporter.pdfjobb): an order's life through the database
queue and its worker (queued, running, done; failed with a Swedish message), the cache
keyed on what the PDF is built from (the same bytes for unchanged data, new ones after an
edit), adopted editions from the archive, and who sees which order.

The lifecycle tests run the real backend of production (django-tasks-db): the order is
put in the task table and the worker's own `run_task` runs it, as `manage.py db_worker`
does. The other tests use the test settings' immediate backend (the task runs at once).
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.test import override_settings
from django.urls import reverse
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from finsam.models import Pdfbestallning
from finsam.rapporter import pdfjobb
from finsam.rapporter.dokument import dokumenttyp
from finsam.rapporter.utgava.faststall import faststall, verifierad_pdf
from finsam.rapporter.utgava.texter import text_spara, utgava_for
from tests.finsam.rapporter.helpers import hamta_pdf, pdf_text, skriv_texter

DB_KO = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
VP = reverse("finsam:verksamhetsplan-pdf", args=[2025])


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _kor_arbetaren() -> DBTaskResult:
    """Claim the next task in the queue and run it, as one round of `db_worker` does."""
    arbetare = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=1,
        worker_id="test",
        excluded_queue_names=[],
    )
    uppgift = DBTaskResult.objects.ready().get_locked()
    assert uppgift is not None, "no task in the queue"
    uppgift.claim(arbetare.worker_id)
    arbetare.run_task(uppgift)
    uppgift.refresh_from_db()
    return uppgift


def _status(client, bestallning) -> dict:
    svar = client.get(reverse("finsam:pdfbestallning-status", args=[bestallning.pk]))
    assert svar.status_code == 200
    return json.loads(svar.content)


@override_settings(TASKS=DB_KO)
def test_an_order_is_queued_then_running_then_done(demo, demo_user, client, monkeypatch):
    client.force_login(demo_user("kansli"))
    sida = client.get(VP)
    assert sida.status_code == 200 and sida["Content-Type"].startswith("text/html")
    assert "Skapa PDF" in sida.content.decode()

    svar = client.post(VP)
    bestallning = Pdfbestallning.objects.get()
    assert svar.status_code == 302
    assert svar["Location"] == reverse("finsam:pdfbestallning", args=[bestallning.pk])
    # queued: the order and its task wait for the worker
    assert bestallning.status == "koar"
    assert _status(client, bestallning)["status"] == "koar"
    uppgift = DBTaskResult.objects.get()
    assert str(uppgift.id) == bestallning.uppgift_id and uppgift.status == "READY"
    statussida = client.get(svar["Location"]).content.decode()
    assert 'role="status"' in statussida and "pdfstatus.js" in statussida
    # the PDF link, meanwhile, points to the order under way
    vantar = client.get(VP).content.decode()
    assert "skapas redan" in vantar and f'href="{svar["Location"]}"' in vantar
    # ordering again while it waits gives the same order
    assert client.post(VP)["Location"] == svar["Location"]
    assert Pdfbestallning.objects.count() == 1

    medan = {}
    riktig = pdfjobb.html_till_pdf

    def lagg_ut(html, **kwargs):
        rad = Pdfbestallning.objects.get(pk=bestallning.pk)
        medan.update(status=rad.status, steg=rad.steg, json=_status(client, rad))
        return riktig(html, **kwargs)

    monkeypatch.setattr(pdfjobb, "html_till_pdf", lagg_ut)
    assert _kor_arbetaren().status == "SUCCESSFUL"

    # running: what the status page saw while the pages were being set
    assert medan["status"] == "pagar" and medan["steg"] == "Sätter sidor"
    assert medan["json"]["steg"] == "Sätter sidor" and medan["json"]["fil_url"] is None
    # done
    bestallning.refresh_from_db()
    assert bestallning.status == "klar" and bestallning.steg == "Klar"
    assert bestallning.klar_tid >= bestallning.borjad >= bestallning.skapad
    fil_url = reverse("finsam:pdfbestallning-pdf", args=[bestallning.pk])
    assert _status(client, bestallning)["fil_url"] == fil_url
    assert client.get(svar["Location"])["Location"] == fil_url
    fil = client.get(fil_url)
    assert fil["Content-Type"] == "application/pdf"
    assert fil["Content-Disposition"] == (
        'attachment; filename="verksamhetsplan-och-budget-2025-2027.pdf"'
    )
    assert fil.content.startswith(b"%PDF-") and len(fil.content) == bestallning.storlek
    assert "Samordningsförbundet Västmanland" in pdf_text(fil.content)
    # and the PDF link now serves the file at once, the same bytes
    assert client.get(VP).content == fil.content


@override_settings(TASKS=DB_KO)
def test_a_failed_order_says_why_in_swedish_and_can_be_tried_again(
    demo, demo_user, client, monkeypatch, caplog
):
    client.force_login(demo_user("styrelse"))  # a reader may order: it writes only the order
    svar = client.post(VP)
    bestallning = Pdfbestallning.objects.get()

    def trasig(html, **kwargs):
        raise RuntimeError("WeasyPrint: out of memory")

    monkeypatch.setattr(pdfjobb, "html_till_pdf", trasig)
    assert _kor_arbetaren().status == "FAILED"

    bestallning.refresh_from_db()
    assert bestallning.status == "fel" and not bestallning.fil
    assert bestallning.fel == (
        "PDF:en kunde inte skapas: ett oväntat fel uppstod. Försök igen; kontakta "
        "systemförvaltaren om felet återkommer."
    )
    assert "out of memory" not in bestallning.fel  # the details go to the log
    assert any("out of memory" in (r.exc_text or "") for r in caplog.records)
    assert _status(client, bestallning)["fel"] == bestallning.fel
    sida = client.get(svar["Location"]).content.decode()
    assert bestallning.fel in sida and 'role="alert"' in sida
    assert f'action="{VP}"' in sida and "Försök igen" in sida
    assert (
        client.get(reverse("finsam:pdfbestallning-pdf", args=[bestallning.pk]))["Location"]
        == (svar["Location"])
    )

    # "Försök igen" orders anew, and this time it works
    monkeypatch.undo()
    nytt = client.post(VP)
    assert nytt["Location"] != svar["Location"]
    _kor_arbetaren()
    ny = Pdfbestallning.objects.get(status="klar")
    assert client.get(nytt["Location"])["Location"] == reverse(
        "finsam:pdfbestallning-pdf", args=[ny.pk]
    )


@override_settings(TASKS=DB_KO)
def test_a_report_that_cannot_be_built_any_longer_gives_its_reason(
    demo, demo_user, client, monkeypatch
):
    client.force_login(demo_user("kansli"))
    client.post(VP)

    def saknas(*args, **kwargs):
        raise pdfjobb.RapportSaknas("Det finns ingen beslutad budget för 2025.")

    monkeypatch.setattr(pdfjobb, "rapportkontext", saknas)  # the data went away meanwhile
    _kor_arbetaren()
    assert Pdfbestallning.objects.get().fel == (
        "PDF:en kunde inte skapas: Det finns ingen beslutad budget för 2025."
    )


def test_unchanged_data_gives_the_same_bytes_and_an_edit_new_ones(
    demo, demo_user, client, monkeypatch
):
    client.force_login(demo_user("kansli"))
    forsta = hamta_pdf(client, VP)
    assert forsta["Content-Type"] == "application/pdf"
    forsta_bestallning = Pdfbestallning.objects.get()
    assert forsta_bestallning.fil.storage.exists(forsta_bestallning.fil.name)

    def ingen_rendering(*args, **kwargs):
        raise AssertionError("a PDF was rendered")

    monkeypatch.setattr(pdfjobb, "html_till_pdf", ingen_rendering)
    igen = client.get(VP)  # served from the stored file: nothing is rendered nor written
    assert igen["Content-Type"] == "application/pdf"
    assert igen.content == forsta.content
    assert Pdfbestallning.objects.count() == 1
    monkeypatch.undo()

    utgava = utgava_for(demo, "verksamhetsplan", ar=2025, nyckel="2025")
    text_spara(utgava=utgava, avsnitt="vision", text="Ett nytt förord om samverkan i länet.")
    sida = client.get(VP)
    assert sida["Content-Type"].startswith("text/html"), "an edit must not hit the old file"
    andra = hamta_pdf(client, VP)
    assert andra["Content-Type"] == "application/pdf"
    assert andra.content != forsta.content
    assert "Ett nytt förord om samverkan i länet." in pdf_text(andra.content)
    assert client.get(VP).content == andra.content
    # The new file replaced the old one: one file per edition is kept.
    kvar = Pdfbestallning.objects.get()
    assert kvar.cachenyckel != forsta_bestallning.cachenyckel
    assert not forsta_bestallning.fil.storage.exists(forsta_bestallning.fil.name)


def test_a_get_of_the_pdf_link_renders_nothing_and_writes_nothing(
    demo, demo_user, client, monkeypatch
):
    def ingen_rendering(*args, **kwargs):
        raise AssertionError("a PDF was rendered in a request")

    monkeypatch.setattr(pdfjobb, "html_till_pdf", ingen_rendering)
    client.force_login(demo_user("revisor"))
    svar = client.get(VP)
    assert svar.status_code == 200 and "Skapa PDF" in svar.content.decode()
    assert not Pdfbestallning.objects.exists()


def test_an_adopted_edition_comes_from_the_archive(demo, demo_user, client, monkeypatch):
    typ = dokumenttyp("insats")
    nyckel = "st-vasteras:2025-H1"
    skriv_texter(demo, "insats", nyckel)
    arkiv = faststall(typ, demo, nyckel, beslutsdatum=date(2025, 9, 15), paragraf="§ 7", user=None)
    monkeypatch.setattr(pdfjobb, "html_till_pdf", lambda *a, **k: pytest.fail("rendered"))
    client.force_login(demo_user("styrelse"))
    url = typ.pdf_url(nyckel)
    svar = client.get(url)
    assert svar["Content-Type"] == "application/pdf"
    assert svar.content == verifierad_pdf(arkiv)
    assert svar["Content-Disposition"].endswith('-faststalld-1.pdf"')
    assert client.post(url)["Location"] == url  # nothing to order
    assert not Pdfbestallning.objects.exists()


def test_only_the_own_forbund_and_readers_of_the_document_see_an_order(demo, demo_user, client):
    client.force_login(demo_user("kansli"))
    hamta_pdf(client, VP)
    bestallning = Pdfbestallning.objects.get()
    urls = [
        reverse(namn, args=[bestallning.pk])
        for namn in ("finsam:pdfbestallning", "finsam:pdfbestallning-status")
    ] + [reverse("finsam:pdfbestallning-pdf", args=[bestallning.pk])]
    for anvandare, svar in [
        ("styrelse", {302, 200}),
        ("kansli-exempel", {404}),  # another förbund
        ("styrgrupp-vasteras", {404}),  # reads only its insats' report
    ]:
        client.force_login(demo_user(anvandare))
        for url in urls:
            assert client.get(url).status_code in svar, (anvandare, url)
    client.logout()
    assert client.get(urls[0]).status_code == 302


def test_the_steering_group_orders_its_own_insats_report(demo, demo_user, client):
    client.force_login(demo_user("styrgrupp-vasteras"))
    url = reverse("finsam:insatsrapport-pdf", args=["st-vasteras", "2025-H1"])
    assert hamta_pdf(client, url)["Content-Type"] == "application/pdf"
    bestallning = Pdfbestallning.objects.get()
    assert bestallning.bestalld_av.username == "styrgrupp-vasteras"
    annan = reverse("finsam:insatsrapport-pdf", args=["st-fns", "2025-H1"])
    assert client.post(annan).status_code == 404
    assert Pdfbestallning.objects.count() == 1


@override_settings(TASKS=DB_KO)
def test_faststall_renders_and_archives_in_the_worker(demo, demo_user, client, monkeypatch):
    """The adoption's archived PDF is made by the worker too: the request only checks and
    orders; the worker adopts, archives and locks in one transaction."""
    from finsam.models import Rapportarkiv, Rapportutgava
    from finsam.rapporter.utgava import faststall as faststall_modul

    nyckel = "st-vasteras:2025-H1"
    skriv_texter(demo, "insats", nyckel)
    url = reverse("finsam:rapport-faststall", args=["insats", nyckel])
    riktig = faststall_modul.render_pdf
    monkeypatch.setattr(
        faststall_modul, "render_pdf", lambda *a, **k: pytest.fail("rendered in the request")
    )
    client.force_login(demo_user("kansli"))
    fel = client.post(url, {"beslutsdatum": "2999-01-01", "paragraf": "§ 7"})
    assert fel.status_code == 200 and "kan inte ligga i framtiden" in fel.content.decode()
    svar = client.post(url, {"beslutsdatum": "2025-09-15", "paragraf": "§ 7"})
    bestallning = Pdfbestallning.objects.get()
    assert svar["Location"] == reverse("finsam:pdfbestallning", args=[bestallning.pk])
    assert bestallning.faststall and bestallning.status == "koar"
    assert not Rapportarkiv.objects.exists()
    assert Rapportutgava.objects.get(dokument="insats", nyckel=nyckel).status == "utkast"
    sida = client.get(svar["Location"]).content.decode()
    assert "Rapporten fastställs" in sida and 'role="status"' in sida
    assert client.get(url)["Location"] == svar["Location"]  # under way: no second form

    monkeypatch.setattr(faststall_modul, "render_pdf", riktig)
    assert _kor_arbetaren().status == "SUCCESSFUL"
    bestallning.refresh_from_db()
    arkiv = Rapportarkiv.objects.get()
    assert bestallning.status == "klar" and bestallning.arkiv == arkiv
    assert arkiv.utgava.status == "faststalld" and arkiv.paragraf == "§ 7"
    assert _status(client, bestallning)["fil_url"] == svar["Location"]
    klar = client.get(svar["Location"], follow=True)
    assert klar.redirect_chain[-1][0] == reverse("finsam:rapportarkiv")
    assert f"SHA-256 {arkiv.sha256[:12]}" in klar.content.decode()
    pdf = client.get(dokumenttyp("insats").pdf_url(nyckel))
    assert pdf.content == verifierad_pdf(arkiv)


@override_settings(TASKS=DB_KO)
def test_a_failed_faststall_says_why_and_leaves_the_edition_a_draft(
    demo, demo_user, client, monkeypatch
):
    from finsam.models import Rapportarkiv, Rapportutgava
    from finsam.rapporter.utgava import faststall as faststall_modul

    nyckel = "st-vasteras:2025-H1"
    skriv_texter(demo, "insats", nyckel)
    client.force_login(demo_user("kansli"))
    url = reverse("finsam:rapport-faststall", args=["insats", nyckel])
    svar = client.post(url, {"beslutsdatum": "2025-09-15", "paragraf": "§ 7"})

    def trasig(*args, **kwargs):
        raise RuntimeError("WeasyPrint: out of memory")

    monkeypatch.setattr(faststall_modul, "render_pdf", trasig)
    assert _kor_arbetaren().status == "FAILED"
    bestallning = Pdfbestallning.objects.get()
    assert bestallning.status == "fel"
    assert bestallning.fel.startswith("Rapporten kunde inte fastställas: ett oväntat fel")
    assert Rapportutgava.objects.get(dokument="insats", nyckel=nyckel).status == "utkast"
    assert not Rapportarkiv.objects.exists()
    sida = client.get(svar["Location"]).content.decode()
    assert bestallning.fel in sida and f'href="{url}"' in sida and "Försök igen" in sida
    assert client.get(url).status_code == 200  # the form again


def test_the_pdf_link_of_unchanged_data_builds_its_html_once(
    demo, demo_user, client, monkeypatch, tomt_cache
):
    """The PDF's key is kept under the data's token: a second look at the PDF link builds
    neither the edition nor its HTML; after a write it is built again, with a new key."""
    byggda = []
    riktig = pdfjobb.pdf_underlag

    def raknad(*args, **kwargs):
        underlag = riktig(*args, **kwargs)
        byggda.append(underlag.nyckel)
        return underlag

    monkeypatch.setattr(pdfjobb, "pdf_underlag", raknad)
    client.force_login(demo_user("kansli"))
    assert "Skapa PDF" in client.get(VP).content.decode()
    assert "Skapa PDF" in client.get(VP).content.decode()
    assert len(byggda) == 1
    svar = client.post(VP)  # the order takes the kept key too
    assert svar.status_code == 302 and len(byggda) == 1
    assert Pdfbestallning.objects.get().cachenyckel == byggda[0]

    utgava = utgava_for(demo, "verksamhetsplan", ar=2025, nyckel="2025")
    text_spara(utgava=utgava, avsnitt="vision", text="Ett nytt förord om samverkan i länet.")
    client.get(VP)
    assert len(byggda) == 2 and byggda[1] != byggda[0]
