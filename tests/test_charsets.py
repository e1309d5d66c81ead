"""Pages and feeds in odd or wrongly declared charsets: read when their bytes allow, else one article's failure,
reported, and the run goes on: in a folder import, in the admin and in feed polls."""

import datetime
import io
import random

import pytest
from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from events.models import Feed, Source
from tests.web_server import LocalSite, Route

pytestmark = pytest.mark.usefixtures("reference")

BODY = (
    "<title>{title}</title></head><body><article><h1>{title}</h1>"
    "<p>Министр иностранных дел России Сергей Лавров провёл переговоры с министром иностранных дел "
    "Казахстана Мухтаром Тлеуберди.</p><p>Министры обсудили ход выполнения договорённостей, достигнутых на высшем "
    "уровне, и взаимодействие в рамках ОДКБ и СНГ.</p></article></body></html>"
)


def page(charset, title="Лавров и Тлеуберди обсудили сотрудничество", encoding="utf-8"):
    meta = '<meta property="article:published_time" content="2021-06-02">'
    return (f'<!DOCTYPE html><html><head><meta charset="{charset}">{meta}' + BODY.format(title=title)).encode(encoding)


BINARY = random.Random(29).randbytes(3000)  # no charset makes text of these


@pytest.fixture
def site(settings):
    settings.DIPLOTRACK_FETCH_ALLOW_PRIVATE = True
    server = LocalSite().start()
    yield server
    server.stop()


def run(*args):
    out = io.StringIO()
    try:
        call_command(*args, stdout=out)
    except CommandError as error:
        return out.getvalue(), error
    return out.getvalue(), None


def test_a_folder_with_pages_in_unusable_charsets_is_imported_to_its_last_file(tmp_path):
    (tmp_path / "a-undefined.html").write_bytes(page("undefined", "Лавров и Тлеуберди: undefined"))
    (tmp_path / "b-punycode.html").write_bytes(page("punycode", "Лавров и Тлеуберди: punycode"))
    (tmp_path / "c-binary.html").write_bytes(b'<html><meta charset="undefined">' + BINARY)
    (tmp_path / "d-fine.html").write_bytes(page("utf-8", "Лавров и Тлеуберди: utf-8"))
    output, error = run("import_articles", str(tmp_path))
    assert error is not None and "1 article(s) failed" in str(error)
    assert "failed    c-binary.html" in output
    titles = set(Source.objects.values_list("title", flat=True))
    assert titles == {"Лавров и Тлеуберди: undefined", "Лавров и Тлеуберди: punycode", "Лавров и Тлеуберди: utf-8"}
    assert all("Сергей Лавров" in text for text in Source.objects.values_list("text", flat=True))


def test_a_utf8_page_labelled_koi8_r_is_read_as_utf8(site):
    site.routes["/mislabelled"] = Route(page("koi8-r"), 200, {"Content-Type": "text/html; charset=koi8-r"})
    output, error = run("import_articles", site.url("/mislabelled"))
    assert error is None, output
    source = Source.objects.get()
    assert source.title == "Лавров и Тлеуберди обсудили сотрудничество"
    assert "Сергей Лавров провёл переговоры" in source.text


def test_a_page_really_in_koi8_r_stays_koi8_r(site):
    site.routes["/koi8"] = Route(page("koi8-r", encoding="koi8-r"), 200, {"Content-Type": "text/html"})
    assert run("import_articles", site.url("/koi8"))[1] is None
    assert "Сергей Лавров провёл переговоры" in Source.objects.get().text


@pytest.fixture
def editor(client):
    user = User.objects.create_user("editor", password="x", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=["add_source", "view_source"]))
    client.force_login(user)
    return user


@pytest.mark.parametrize("charset", ["undefined", "punycode"])
def test_the_admin_reads_a_page_in_an_unusable_charset_by_address_and_by_upload(site, client, editor, charset):
    site.routes["/p"] = Route(page(charset), 200, {"Content-Type": f"text/html; charset={charset}"})
    url = "/admin/events/source/import/"
    by_address = client.post(url, {"fetch": site.url("/p"), "preview": "Preview"})
    upload = SimpleUploadedFile("saved.html", page(charset), content_type="text/html")
    by_upload = client.post(url, {"upload": upload, "preview": "Preview"})
    for response in (by_address, by_upload):
        assert response.status_code == 200
        assert response.context["form"].initial["title"] == "Лавров и Тлеуберди обсудили сотрудничество"


def test_the_admin_answers_an_unreadable_upload_with_a_form_error(client, editor):
    upload = SimpleUploadedFile("saved.html", b'<meta charset="undefined">' + BINARY)
    response = client.post("/admin/events/source/import/", {"upload": upload, "preview": "Preview"})
    assert response.status_code == 200
    assert "saved.html: " in response.content.decode()
    assert response.context["form"].errors


def rss(site, links, encoding="utf-8"):
    items = "".join(
        f"<item><title>Переговоры {n}</title><link>{site.url(link)}</link>"
        f"<pubDate>Wed, 02 Jun 2021 10:00:00 +0000</pubDate></item>"
        for n, link in enumerate(links)
    )
    head = f'<?xml version="1.0" encoding="{encoding}"?>'
    return f'{head}<rss version="2.0"><channel><title>Новости</title>{items}</channel></rss>'.encode()


def test_a_feed_in_an_unusable_encoding_is_read_and_its_odd_entries_do_not_stop_the_poll(site):
    site.routes["/undefined"] = Route(page("undefined", "Запись: undefined"), 200, {"Content-Type": "text/html"})
    site.routes["/punycode"] = Route(
        page("punycode", "Запись: punycode"), 200, {"Content-Type": "text/html; charset=punycode"}
    )
    site.routes["/binary"] = Route(BINARY, 200, {"Content-Type": "text/html; charset=undefined"})
    feed = rss(site, ["/undefined", "/binary", "/punycode"], encoding="undefined")
    site.routes["/feed.xml"] = Route(feed, 200, {"Content-Type": "application/rss+xml; charset=undefined"})
    site.routes["/other.xml"] = Route(rss(site, []), 200, {"Content-Type": "application/rss+xml"})
    output, error = run("poll_feeds", f"--feed={site.url('/feed.xml')}", f"--feed={site.url('/other.xml')}")
    assert error is None, output
    assert "3 entries" in output and "1 failed" in output
    assert f"failed {site.url('/binary')}" in output
    assert set(Source.objects.values_list("title", flat=True)) == {"Запись: undefined", "Запись: punycode"}
    assert Source.objects.filter(published=datetime.date(2021, 6, 2)).count() == 2
    assert all(feed.last_error == "" for feed in Feed.objects.filter(url__startswith=site.url("/")))
