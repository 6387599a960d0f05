"""The two plan templates (startend and gevorderd), written in Dutch for Dutch public bodies.

Each template gives the narrative sections and goals per theme (by theme slug) with their actions.
Years in goals are relative: "baseline_year": -1 means the year before the plan's first year,
"target_year": "end" the plan's last year. Action dates are (year offset from the first year, month)
for the start and (year offset, month) for the end; an offset of "end" means the plan's last year.
"""

STARTEND = {
    "title": "Actieplan MVOI {organisation} {start}–{end}",
    "sections": {
        "occasion": (
            "Met de ondertekening van het Manifest MVOI heeft onze organisatie toegezegd een actieplan op te "
            "stellen voor maatschappelijk verantwoord opdrachtgeven en inkopen. Dit plan is de eerste stap.\n\n"
            "- Aanleiding: het Manifest MVOI en de afspraken in het coalitieakkoord.\n"
            "- Opdracht: het college vraagt de organisatie om MVOI in te bedden in de gewone inkooppraktijk.\n"
            "- Vul hier aan welke besluiten van college of raad dit plan onderbouwen."
        ),
        "baseline": (
            "Beschrijf waar de organisatie nu staat:\n\n"
            "- de jaarlijkse inkoopomvang (uit de spendanalyse);\n"
            "- de grootste inkooppakketten en productgroepen;\n"
            "- het huidige inkoopbeleid en wat daarin al over duurzaamheid en sociale voorwaarden staat."
        ),
        "ambition": (
            "Als startende organisatie leggen wij eerst een stevige basis: kennis, een vaste werkwijze en "
            "draagvlak. We kiezen een beperkt aantal thema's waar we in de looptijd van dit plan resultaat "
            "willen zien."
        ),
        "steering_strategic": (
            "Het college stelt dit plan vast, wijst een portefeuillehouder aan en stelt capaciteit en budget "
            "beschikbaar. Het college krijgt jaarlijks een voortgangsrapportage."
        ),
        "steering_organisation": (
            "Een kernteam MVOI (inkoop, duurzaamheid, sociaal domein) vertaalt het plan naar werkafspraken "
            "en bespreekt de voortgang elk kwartaal met de budgethouders die opdrachten geven."
        ),
        "steering_project": (
            "Bij elke aanbesteding vanaf de Europese drempel bespreken het projectteam en de inkoper bij de "
            "start welke MVI-criteria passen en leggen zij dat vast in het inkoopdossier."
        ),
        "monitoring": (
            "We houden per aanbesteding bij welke MVI-criteria zijn toegepast. Eén keer per jaar maken we de "
            "balans op en rapporteren we aan het college en aan de VNG, zoals het manifest vraagt."
        ),
        "communication": (
            "We delen successen in lunchbijeenkomsten en op intranet, organiseren kennissessies voor "
            "budgethouders en informeren de markt vooraf over onze ambities."
        ),
    },
    "goals": [
        {
            "theme": "klimaat",
            "title": "MVI-criteria voor klimaat zijn vast onderdeel van onze aanbestedingen",
            "description": (
                "In het laatste jaar van dit plan passen we bij alle aanbestedingen in de productgroepen "
                "energie, ICT en vervoer ten minste de basiscriteria voor klimaat toe."
            ),
            "indicator": "Aandeel aanbestedingen in deze productgroepen met klimaatcriteria",
            "unit": "%",
            "baseline_year": -1,
            "target_year": "end",
            "actions": [
                {
                    "title": "Spendanalyse uitvoeren en productgroepen met de meeste CO2-impact bepalen",
                    "owner": "Team Inkoop",
                    "steering_level": "organisatie",
                    "ambition_level": "",
                    "product_groups": [],
                    "start": (0, 1),
                    "due": (0, 6),
                },
                {
                    "title": "Basiscriteria uit de MVI-criteriatool opnemen in de standaard inkoopdocumenten",
                    "owner": "Team Inkoop",
                    "steering_level": "project",
                    "ambition_level": "basis",
                    "product_groups": ["ICT-hardware en mobiele apparaten", "Energie"],
                    "start": (0, 3),
                    "due": (0, 12),
                },
            ],
        },
        {
            "theme": "circulair",
            "title": "Circulair inkopen bij kantoorinrichting en ICT",
            "description": (
                "Bij de vervanging van kantoormeubilair en ICT-hardware kiezen we eerst voor hergebruik en "
                "vragen we de markt om circulaire oplossingen."
            ),
            "indicator": "Aantal aanbestedingen met circulaire eisen of gunningscriteria",
            "unit": "aantal",
            "baseline_year": -1,
            "target_year": "end",
            "actions": [
                {
                    "title": "Marktconsultatie circulair kantoormeubilair houden",
                    "owner": "Facilitaire zaken",
                    "steering_level": "project",
                    "ambition_level": "significant",
                    "product_groups": ["Kantoormeubilair"],
                    "start": (0, 9),
                    "due": (1, 3),
                },
            ],
        },
        {
            "theme": "social-return",
            "title": "Social return is geborgd in passende opdrachten",
            "description": (
                "Bij opdrachten boven het afgesproken drempelbedrag nemen we een social-returnverplichting op "
                "en volgen we de invulling tot het einde van het contract."
            ),
            "indicator": "Aandeel passende opdrachten met social return",
            "unit": "%",
            "baseline_year": -1,
            "target_year": "end",
            "actions": [
                {
                    "title": "Werkwijze social return vastleggen met het werkgeversservicepunt",
                    "owner": "Sociaal domein en Inkoop",
                    "steering_level": "organisatie",
                    "ambition_level": "basis",
                    "product_groups": ["Schoonmaak", "Catering"],
                    "start": (0, 1),
                    "due": (0, 9),
                },
                {
                    "title": "Kennissessie MVOI voor budgethouders en opdrachtgevers organiseren",
                    "owner": "Kernteam MVOI",
                    "steering_level": "strategisch",
                    "ambition_level": "",
                    "product_groups": [],
                    "start": (0, 2),
                    "due": (0, 4),
                },
            ],
        },
    ],
}


def _smart_goal(theme, title, indicator, unit, actions):
    return {
        "theme": theme,
        "title": title,
        "description": (
            "Maak dit doel SMART: vul de nulwaarde en de streefwaarde in en beschrijf hoe en wanneer u meet."
        ),
        "indicator": indicator,
        "unit": unit,
        "baseline_year": -1,
        "target_year": "end",
        "actions": actions,
    }


def _action(title, owner, steering, ambition, groups, start, due):
    return {
        "title": title,
        "owner": owner,
        "steering_level": steering,
        "ambition_level": ambition,
        "product_groups": groups,
        "start": start,
        "due": due,
    }


GEVORDERD = {
    "title": "Actieplan MVOI {organisation} {start}–{end}",
    "sections": {
        "occasion": (
            "Dit plan bouwt voort op ons vorige actieplan en op de ondertekening van het Manifest MVOI. Het "
            "college heeft MVOI verbonden aan de doelen uit het coalitieakkoord voor klimaat, circulaire "
            "economie en een inclusieve arbeidsmarkt.\n\n"
            "Noem hier de besluiten van college en raad waarop dit plan steunt."
        ),
        "baseline": (
            "Vat de nulmeting samen: inkoopomvang per categorie, de CO2-voetafdruk van de inkoop, het aandeel "
            "opdrachten met MVI-criteria en de resultaten van het vorige actieplan."
        ),
        "ambition": (
            "We werken aan alle zes thema's van het manifest. Per thema leggen we SMART-doelen vast met een "
            "indicator, een nulwaarde en een streefwaarde, en we passen waar mogelijk criteria op het niveau "
            "significant of ambitieus toe."
        ),
        "steering_strategic": (
            "Het college stuurt op de maatschappelijke effecten op lange termijn, stelt budget en capaciteit "
            "vast en bespreekt jaarlijks de voortgang met de raad."
        ),
        "steering_organisation": (
            "Het MVOI-team en de opdrachtgevers vertalen de doelen naar operationele afspraken per "
            "inkooppakket, met vaste momenten voor monitoring en bijsturing."
        ),
        "steering_project": (
            "Projectteams stellen per opdracht MVOI-doelen, gaan vooraf in gesprek met de markt, borgen de "
            "criteria in aanbesteding en contract en leggen de monitoringgegevens vast."
        ),
        "monitoring": (
            "We meten per doel de indicator minimaal één keer per jaar, gebruiken contractmanagement om de "
            "beloofde prestaties te controleren en publiceren een jaarrapportage."
        ),
        "communication": (
            "We informeren college en raad jaarlijks, delen resultaten met de organisatie, werken samen in "
            "inkopersgroepen en vertellen de markt tijdig wat we vragen."
        ),
    },
    "goals": [
        _smart_goal(
            "milieu-biodiversiteit",
            "Minder schadelijke stoffen en meer natuurinclusief bouwen",
            "Aandeel GWW-projecten met eisen voor materialen, bodem en biodiversiteit",
            "%",
            [
                _action(
                    "Natuurinclusieve eisen opnemen in GWW-aanbestedingen",
                    "Team Openbare ruimte",
                    "project",
                    "significant",
                    ["GWW"],
                    (0, 1),
                    (1, 12),
                ),
            ],
        ),
        _smart_goal(
            "klimaat",
            "CO2-uitstoot van onze inkoop aantoonbaar verlagen",
            "CO2-uitstoot van de ingekochte goederen, diensten en werken",
            "ton CO2",
            [
                _action(
                    "CO2-voetafdruk van de inkoop bepalen en jaarlijks actualiseren",
                    "Team Duurzaamheid",
                    "organisatie",
                    "",
                    [],
                    (0, 1),
                    (0, 6),
                ),
                _action(
                    "Emissieloos vervoer eisen bij nieuwe contracten voor vervoer en logistiek",
                    "Team Inkoop",
                    "project",
                    "ambitieus",
                    ["Vervoer"],
                    (0, 6),
                    ("end", 12),
                ),
            ],
        ),
        _smart_goal(
            "circulair",
            "Minder primaire grondstoffen in onze contracten",
            "Aandeel aanbestedingen met circulaire gunningscriteria",
            "%",
            [
                _action(
                    "Circulaire criteria toepassen bij ICT-hardware en kantoormeubilair",
                    "Facilitaire zaken",
                    "project",
                    "significant",
                    ["ICT-hardware en mobiele apparaten", "Kantoormeubilair"],
                    (0, 3),
                    (1, 12),
                ),
            ],
        ),
        _smart_goal(
            "ketenverantwoordelijkheid",
            "Internationale sociale voorwaarden in risicovolle productgroepen",
            "Aandeel contracten in risicovolle productgroepen met internationale sociale voorwaarden",
            "%",
            [
                _action(
                    "Risicoanalyse uitvoeren op bedrijfskleding, ICT en natuursteen",
                    "Team Inkoop",
                    "organisatie",
                    "basis",
                    ["Bedrijfskleding", "ICT-hardware en mobiele apparaten"],
                    (0, 1),
                    (0, 9),
                ),
            ],
        ),
        _smart_goal(
            "diversiteit-inclusie",
            "Diversiteit en inclusie bevorderen via onze opdrachten",
            "Aantal opdrachten met afspraken over diversiteit en inclusie",
            "aantal",
            [
                _action(
                    "Gunningscriterium voor een divers en inclusief personeelsbeleid uitproberen",
                    "Team Inkoop",
                    "project",
                    "ambitieus",
                    ["Schoonmaak"],
                    (1, 1),
                    (1, 12),
                ),
            ],
        ),
        _smart_goal(
            "social-return",
            "Meer werk voor mensen met een afstand tot de arbeidsmarkt",
            "Gerealiseerde social-returnwaarde als aandeel van de verplichting",
            "%",
            [
                _action(
                    "Opdrachten aan sociale ondernemingen voorbehouden waar dat kan",
                    "Sociaal domein en Inkoop",
                    "strategisch",
                    "significant",
                    ["Catering", "Drukwerk"],
                    (0, 1),
                    ("end", 12),
                ),
            ],
        ),
    ],
}

TEMPLATES = {"startend": STARTEND, "gevorderd": GEVORDERD}
