import io
import os
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import OperationalError

from events.ingest import Importer
from events.ingest.store import Writer
from events.models import Evidence, Meeting, Source
from tests.ingest_helpers import OWN, SEEDS

pytestmark = pytest.mark.usefixtures("reference")


def run(*args, stdin=None, monkeypatch=None):
    out = io.StringIO()
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(stdin)))
    call_command("import_articles", *args, stdout=out)
    return out.getvalue()


def test_importing_a_folder_reports_one_line_per_article_and_a_summary():
    output = run(str(SEEDS))
    lines = output.strip().splitlines()
    assert len(lines) == 6
    assert all(line.split()[0] in {"created", "merged"} for line in lines[:5])
    assert lines[-1] == "5 article(s): 5 created."
    assert Meeting.objects.count() == 5


def test_reimporting_reports_unchanged_and_changes_nothing():
    run(str(SEEDS))
    before = (Meeting.objects.count(), Source.objects.count(), Evidence.objects.count())
    output = run(str(SEEDS))
    assert output.strip().splitlines()[-1] == "5 article(s): 5 unchanged."
    assert (Meeting.objects.count(), Source.objects.count(), Evidence.objects.count()) == before


def test_dry_run_prints_what_would_happen_and_saves_nothing():
    output = run("--dry-run", str(SEEDS))
    assert "Working visit of Sergey Lavrov to Kazakhstan" in output
    assert output.strip().splitlines()[-1].startswith("Dry run, nothing saved:")
    assert Source.objects.count() == 0 and Meeting.objects.count() == 0


def test_standard_input_is_read_with_a_dash(monkeypatch):
    data = (OWN / "phone_call_2022.txt").read_bytes()
    output = run("-", stdin=data, monkeypatch=monkeypatch)
    assert output.startswith("created   <stdin>:")
    assert Meeting.objects.count() == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the article is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("Лавров встретился с Нуртлеу".encode("cp1251"), "not UTF-8"),
        (b" date 2021-04-08   \n", "no text"),
    ],
)
def test_bad_files_fail_with_one_clear_line_and_do_not_stop_the_others(tmp_path, content, message):
    (tmp_path / "a_bad.txt").write_bytes(content)
    shutil.copy(OWN / "phone_call_2022.txt", tmp_path / "b_good.txt")
    out = io.StringIO()
    with pytest.raises(CommandError, match="1 article"):
        call_command("import_articles", str(tmp_path), stdout=out)
    lines = out.getvalue().strip().splitlines()
    assert lines[0].startswith("failed    a_bad.txt:") and message in lines[0]
    assert lines[1].startswith("created   b_good.txt:")
    assert Source.objects.count() == 1


def test_an_oversized_file_is_refused(tmp_path, settings):
    settings.DIPLOTRACK_MAX_ARTICLE_BYTES = 1000
    (tmp_path / "big.txt").write_bytes(b" date 2021-04-08 " + b"Lavrov met Tleuberdi. " * 100)
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_articles", str(tmp_path / "big.txt"), stdout=out)
    assert "larger than 1,000 bytes, the limit for one article" in out.getvalue()


def test_an_oversized_stream_on_standard_input_is_refused_without_being_held_whole(monkeypatch, settings):
    settings.DIPLOTRACK_MAX_ARTICLE_BYTES = 1000

    class Stream:
        """Ten megabytes, handed out in pieces; records the largest piece asked for."""

        def __init__(self):
            self.left, self.largest = 10_000_000, 0

        def read(self, size=-1):
            assert size > 0, "the whole stream was asked for at once"
            self.largest = max(self.largest, size)
            piece = min(size, self.left)
            self.left -= piece
            return b"x" * piece

    stream = Stream()
    monkeypatch.setattr("sys.stdin", type("Stdin", (), {"buffer": stream})())
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_articles", "-", stdout=out)
    assert "larger than 1,000 bytes" in out.getvalue()
    assert stream.left == 0 and stream.largest <= 1 << 16


def test_a_failure_while_writing_leaves_nothing_half_written(monkeypatch, tmp_path):
    def explode(self, *args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(Writer, "save_agreement", explode)
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_articles", str(SEEDS / "001_455f57f23ae401b1.txt"), stdout=out)
    assert "unexpected error (RuntimeError); nothing was saved" in out.getvalue()
    assert Source.objects.count() == 0
    assert Meeting.objects.count() == 0
    assert Evidence.objects.count() == 0


def test_a_busy_database_gives_a_message_to_try_again_and_saves_nothing(monkeypatch):
    def locked(self, *args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(Writer, "save_agreement", locked)
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_articles", str(SEEDS / "001_455f57f23ae401b1.txt"), stdout=out)
    assert "the database is busy with another write" in out.getvalue() and "try again" in out.getvalue()
    assert "unexpected error" not in out.getvalue()
    assert Source.objects.count() == Meeting.objects.count() == 0


def test_missing_paths_and_empty_folders_are_failures(tmp_path):
    for path, message in [(tmp_path / "nope.txt", "no such file"), (tmp_path, "no .txt, .html or .htm files")]:
        out = io.StringIO()
        with pytest.raises(CommandError, match="1 article"):
            call_command("import_articles", str(path), stdout=out)
        assert f"failed    {path}: {message}" in out.getvalue()


def test_paths_that_are_not_files_say_what_they_are(tmp_path):
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    for path, message in [
        (pipe, "a named pipe, not a file"),
        (Path("/dev/zero"), "a device, not a file"),
        (loop, "a symbolic link that loops back on itself"),
        (tmp_path / "absent.txt", "no such file or folder"),
    ]:
        out = io.StringIO()
        with pytest.raises(CommandError, match="1 article"):
            call_command("import_articles", str(path), stdout=out)
        assert message in out.getvalue()


def test_entries_of_a_folder_that_are_not_files_are_reported_not_skipped(tmp_path):
    os.mkfifo(tmp_path / "a_pipe.txt")
    (tmp_path / "b_loop.txt").symlink_to(tmp_path / "b_loop.txt")
    (tmp_path / "c_good.txt").write_text(
        " date 2021-04-08 Russian Foreign Minister Sergey Lavrov met Kazakh Foreign Minister Mukhtar Tleuberdi "
        "in Moscow."
    )
    out = io.StringIO()
    with pytest.raises(CommandError, match="2 article"):
        call_command("import_articles", str(tmp_path), stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("failed    a_pipe.txt: a named pipe")
    assert lines[1].startswith("failed    b_loop.txt: a symbolic link that loops")
    assert lines[2].startswith("created   c_good.txt")


def test_a_text_of_distinct_words_at_the_size_limit_is_stored_on_any_database():
    # On PostgreSQL the full-text index of sources is limited to 1 MB of vector; such a text once failed to save.
    import random
    import string

    rng = random.Random(3)
    words = ("".join(rng.choice(string.ascii_lowercase) for _ in range(7)) for _ in range(240_000))
    text = " date 2020-01-01 Lavrov met Nurtleu. " + " ".join(w.capitalize() for w in words)
    assert len(text.encode()) < 2_000_000
    (result,) = [Importer().import_bytes(text.encode(), filename="distinct-words.txt")]
    assert result.status != "failed", result.message
    assert Source.objects.filter(filename="distinct-words.txt").exists()
    assert list(Source.objects.matching("Lavrov")) == [Source.objects.get(filename="distinct-words.txt")]


def test_each_bad_argument_is_one_failure_and_the_others_are_imported(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(
        " date 2021-04-08 Russian Foreign Minister Sergey Lavrov met Kazakh Foreign Minister Mukhtar Tleuberdi "
        "in Moscow."
    )
    empty = tmp_path / "empty"
    empty.mkdir()
    arguments = ["file:///etc/passwd", str(tmp_path / "absent.txt"), "ftp://example.org/a.txt", str(empty), str(good)]
    out = io.StringIO()
    with pytest.raises(CommandError, match="4 article"):
        call_command("import_articles", *arguments, stdout=out)
    report = out.getvalue()
    assert "failed    file:///etc/passwd: only http and https addresses are imported, not file" in report
    assert "failed    ftp://example.org/a.txt: only http and https addresses are imported, not ftp" in report
    assert "created   good.txt" in report
    assert Source.objects.get().filename == "good.txt"
