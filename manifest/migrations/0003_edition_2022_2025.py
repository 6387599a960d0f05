"""Create the Manifest MVOI 2022-2025 edition so the portal can be used at once.

The text is a placeholder written from the public facts; VNG replaces it with the official text in the admin.
Its signing window stays open until 31 December 2027.
"""

from datetime import date

from django.db import migrations

TEXT = """\
> **Concepttekst.** Deze tekst is een samenvatting voor het portaal. De VNG vervangt hem in het beheer
> door de officiële tekst van het Manifest MVOI 2022-2025.

Overheden in Nederland kopen samen elk jaar voor ongeveer 86 miljard euro in. Daarmee hebben zij grote
invloed op de markt. Wie dat geld besteedt met oog voor mens en milieu, en niet alleen voor de prijs,
helpt de samenleving vooruit. Dat noemen we maatschappelijk verantwoord opdrachtgeven en inkopen: MVOI.

Met dit manifest spreekt een bestuurder namens zijn of haar organisatie uit dat MVOI een vast onderdeel
wordt van het werk. Niet alleen van de inkopers, maar van de hele organisatie: ook van de directeuren en
teamleiders die de opdracht geven.

### Zes thema's

Het manifest richt zich op zes thema's:

1. milieu en biodiversiteit;
2. klimaat;
3. circulair, inclusief biobased;
4. ketenverantwoordelijkheid, met internationale sociale voorwaarden;
5. diversiteit en inclusie;
6. social return.

### Wie tekent

Ministeries, provincies, waterschappen, gemeenten en andere (semi-)publieke organisaties kunnen het
manifest ondertekenen. Een bestuurder kan ook voor meerdere organisaties tegelijk tekenen. Elke
organisatie telt dan als aparte ondertekenaar.
"""

COMMITMENTS = """\
Wij stellen voor de periode 2022-2025 een Actieplan MVOI op, of werken ons bestaande actieplan bij.
Wij volgen (monitoren) hoe wij vorderen met de doelen uit ons actieplan.
Wij rapporteren elk jaar over onze voortgang.
"""


def create_edition(apps, schema_editor):
    from core.markdown import render_markdown

    ManifestEdition = apps.get_model("manifest", "ManifestEdition")
    ManifestEdition.objects.get_or_create(
        slug="2022-2025",
        defaults={
            "title": "Manifest MVOI 2022-2025",
            "start_year": 2022,
            "end_year": 2025,
            "summary": "Overheden spreken af om maatschappelijk verantwoord opdracht te geven en in te kopen.",
            "text": TEXT,
            "text_html": render_markdown(TEXT),
            "commitments": COMMITMENTS,
            "signing_opens": date(2022, 1, 1),
            "signing_closes": date(2027, 12, 31),
            "is_current": True,
        },
    )


class Migration(migrations.Migration):
    dependencies = [("manifest", "0002_signatures")]

    operations = [migrations.RunPython(create_edition, migrations.RunPython.noop)]
