from django.db import migrations

# The six themes of the Manifest MVOI 2022-2025, summarised in the portal's own words.
THEMES = [
    (
        "milieu-biodiversiteit",
        "Milieu en biodiversiteit",
        "Environment and biodiversity",
        "Minder vervuiling en bescherming van bodem, water, natuur en biodiversiteit via wat u inkoopt.",
        "Less pollution and protection of soil, water, nature and biodiversity through what you buy.",
    ),
    (
        "klimaat",
        "Klimaat",
        "Climate",
        "Minder uitstoot van CO2 en andere broeikasgassen, energie besparen en klimaatadaptatie.",
        "Lower emissions of CO2 and other greenhouse gases, energy saving and climate adaptation.",
    ),
    (
        "circulair",
        "Circulair (inclusief biobased)",
        "Circular (including biobased)",
        "Minder grondstoffen, hoogwaardig hergebruik en biobased materialen.",
        "Fewer raw materials, high-grade reuse and biobased materials.",
    ),
    (
        "ketenverantwoordelijkheid",
        "Ketenverantwoordelijkheid (internationale sociale voorwaarden)",
        "Supply chain responsibility (international social conditions)",
        "Mensenrechten, een leefbaar loon en goede arbeidsomstandigheden in internationale productieketens.",
        "Human rights, a living wage and decent working conditions in international supply chains.",
    ),
    (
        "diversiteit-inclusie",
        "Diversiteit en inclusie",
        "Diversity and inclusion",
        "Een diverse, inclusieve arbeidsmarkt en samenleving, bevorderd via opdrachten.",
        "A diverse, inclusive labour market and society, furthered through contracts.",
    ),
    (
        "social-return",
        "Social return",
        "Social return",
        "Werk voor mensen met een afstand tot de arbeidsmarkt en opdrachten aan sociale ondernemingen.",
        "Work for people at a distance from the labour market and contracts with social enterprises.",
    ),
]


def create_themes(apps, schema_editor):
    Theme = apps.get_model("guidance", "Theme")
    for order, (slug, name, name_en, summary, summary_en) in enumerate(THEMES, start=1):
        Theme.objects.update_or_create(
            slug=slug,
            defaults={"name": name, "name_en": name_en, "summary": summary, "summary_en": summary_en, "order": order},
        )


class Migration(migrations.Migration):
    dependencies = [("guidance", "0001_themes")]

    operations = [migrations.RunPython(create_themes, migrations.RunPython.noop)]
