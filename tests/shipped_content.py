"""Put back what the migrations loaded after a transactional test flushed the database."""

from __future__ import annotations


def restore_shipped_content(config) -> None:
    """Reload what the migrations loaded (the shipped handouts) after a transactional test flushed it.

    Django restores serialized content at the *start* of the next serialized test, so tests that
    read the shipped content outside a test transaction (module-scoped fixtures) would otherwise
    find it gone when they run after a live-server test.
    """
    from pytest_django.plugin import blocking_manager_key

    with config.stash[blocking_manager_key].unblock():
        from counseling.loader import content_load
        from counseling.models import Topic

        if not Topic.objects.exists():
            content_load()
