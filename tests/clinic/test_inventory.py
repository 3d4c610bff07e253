"""Every field of every model is classified; the sensitive ones in intake are encrypted."""

from __future__ import annotations

from django.apps import apps

from clinic.crypto import EncryptedTextField
from clinic.inventory import CLASSES, DATA_CLASSIFICATION, MODELS, MUST_BE_ENCRYPTED, model_fields

PROJECT_APPS = ("clinic", "intake", "counseling")


def test_every_field_of_every_installed_model_is_classified():
    # All installed models, not only the project's: a new app or field fails until someone decides.
    missing = [
        f"{model._meta.label}.{name}"
        for model in apps.get_models()
        for name in model_fields(model)
        if name not in DATA_CLASSIFICATION.get(model._meta.label, {})
    ]
    assert missing == [], f"classify these in clinic/inventory.py DATA_CLASSIFICATION: {missing}"


def test_the_project_apps_are_walked():
    labels = {model._meta.label for model in apps.get_models()}
    assert {"intake.Household", "intake.Dependent", "clinic.AuditEntry"} <= labels
    assert all(apps.get_app_config(app) for app in PROJECT_APPS)


def test_the_registry_names_only_fields_that_exist_with_a_known_class():
    for label, fields in DATA_CLASSIFICATION.items():
        model = apps.get_model(label)
        assert set(fields) <= set(model_fields(model)), f"stale entries for {label}"
        assert set(fields.values()) <= set(CLASSES), label


def test_every_model_has_a_plain_words_note_for_the_privacy_page():
    assert set(MODELS) == set(DATA_CLASSIFICATION)


def test_names_nicknames_notes_and_id_types_are_encrypted():
    for label, names in MUST_BE_ENCRYPTED.items():
        model = apps.get_model(label)
        for name in names:
            assert isinstance(model._meta.get_field(name), EncryptedTextField), f"{label}.{name}"


def test_every_identifying_or_sensitive_text_field_in_intake_is_encrypted():
    from django.db import models

    for model in apps.get_app_config("intake").get_models():
        for name, klass in DATA_CLASSIFICATION[model._meta.label].items():
            field = model._meta.get_field(name)
            is_text = isinstance(field, models.CharField | models.TextField)
            if klass in ("identifying", "sensitive") and is_text and not field.choices:
                assert isinstance(field, EncryptedTextField), f"{model._meta.label}.{name} must be encrypted"
