from __future__ import annotations

import datetime as dt
import shutil

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from counseling.loader import CONTENT_DIR, ContentError, content_load, parse_handout, read_handouts
from counseling.models import CourtOrder, HandoutVersion, Topic
from tests.counseling.conftest import FIXTURE_CONTENT, use_fixture_content


def test_it_parses_front_matter_sources_and_body():
    handout = parse_handout(FIXTURE_CONTENT / "topics" / "itin" / "en.md")
    assert handout.slug == "itin"
    assert handout.language == "en"
    assert handout.as_of == dt.date(2026, 11, 21)
    assert handout.sources[1] == {
        "title": "26 U.S.C. §6109",
        "citation": "IRC §6109(i)(3)",
        "url": "https://www.law.cornell.edu/uscode/text/26/6109",
    }
    assert handout.body_markdown.startswith("# What an ITIN is")


def test_it_names_the_file_and_the_missing_key(tmp_path):
    path = tmp_path / "topics" / "itin" / "en.md"
    path.parent.mkdir(parents=True)
    path.write_text('+++\ntitle = "x"\n+++\nbody\n', encoding="utf-8")
    with pytest.raises(ContentError, match=r"en\.md.*missing keys \['as_of', 'review_by', 'reviewer'\]"):
        parse_handout(path)


def test_it_refuses_an_unknown_language(tmp_path):
    path = tmp_path / "topics" / "itin" / "xx.md"
    path.parent.mkdir(parents=True)
    path.write_text("+++\n+++\n", encoding="utf-8")
    with pytest.raises(ContentError, match="not a handout language"):
        parse_handout(path)


@pytest.mark.django_db
def test_a_second_load_changes_nothing_and_update_makes_a_new_version_of_changed_text(tmp_path):
    counts = use_fixture_content()
    assert counts["versions"] == 8 and counts["orders"] == 2
    assert content_load(content_dir=FIXTURE_CONTENT)["versions"] == 0

    changed = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, changed)
    path = changed / "topics" / "itin" / "es.md"
    path.write_text(path.read_text(encoding="utf-8").replace("3 años", "tres años"), encoding="utf-8")
    assert content_load(content_dir=changed)["versions"] == 0  # without update: untouched
    counts = content_load(content_dir=changed, update=True)
    assert counts["versions"] == 1

    versions = HandoutVersion.objects.filter(topic__slug="itin", language="es").order_by("version")
    assert [v.version for v in versions] == [1, 2]
    assert "3 años" in versions[0].body_markdown  # the old text is kept
    assert "tres años" in versions[1].body_markdown


@pytest.mark.django_db
def test_update_changes_a_court_order_and_its_summary(tmp_path):
    use_fixture_content()
    changed = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, changed)
    path = changed / "court_orders.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace('status = "blocks_for_now"', 'status = "stayed"'), encoding="utf-8"
    )
    content_load(content_dir=changed, update=True)
    assert CourtOrder.objects.get(key="talwani-2026-02-05").status == "stayed"


@pytest.mark.django_db
def test_loaded_versions_record_a_reading_grade_for_english_and_spanish_only():
    use_fixture_content()
    grades = {v.language: v.readability_grade for v in HandoutVersion.objects.filter(topic__slug="itin")}
    assert isinstance(grades["en"], float)
    assert isinstance(grades["es"], float)
    assert grades["zh-hans"] is None


@pytest.mark.django_db
def test_the_command_reports_counts_and_fails_with_status_2_on_bad_content(tmp_path, capsys):
    use_fixture_content()
    call_command("load_content", "--content-dir", str(FIXTURE_CONTENT))
    assert "versions created: 0" in capsys.readouterr().out
    bad = tmp_path / "topics" / "itin" / "en.md"
    bad.parent.mkdir(parents=True)
    bad.write_text("no front matter\n", encoding="utf-8")
    with pytest.raises(CommandError) as excinfo:
        call_command("load_content", "--content-dir", str(tmp_path))
    assert excinfo.value.returncode == 2


@pytest.mark.django_db
def test_the_test_setup_loaded_the_shipped_content_with_the_command():
    shipped = read_handouts(CONTENT_DIR)
    assert shipped, f"no shipped handouts found in {CONTENT_DIR}"
    for handout in shipped:
        assert HandoutVersion.objects.filter(
            topic__slug=handout.slug, language=handout.language, status="published"
        ).exists(), (handout.slug, handout.language)
    assert Topic.objects.count() == len({h.slug for h in shipped})


@pytest.mark.django_db
def test_no_migration_loads_content():
    """Content is data: migration 0002 is empty, so a migrated database holds no handouts until
    ``load_content`` runs."""
    import importlib

    from django.db import migrations

    for name in ("0002_load_shipped_content",):
        module = importlib.import_module(f"counseling.migrations.{name}")
        assert not [op for op in module.Migration.operations if isinstance(op, migrations.RunPython)], name


@pytest.mark.django_db
def test_the_command_is_idempotent_and_loads_a_changed_file_as_its_front_matter_says(tmp_path, capsys):
    use_fixture_content()
    call_command("load_content", "--content-dir", str(FIXTURE_CONTENT))
    assert "versions created: 0" in capsys.readouterr().out

    changed = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, changed)
    path = changed / "topics" / "itin" / "es.md"
    text = path.read_text(encoding="utf-8").replace("3 años", "tres años")
    path.write_text(text.replace("+++\n", '+++\nstatus = "draft"\n', 1), encoding="utf-8")
    call_command("load_content", "--content-dir", str(changed), "--only-missing")
    assert "versions created: 0" in capsys.readouterr().out  # --only-missing leaves changed files alone
    call_command("load_content", "--content-dir", str(changed))
    assert "versions created: 1" in capsys.readouterr().out
    newest = HandoutVersion.objects.filter(topic__slug="itin", language="es").order_by("-version").first()
    assert newest.version == 2 and newest.status == "draft" and "tres años" in newest.body_markdown
    call_command("load_content", "--content-dir", str(changed))  # the same files again: nothing new
    assert "versions created: 0" in capsys.readouterr().out
    # Going back to a text already loaded (v1) creates nothing either: no version is overwritten or repeated.
    call_command("load_content", "--content-dir", str(FIXTURE_CONTENT))
    assert "versions created: 0" in capsys.readouterr().out
    assert HandoutVersion.objects.filter(topic__slug="itin", language="es").count() == 2


def test_a_status_other_than_draft_or_published_is_refused(tmp_path):
    path = tmp_path / "topics" / "itin" / "en.md"
    path.parent.mkdir(parents=True)
    path.write_text(
        '+++\ntitle = "x"\nas_of = 2026-01-01\nreview_by = 2026-06-01\nreviewer = "r"\nstatus = "live"\n+++\nbody\n',
        encoding="utf-8",
    )
    with pytest.raises(ContentError, match=r"en\.md: status must be one of"):
        parse_handout(path)
