from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

SECTIONS = [
    ("informatie-inwinnen", "Informatie inwinnen", "Finding out", 1),
    ("aan-de-slag", "Aan de slag", "Getting started", 2),
]


def create_sections(apps, schema_editor):
    Section = apps.get_model("guidance", "Section")
    for slug, name, name_en, order in SECTIONS:
        Section.objects.get_or_create(slug=slug, defaults={"name": name, "name_en": name_en, "order": order})


class Migration(migrations.Migration):
    dependencies = [("guidance", "0003_knowledge_base")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_sections, migrations.RunPython.noop),
    ]
