"""The knowledge base's starting content, written for the portal from the facts in the MVOI domain brief.

Loaded by `manage.py load_guidance_content` (run by `make run`). Facts the VNG editors still have to
verify are listed per item under "te controleren" and appear in the admin's "facts to verify" list.
"""

# (slug, section slug, order, title, summary, body, title_en, summary_en, themes, audience, te controleren)
PAGES = [
    (
        "wat-is-mvoi",
        "informatie-inwinnen",
        1,
        "Wat is MVOI?",
        "MVOI staat voor maatschappelijk verantwoord opdrachtgeven en inkopen: bij elke aankoop kijkt u "
        "niet alleen naar de prijs, maar ook naar wat die aankoop doet voor milieu en samenleving.",
        """Elke gemeente koopt dagelijks in: van schoonmaak en catering tot laptops, bedrijfskleding en
het onderhoud van wegen. Bij maatschappelijk verantwoord opdrachtgeven en inkopen (MVOI) weegt u bij
die aankopen ook de gevolgen voor het milieu en voor mensen mee, en niet alleen wat iets kost.

## Van MVI naar MVOI

Lange tijd heette dit MVI: maatschappelijk verantwoord inkopen. De **O van opdrachtgeven** is
toegevoegd omdat het resultaat niet alleen bij de afdeling inkoop ligt. Directeuren, teamleiders en
andere interne opdrachtgevers bepalen wat er gevraagd wordt. Zij geven de opdracht aan het
inkoopteam. Als zij duurzaamheid vanaf het begin meenemen, kan inkoop er iets mee doen.

## Zes thema's

Het Manifest MVOI 2022-2025 noemt zes thema's waarop u met uw inkoop verschil kunt maken:

- milieu en biodiversiteit;
- klimaat;
- circulair, inclusief biobased;
- ketenverantwoordelijkheid (internationale sociale voorwaarden);
- diversiteit en inclusie;
- social return.

Op de themapagina's leest u per thema wat het inhoudt en waarom het voor een gemeente telt.

## Wat betekent dit voor u?

MVOI is geen extra taak naast het inkopen, maar een andere manier van kijken naar dezelfde
opdrachten. Het begint bij de vraag wat uw organisatie wil bereiken, en welke aankopen daaraan
kunnen bijdragen.""",
        "What is MVOI?",
        "MVOI stands for socially responsible commissioning and procurement: with every purchase you look "
        "not only at the price, but also at its effect on the environment and society.",
        [],
        "iedereen",
        [],
    ),
    (
        "waarom-is-mvoi-belangrijk",
        "informatie-inwinnen",
        2,
        "Waarom is MVOI belangrijk?",
        "Overheden kopen samen voor tientallen miljarden euro's per jaar in. Daarmee kunnen zij markten "
        "in beweging brengen richting duurzame en sociale oplossingen.",
        """Gemeenten willen de CO2-uitstoot verlagen, minder grondstoffen verbruiken en werk bieden aan
mensen die moeilijk aan een baan komen. Inkoop is een van de sterkste middelen om die doelen dichterbij
te brengen.

## De inkoopkracht van de overheid

Rijk, provincies, waterschappen en gemeenten besteden samen naar schatting ruim 86 miljard euro per
jaar aan producten, diensten en werken. In markten als de bouw, de grond-, weg- en waterbouw (GWW),
energie en mobiliteit is de overheid een van de grootste klanten. Wat de overheid vraagt, gaat de markt
leveren.

## Wat het uw gemeente oplevert

- U maakt beleidsdoelen op het gebied van klimaat, circulariteit en werkgelegenheid concreet in
  contracten.
- U geeft het goede voorbeeld aan inwoners en ondernemers.
- Leveranciers weten waar zij aan toe zijn, omdat overheden dezelfde criteria gebruiken.

## Samen sneller

Door met andere overheden dezelfde criteria te gebruiken, bijvoorbeeld in een buyer group, wordt de
vraag naar duurzame oplossingen groter en voorspelbaarder. Dat helpt leveranciers om te investeren.""",
        "Why does MVOI matter?",
        "Together, Dutch governments buy for tens of billions of euros a year. That lets them move markets "
        "towards sustainable and social solutions.",
        ["klimaat", "circulair"],
        "iedereen",
        ["Bedrag van ruim 86 miljard euro inkoopkracht per jaar: bron en actualiteit controleren."],
    ),
    (
        "waar-vind-ik-meer-informatie",
        "informatie-inwinnen",
        3,
        "Waar vind ik meer informatie over MVOI?",
        "PIANOo, het expertisecentrum aanbesteden, bundelt de meeste kennis over MVOI: per thema, per "
        "productgroep en met praktijkvoorbeelden. In buyer groups leert u van collega's.",
        """De meeste inhoudelijke kennis over MVOI staat bij **PIANOo**, het expertisecentrum aanbesteden
van de Rijksoverheid. Daar vindt u onder meer:

- uitleg per MVOI-thema;
- criteria per productgroep, zoals ICT-hardware, catering, bedrijfskleding en schoonmaak;
- handreikingen en praktijkvoorbeelden van andere overheden.

## Criteria per productgroep

Voor ruim veertig productgroepen zijn landelijke MVI-criteria beschikbaar, elk op drie
ambitieniveaus: basis, significant en ambitieus. U kunt ze direct overnemen in uw aanbesteding.

## Leren van collega's: buyer groups

In een buyer group werken opdrachtgevers van verschillende organisaties samen aan één productgroep.
Ze delen kennis en ervaringen en stemmen hun vraag aan de markt op elkaar af. Er zijn buyer groups
rond bouw, GWW, mobiliteit en bedrijfsvoering.

In de [bibliotheek met tools en handreikingen](/tools/) vindt u een selectie met links.""",
        "Where can I find more about MVOI?",
        "PIANOo, the national procurement expertise centre, brings together most knowledge about MVOI: by "
        "theme, by product group and with practice examples.",
        [],
        "iedereen",
        ["Aantal productgroepen met landelijke criteria (45 in 6 clusters) controleren."],
    ),
    (
        "draagvlak-bij-het-college",
        "aan-de-slag",
        1,
        "Hoe kan ik draagvlak creëren bij het college van B en W?",
        "Steun van het college en de rest van de organisatie krijgt u niet met één besluit. Blijf laten "
        "zien wat MVOI oplevert en betrek mensen op elk niveau.",
        """Draagvlak voor MVOI bouwt u stap voor stap op, en het onderhoud ervan stopt nooit. Het college
van burgemeester en wethouders geeft richting en geld; de organisatie moet het in de praktijk waarmaken.

## Laat zien wat het oplevert

Deel resultaten zodra ze er zijn: een aanbesteding met minder CO2-uitstoot, een contract waarmee
mensen met een afstand tot de arbeidsmarkt aan het werk kwamen. Concrete voorbeelden overtuigen meer
dan beleidsteksten. Denk aan:

- een lunchbijeenkomst waarin een collega vertelt over een geslaagde aanbesteding;
- een workshop voor budgethouders en teamleiders over hun rol als opdrachtgever;
- een kennissessie voor wethouders en raadsleden over de thema's van het manifest.

## Sturen op drie niveaus

Het helpt om duidelijk te maken wie waarover gaat:

1. **Strategisch**: het bestuur legt de maatschappelijke effecten op lange termijn vast en geeft
   mandaat, budget en capaciteit.
2. **Organisatie**: een MVI-team en de opdrachtgevers vertalen dat naar doelen, werkwijzen en
   monitoring.
3. **Project**: het projectteam bepaalt de doelen van de opdracht, gaat in gesprek met de markt en
   legt MVI vast in aanbesteding en contract.

PIANOo beschrijft deze niveaus uitgebreider in de handreiking over monitoring en contractuele borging.

## Een wethouder als trekker

Vaak ondertekent een wethouder het Manifest MVOI. Maak die wethouder ook het gezicht van het
actieplan: dat geeft het onderwerp gewicht in de organisatie.""",
        "How do I build support with the municipal executive?",
        "You will not win the support of the executive and the organisation with a single decision. Keep "
        "showing what MVOI achieves and involve people at every level.",
        [],
        "startend",
        ["Titel en vindplaats van de PIANOo-handreiking over monitoring en contractuele borging controleren."],
    ),
    (
        "wat-is-het-manifest-mvoi",
        "aan-de-slag",
        2,
        "Wat is het Manifest MVOI?",
        "Met het Manifest MVOI spreekt uw bestuur vrijwillig af om werk te maken van maatschappelijk "
        "verantwoord inkopen: met een actieplan, monitoring en een jaarlijkse rapportage.",
        """Het Manifest MVOI is een vrijwillige bestuurlijke afspraak. Door te tekenen laat uw
organisatie zien dat zij MVOI serieus neemt en er in de hele organisatie mee aan de slag gaat.

## Waar tekent u voor?

Wie het manifest ondertekent, belooft drie dingen:

1. een **Actieplan MVOI** opstellen voor de looptijd van het manifest, of een bestaand plan bijwerken;
2. de voortgang **monitoren**;
3. er **jaarlijks over rapporteren**.

## Wie tekent?

Ministeries, provincies, waterschappen, gemeenten en andere (semi-)publieke organisaties kunnen
tekenen. Bij een gemeente tekent meestal een wethouder. Eén bestuurder kan namens meerdere gemeenten
tekenen, bijvoorbeeld als die gemeenten samen één ambtelijke organisatie hebben; elke gemeente telt dan
als eigen ondertekenaar.

## Eerdere edities

Het manifest kent meerdere edities. Het Manifest MVI 2016-2020 werd door ongeveer 170 organisaties
ondertekend. Het Manifest MVOI 2022-2025 had bij de start in november 2022 64 ondertekenaars, en begin
2023 ongeveer 90. Wat er na 2025 komt, is nog niet bekend.""",
        "What is the Manifest MVOI?",
        "With the Manifest MVOI your executive voluntarily commits to socially responsible procurement: "
        "with an action plan, monitoring and a yearly report.",
        [],
        "startend",
        [
            "Aantallen ondertekenaars (ca. 170 in 2016-2020; 64 op 24 november 2022; ca. 90 in februari 2023) "
            "controleren.",
            "Opvolger van het Manifest MVOI 2022-2025: stand van zaken controleren.",
        ],
    ),
    (
        "hoe-stel-ik-een-actieplan-mvoi-op",
        "aan-de-slag",
        3,
        "Hoe stel ik een Actieplan MVOI op?",
        "Een Actieplan MVOI beschrijft wat uw organisatie met inkoop wil bereiken, met meetbare doelen en "
        "concrete acties per thema. Deze pagina geeft een opzet in acht stappen.",
        """In het actieplan legt u vast welke maatschappelijke doelen u met inkoop wilt bereiken, hoe de
hele organisatie meedoet en welke inkoopinstrumenten daarbij passen. Begint uw organisatie net? Dan is
een kort plan met een paar haalbare doelen een prima start. Bent u al verder, dan kunt u per thema
ambitieuzer worden.

## 1. Aanleiding en opdracht

Beschrijf waarom u dit doet: het ondertekende manifest, het coalitieakkoord of bestaand
duurzaamheidsbeleid. Leg vast wie opdrachtgever van het plan is.

## 2. Nulmeting

Breng in kaart waar u nu staat: hoeveel u uitgeeft, aan welke inkoopcategorieën en welk beleid er al
is. Kijk ook welke kennis er in huis is.

## 3. Ambitie per thema

Kies op welke van de zes thema's u zich richt. U hoeft niet alles tegelijk te doen: begin waar uw
uitgaven groot zijn of waar uw beleid om vraagt.

## 4. SMART-doelen

Maak per thema doelen die meetbaar zijn: met een indicator, een beginwaarde, een streefwaarde en een
jaartal. Bijvoorbeeld: *in 2026 wordt bij alle aanbestedingen boven de Europese drempel social return
toegepast (nu 40%).*

## 5. Acties per doel

Geef bij elke actie aan:

| Onderdeel | Voorbeeld |
|---|---|
| Eigenaar | team Inkoop, afdeling Facilitair |
| Looptijd | begin- en einddatum |
| Middelen | budget en uren |
| Productgroep | bijvoorbeeld catering of ICT-hardware |
| Ambitieniveau criteria | basis, significant of ambitieus |

De landelijke MVI-criteria kennen drie niveaus. **Basis** sluit de minst duurzame opties uit.
**Significant** stelt strengere eisen en beloont betere aanbiedingen. **Ambitieus** vraagt om
innovatie, met functionele of experimentele criteria.

## 6. Organisatie en sturing

Beschrijf wie wat doet op strategisch niveau (bestuur), op organisatieniveau (MVI-team en
opdrachtgevers) en in projecten (projectteams en inkopers).

## 7. Monitoring en jaarlijkse rapportage

Spreek af hoe u de voortgang bijhoudt en wie de jaarlijkse rapportage maakt. Leg in contracten vast
welke gegevens leveranciers moeten aanleveren.

## 8. Communicatie en draagvlak

Bedenk hoe u college, raad, de eigen organisatie en de markt op de hoogte houdt. Zie ook
[draagvlak bij het college](/kennisbank/draagvlak-bij-het-college/).

## Hulp bij het opstellen

De VNG begeleidt gemeenten bij het opstellen van een actieplan, met aparte ondersteuning voor startende
en gevorderde gemeenten. Neem [contact op](/contact/) als u hulp wilt.""",
        "How do I draw up an Actieplan MVOI?",
        "An Actieplan MVOI sets out what your organisation wants to achieve through procurement, with "
        "measurable goals and concrete actions per theme. This page offers an eight-step outline.",
        ["klimaat", "circulair", "social-return"],
        "iedereen",
        [
            "Voorbeelddoel met percentage (40%) is illustratief: vervangen door een echt voorbeeld of zo laten.",
            "Beschikbaarheid van de VNG-handleiding voor startende en gevorderde gemeenten controleren.",
        ],
    ),
    (
        "welke-tools-en-handreikingen-zijn-er",
        "aan-de-slag",
        4,
        "Welke tools en handreikingen zijn beschikbaar om MVOI toe te passen?",
        "Er zijn veel hulpmiddelen: de landelijke MVI-criteria per productgroep, handreikingen van "
        "PIANOo, praktijkvoorbeelden en buyer groups. Hier vindt u de belangrijkste.",
        """U hoeft het wiel niet zelf uit te vinden. Andere overheden en PIANOo hebben veel
hulpmiddelen ontwikkeld die u direct kunt gebruiken.

## Soorten hulpmiddelen

- **Tools**: bijvoorbeeld de landelijke MVI-criteria, waarmee u per productgroep eisen en
  gunningscriteria kiest op het niveau basis, significant of ambitieus.
- **Handreikingen**: uitleg over een onderwerp, zoals monitoring en contractuele borging.
- **Praktijkvoorbeelden**: aanbestedingen van andere overheden waar u van kunt leren.
- **Trainingen**: cursussen voor inkopers en opdrachtgevers.
- **Buyer groups**: samenwerking met andere opdrachtgevers rond één productgroep.

## Soorten criteria

In de criteria komt u deze begrippen tegen: geschiktheidseis, selectiecriterium, eis,
gunningscriterium en contractbepaling. Zo ziet u meteen in welke fase van de aanbesteding een
criterium thuishoort.

Bekijk de [bibliotheek met tools en handreikingen](/tools/): u kunt filteren op thema, soort en
doelgroep.""",
        "Which tools and guides help to apply MVOI?",
        "There are many aids: the national MVI criteria per product group, PIANOo's guides, practice "
        "examples and buyer groups. Here are the main ones.",
        [],
        "iedereen",
        [],
    ),
    (
        "wie-kan-mij-ondersteunen",
        "aan-de-slag",
        5,
        "Welke partijen kunnen mij ondersteunen?",
        "De VNG helpt gemeenten vanuit het CO2-reductieprogramma, van manifest tot actieplan. Voor "
        "inhoudelijke kennis over inkopen kunt u terecht bij PIANOo.",
        """U staat er niet alleen voor.

## De VNG

Het CO2-reductieprogramma van de VNG helpt gemeenten op weg met MVOI: van het ondertekenen van het
manifest tot het opstellen en uitvoeren van een actieplan. Stel uw vraag via het
[contactformulier](/contact/) of mail naar CO2@vng.nl. We bespreken dan samen wat uw gemeente nodig
heeft.

## PIANOo

PIANOo, het expertisecentrum aanbesteden, heeft de meeste inhoudelijke kennis: criteria per
productgroep, handreikingen, praktijkvoorbeelden en buyer groups.

## Collega-gemeenten

Veel gemeenten hebben al een actieplan. Vraag een buurgemeente of een gemeente van vergelijkbare
grootte hoe zij het hebben aangepakt: dat scheelt veel zoekwerk.""",
        "Who can support me?",
        "The VNG helps municipalities through its CO2 reduction programme, from manifest to action plan. "
        "PIANOo offers in-depth procurement knowledge.",
        [],
        "iedereen",
        [],
    ),
]

# English bodies of pages that have been translated; the others show the Dutch text on the English site.
BODIES_EN = {
    "wat-is-mvoi": """Every municipality buys things every day: from cleaning and catering to laptops, workwear
and road maintenance. With socially responsible commissioning and procurement (MVOI) you also weigh the
effects of those purchases on the environment and on people, not only what they cost.

## From MVI to MVOI

For a long time this was called MVI: socially responsible procurement. The **O of commissioning**
(*opdrachtgeven*) was added because the result does not depend on the purchasing department alone.
Directors, team leaders and other internal commissioners decide what is asked for and place the order
with the purchasing team. When they take sustainability into account from the start, purchasing can
act on it.

## Six themes

The Manifest MVOI 2022-2025 names six themes where your purchases can make a difference:

- environment and biodiversity;
- climate;
- circular, including biobased;
- supply chain responsibility (international social conditions);
- diversity and inclusion;
- social return.

## What does this mean for you?

MVOI is not an extra task next to buying, but a different way of looking at the same contracts. It
starts with the question of what your organisation wants to achieve, and which purchases can help.""",
}

# Theme slug: (description, why it matters for a municipality).
THEME_TEXTS = {
    "milieu-biodiversiteit": (
        """Bij dit thema gaat het om minder vervuiling en om de bescherming van de leefomgeving: bodem,
water, lucht en de planten en dieren die daarin leven. Denk aan materialen zonder schadelijke stoffen,
zuinig watergebruik en natuurinclusief bouwen.""",
        """Gemeenten kopen veel in dat direct de openbare ruimte raakt: groenonderhoud, wegen, riolering en
gebouwen. Met de juiste eisen in die opdrachten beschermt u de natuur in uw eigen gemeente.""",
    ),
    "klimaat": (
        """Dit thema gaat over minder uitstoot van CO2 en andere broeikasgassen, energie besparen, duurzame
energie gebruiken en de gevolgen van klimaatverandering opvangen (klimaatadaptatie).""",
        """Een groot deel van de uitstoot van een gemeente zit in wat zij inkoopt: vervoer, gebouwen,
bouwprojecten en ICT. Met inkoop haalt u dus een flink deel van uw klimaatdoelen binnen bereik.""",
    ),
    "circulair": (
        """Circulair inkopen betekent minder nieuwe grondstoffen gebruiken, producten en materialen zo
hoogwaardig mogelijk hergebruiken en kiezen voor biobased materialen, die uit hernieuwbare bronnen
komen.""",
        """Meubilair, bedrijfskleding, ICT en bouwmaterialen kunnen vaak langer mee of een tweede leven
krijgen. Dat scheelt grondstoffen en afval, en vaak ook geld op de lange termijn.""",
    ),
    "ketenverantwoordelijkheid": (
        """Veel producten worden (deels) in het buitenland gemaakt. Bij ketenverantwoordelijkheid let u op
mensenrechten, een leefbaar loon en goede arbeidsomstandigheden in de hele productieketen. De
internationale sociale voorwaarden helpen daarbij.""",
        """Ook een gemeente is verantwoordelijk voor de omstandigheden waaronder haar spullen gemaakt
worden, van natuursteen tot laptops en werkkleding.""",
    ),
    "diversiteit-inclusie": (
        """Dit thema gaat over een arbeidsmarkt en samenleving waarin iedereen kan meedoen. Met uw
opdrachten kunt u leveranciers stimuleren om divers en inclusief te werken.""",
        """Een gemeente staat voor al haar inwoners. Door diversiteit en inclusie mee te wegen in
opdrachten, draagt u daar ook als klant aan bij.""",
    ),
    "social-return": (
        """Bij social return vraagt u opdrachtnemers om mensen met een afstand tot de arbeidsmarkt werk of
een leerplek te bieden. U kunt ook opdrachten gunnen aan sociale ondernemingen.""",
        """Gemeenten zijn verantwoordelijk voor participatie en werk. Social return verbindt uw
inkoopuitgaven direct met die opgave.""",
    ),
}

# (title, description, url, publisher, publisher_name, kind, themes, audience, product group, te controleren)
RESOURCES = [
    (
        "PIANOo: expertisecentrum aanbesteden",
        "Kennis over aanbesteden en maatschappelijk verantwoord inkopen: thema's, productgroepen, "
        "handreikingen en praktijkvoorbeelden.",
        "https://www.pianoo.nl/",
        "pianoo",
        "",
        "handreiking",
        [],
        "iedereen",
        "",
        [],
    ),
    (
        "MVI-criteria per productgroep",
        "De landelijke MVI-criteria: per productgroep eisen en gunningscriteria op de niveaus basis, "
        "significant en ambitieus.",
        "https://www.mvicriteria.nl/",
        "pianoo",
        "",
        "tool",
        ["milieu-biodiversiteit", "klimaat", "circulair"],
        "iedereen",
        "",
        ["Link naar de MVI-criteriatool controleren."],
    ),
    (
        "Handreiking Monitoring en contractuele borging",
        "Hoe u MVI vastlegt in contracten en de voortgang volgt, met uitleg over sturing op strategisch, "
        "organisatie- en projectniveau.",
        "https://www.pianoo.nl/",
        "pianoo",
        "",
        "handreiking",
        [],
        "gevorderd",
        "",
        ["Link verwijst naar de homepage van PIANOo: vervangen door de directe link naar de handreiking."],
    ),
    (
        "Buyer groups",
        "Werk samen met andere opdrachtgevers aan één productgroep, rond bouw, GWW, mobiliteit of bedrijfsvoering.",
        "https://www.pianoo.nl/",
        "pianoo",
        "",
        "buyer-group",
        ["circulair", "klimaat"],
        "gevorderd",
        "",
        ["Link verwijst naar de homepage van PIANOo: vervangen door de directe link naar de buyer groups."],
    ),
    (
        "Praktijkvoorbeelden MVI",
        "Aanbestedingen van andere overheden waarin duurzame en sociale doelen zijn meegenomen.",
        "https://www.pianoo.nl/",
        "pianoo",
        "",
        "praktijkvoorbeeld",
        [],
        "startend",
        "",
        ["Link verwijst naar de homepage van PIANOo: vervangen door de directe link naar de praktijkvoorbeelden."],
    ),
    (
        "Internationale sociale voorwaarden",
        "Hoe u risico's voor mensenrechten en arbeidsomstandigheden in internationale ketens aanpakt.",
        "https://www.pianoo.nl/",
        "pianoo",
        "",
        "handreiking",
        ["ketenverantwoordelijkheid"],
        "iedereen",
        "",
        ["Link verwijst naar de homepage van PIANOo: vervangen door de directe link over ISV."],
    ),
    (
        "Social return bij aanbesteden",
        "Uitleg en voorbeelden van social return in opdrachten, en van gunnen aan sociale ondernemingen.",
        "https://www.pianoo.nl/",
        "pianoo",
        "",
        "handreiking",
        ["social-return", "diversiteit-inclusie"],
        "startend",
        "",
        ["Link verwijst naar de homepage van PIANOo: vervangen door de directe link over social return."],
    ),
    (
        "Trainingen voor inkopers en opdrachtgevers",
        "Cursussen en bijeenkomsten over duurzaam en sociaal inkopen.",
        "https://www.pianoo.nl/",
        "pianoo",
        "",
        "training",
        [],
        "startend",
        "",
        ["Link verwijst naar de homepage van PIANOo: vervangen door de directe link naar het trainingsaanbod."],
    ),
    (
        "VNG: klimaat en CO2-reductie",
        "Het CO2-reductieprogramma van de VNG helpt gemeenten van manifest tot actieplan.",
        "https://vng.nl/",
        "vng",
        "",
        "handreiking",
        ["klimaat"],
        "iedereen",
        "",
        ["Link verwijst naar de homepage van de VNG: vervangen door de directe link naar het programma."],
    ),
    (
        "Nationaal Plan MVI 2021-2025",
        "Het landelijke plan met de doelen van MVI, de stand van zaken en de ambities tot en met 2025.",
        "https://www.rijksoverheid.nl/",
        "rijksoverheid",
        "",
        "handreiking",
        [],
        "iedereen",
        "",
        ["Link verwijst naar de homepage van de Rijksoverheid: vervangen door de directe link naar het plan."],
    ),
    (
        "Catering: MVI-criteria",
        "Criteria voor duurzame en gezonde catering, zoals minder voedselverspilling en meer plantaardig eten.",
        "https://www.mvicriteria.nl/",
        "pianoo",
        "",
        "tool",
        ["klimaat", "milieu-biodiversiteit"],
        "iedereen",
        "Catering",
        ["Link verwijst naar de homepage van de criteriatool: vervangen door de directe link naar Catering."],
    ),
    (
        "ICT-hardware en mobiele apparaten: MVI-criteria",
        "Criteria voor laptops, telefoons en andere apparaten: langer gebruik, reparatie en eerlijke productieketens.",
        "https://www.mvicriteria.nl/",
        "pianoo",
        "",
        "tool",
        ["circulair", "ketenverantwoordelijkheid"],
        "iedereen",
        "ICT-hardware en mobiele apparaten",
        ["Link verwijst naar de homepage van de criteriatool: vervangen door de directe link naar ICT-hardware."],
    ),
]
