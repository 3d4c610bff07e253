from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from pypdf import PdfReader

from tests.counseling.conftest import pdf_text


@pytest.mark.django_db
def test_it_writes_one_handout_with_the_sites_footer(content, site_a, tmp_path):
    output = tmp_path / "itin.pdf"
    call_command("handout", "--topic", "itin", "--language", "es", "--output", str(output), "--site", "site-a")
    text = " ".join(pdf_text(output.read_bytes()))
    assert "3 años seguidos" in text
    assert "(555) 010-0001" in text


@pytest.mark.django_db
def test_all_builds_a_packet_of_every_topic_in_the_language(content, tmp_path):
    output = tmp_path / "packet.pdf"
    call_command("handout", "--all", "--language", "en", "--output", str(output))
    text = " ".join(pdf_text(output.read_bytes()))
    for title in ("Your ITIN", "Court orders on IRS and ICE", "California credits"):
        assert title in text
    assert "Your free tax clinic" in text  # no --site: neutral footer
    assert len(PdfReader(io.BytesIO(output.read_bytes())).pages) >= 3


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--topic", "nope", "--language", "en"], "unknown topic 'nope'"),
        (["--topic", "itin", "--language", "xx"], "unknown language 'xx'"),
        (["--topic", "california-credits", "--language", "ko"], "no published version in 'ko'"),
        (["--topic", "itin", "--language", "en", "--site", "nowhere"], "unknown site 'nowhere'"),
        (["--language", "en"], "either --topic SLUG or --all"),
    ],
)
def test_bad_arguments_exit_with_status_2_and_a_clear_message(content, tmp_path, args, message):
    output = tmp_path / "x.pdf"
    with pytest.raises(CommandError, match=message) as excinfo:
        call_command("handout", *args, "--output", str(output))
    assert excinfo.value.returncode == 2
    assert not output.exists()
