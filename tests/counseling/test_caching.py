from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from counseling.caching import cached_handout, cached_packet
from counseling.models import HandoutVersion
from counseling.services import court_order_update, handout_publish


@pytest.mark.django_db
def test_the_second_print_comes_from_the_cache_with_the_same_bytes(content, site_a):
    first, hit1 = cached_handout(topic="itin", language="en", site=site_a)
    second, hit2 = cached_handout(topic="itin", language="en", site=site_a)
    assert (hit1, hit2) == (False, True)
    assert second == first


@pytest.mark.django_db
def test_a_new_version_drops_the_cached_pdf(content, site_a, editor_a):
    cached_handout(topic="itin", language="en", site=site_a)
    old = HandoutVersion.objects.get(topic__slug="itin", language="en")
    handout_publish(
        topic=old.topic, language="en", title=old.title, body_markdown="New text.", as_of=old.as_of,
        review_by=old.review_by, reviewer="Editor A", user=editor_a,
    )
    rendered, hit = cached_handout(topic="itin", language="en", site=site_a)
    assert hit is False
    assert rendered.filename == "itin-en-v2.pdf"


@pytest.mark.django_db
@pytest.mark.parametrize(("field", "value"), [("name", "Renamed Clinic"), ("phone", "(555) 010-0999"), ("hours", "Sun 10-2")])
def test_a_change_to_the_site_drops_the_cached_pdf(content, site_a, field, value):
    cached_handout(topic="itin", language="en", site=site_a)
    setattr(site_a, field, value)
    site_a.save()
    _rendered, hit = cached_handout(topic="itin", language="en", site=site_a)
    assert hit is False


@pytest.mark.django_db
def test_each_site_gets_its_own_footer(content, site_a, site_b):
    a, _ = cached_handout(topic="itin", language="en", site=site_a)
    b, hit = cached_handout(topic="itin", language="en", site=site_b)
    assert hit is False
    assert a.content != b.content


@pytest.mark.django_db
def test_the_review_date_passing_drops_the_cached_pdf(content, site_a):
    version = HandoutVersion.objects.get(topic__slug="itin", language="en")
    on_time = timezone.make_aware(dt.datetime.combine(version.review_by, dt.time(9)))
    cached_handout(topic="itin", language="en", site=site_a, now=on_time)
    _rendered, hit = cached_handout(topic="itin", language="en", site=site_a, now=on_time + dt.timedelta(days=1))
    assert hit is False


@pytest.mark.django_db
def test_a_register_change_drops_the_court_orders_handout_but_not_others(content, site_a):
    cached_handout(topic="court-orders", language="en", site=site_a)
    cached_handout(topic="itin", language="en", site=site_a)
    court_order_update(key="talwani-2026-02-05", status="stayed")
    assert cached_handout(topic="court-orders", language="en", site=site_a)[1] is False
    assert cached_handout(topic="itin", language="en", site=site_a)[1] is True


@pytest.mark.django_db
def test_packets_are_cached_and_dropped_with_their_handouts(content, site_a, editor_a):
    items = [("itin", "en", 2), ("itin", "es", 1)]
    first, hit1 = cached_packet(items=items, site=site_a)
    second, hit2 = cached_packet(items=items, site=site_a)
    assert (hit1, hit2) == (False, True)
    assert first == second
    assert cached_packet(items=[("itin", "en", 1), ("itin", "es", 1)], site=site_a)[1] is False
    old = HandoutVersion.objects.get(topic__slug="itin", language="es")
    handout_publish(
        topic=old.topic, language="es", title=old.title, body_markdown="Texto nuevo.", as_of=old.as_of,
        review_by=old.review_by, reviewer="Editor A", user=editor_a,
    )
    assert cached_packet(items=items, site=site_a)[1] is False
