"""Synthetic benchmark texts for ``speed.py``: ACLED-style event notes and ~600-word news articles.

Everything here is written for the benchmark (templates filled from a seeded random generator), so
the default input is reproducible and ships with the project: ``python benchmarks/speed.py
--write-data`` regenerates ``benchmarks/data/{notes,articles}.jsonl``.

Articles mix, as a news stream does, reports of violent events (a headline, a lead sentence with
date, place and toll, one more sentence on the event, then background: politics, economy, aid,
quotes, history) with articles that report none (economy, sport, culture, health, weather).
"""

from __future__ import annotations

import functools
import random

# (place, region, country) that the gazetteer knows, per language spelling
PLACES = {
    "en": [
        ("Gao", "Gao region", "Mali"),
        ("Mopti", "Mopti region", "Mali"),
        ("Djibo", "Soum province", "Burkina Faso"),
        ("Kaya", "Centre-Nord region", "Burkina Faso"),
        ("Tillaberi", "Tillaberi region", "Niger"),
        ("Maiduguri", "Borno state", "Nigeria"),
        ("Beni", "North Kivu", "Democratic Republic of Congo"),
        ("Goma", "North Kivu", "Democratic Republic of Congo"),
        ("Taiz", "Taiz governorate", "Yemen"),
        ("Aden", "Aden governorate", "Yemen"),
        ("Kharkiv", "Kharkiv oblast", "Ukraine"),
        ("Mogadishu", "Banadir region", "Somalia"),
        ("Nairobi", "Nairobi county", "Kenya"),
        ("Khartoum", "Khartoum state", "Sudan"),
    ],
    "fr": [
        ("Gao", "région de Gao", "Mali"),
        ("Mopti", "région de Mopti", "Mali"),
        ("Djibo", "province du Soum", "Burkina Faso"),
        ("Kaya", "région du Centre-Nord", "Burkina Faso"),
        ("Tillabéri", "région de Tillabéri", "Niger"),
        ("Diffa", "région de Diffa", "Niger"),
        ("Ménaka", "région de Ménaka", "Mali"),
        ("Beni", "Nord-Kivu", "République démocratique du Congo"),
        ("Bangui", "Ombella-M'Poko", "Centrafrique"),
        ("Maroua", "Extrême-Nord", "Cameroun"),
        ("Ouagadougou", "Centre", "Burkina Faso"),
        ("Bamako", "district de Bamako", "Mali"),
    ],
}

MONTHS = {
    "en": "January February March April May June July August September October November December".split(),
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split(),
}
WEEKDAYS = {
    "en": "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split(),
    "fr": "lundi mardi mercredi jeudi vendredi samedi dimanche".split(),
}
NUMBERS = {
    "en": ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "12", "15", "21"],
    "fr": ["deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "12", "15", "21"],
}

# ---------------------------------------------------------------- event notes (one to three sentences)
NOTES = {
    "en": [
        "On {d} {m} {y}, unidentified gunmen attacked a village near {p} ({r}, {c}), killing {n} civilians.",
        "On {d} {m} {y}, around {k} people protested in {p} ({r}) against rising fuel prices. [size=hundreds]",
        "On {d} {m} {y}, police fired tear gas to disperse demonstrators in {p} ({c}). {n} people were injured.",
        "On {d} {m} {y}, soldiers clashed with militants in {p} ({r}). {n} fighters were killed.",
        "On {d} {m} {y}, an IED exploded on the road between {p} and a nearby market, killing {n} soldiers.",
        "On {d} {m} {y}, forces shelled residential areas of {p} ({r}, {c}). No fatalities were reported.",
        "On {d} {m} {y}, rioters burned tyres and looted shops in {p} after the death of a young man.",
        "On {d} {m} {y}, militants abducted {n} farmers near {p} ({r}). Their whereabouts remain unknown.",
        "On {d} {m} {y}, an air strike hit a suspected militant camp near {p} ({c}), killing {n} people.",
        "On {d} {m} {y}, traders held a peaceful sit-in in front of the governor's office in {p}. [size=no report]",
    ],
    "fr": [
        "Le {d} {m} {y}, des hommes armés non identifiés ont attaqué un village près de {p} ({r}), tuant {n} civils.",
        "Le {d} {m} {y}, environ {k} personnes ont manifesté à {p} contre la hausse du prix du carburant.",
        "Le {d} {m} {y}, la police a dispersé à coups de gaz lacrymogène des manifestants à {p} ({c}).",
        "Le {d} {m} {y}, des soldats ont affronté des djihadistes près de {p} ({r}). {n} assaillants ont été tués.",
        "Le {d} {m} {y}, un engin explosif improvisé a explosé au passage d'un convoi près de {p}, tuant {n} soldats.",
        "{wd} {d} {m}, des hommes armés ont enlevé {n} commerçants sur l'axe menant à {p} ({r}).",
        "Le {d} {m} {y}, des émeutiers ont incendié des pneus et pillé des boutiques à {p} ({c}).",
        "Le {d} {m} {y}, une frappe aérienne a visé une base terroriste près de {p} ({r}), faisant {n} morts.",
        "Le {d} {m} {y}, des enseignants ont observé un sit-in pacifique devant le gouvernorat de {p}.",
    ],
}

# ---------------------------------------------------------------- articles
EVENT_HEADLINES = {
    "en": [
        "{N} killed in attack on village near {p}",
        "Police disperse protesters with tear gas in {p}",
        "Soldiers and militants clash outside {p}",
        "Roadside bomb kills {n} soldiers near {p}",
    ],
    "fr": [
        "{N} morts dans l'attaque d'un village près de {p}",
        "La police disperse des manifestants à {p}",
        "Affrontements entre soldats et djihadistes près de {p}",
        "Un engin explosif tue {n} soldats près de {p}",
    ],
}
EVENT_LEADS = {
    "en": [
        "{P}, {m} {d} (Reuters) - Gunmen attacked a village near {p} on {wd}, killing {n} civilians and burning "
        "several houses, local officials and residents said.",
        "{P}, {m} {d} (AFP) - Police fired tear gas on {wd} to disperse hundreds of people who had gathered in "
        "central {p} to protest against the rising cost of bread and fuel, witnesses said.",
        "{P}, {m} {d} (Reuters) - Soldiers fought militants for several hours on {wd} on the outskirts of {p}, "
        "and {n} fighters were killed, the army said in a statement.",
        "{P}, {m} {d} (AP) - A roadside bomb struck a military convoy near {p} on {wd}, killing {n} soldiers "
        "and wounding several others, security sources said.",
    ],
    "fr": [
        "{P}, {d} {m} (AFP) - Des hommes armés ont attaqué {wd} un village proche de {p}, tuant {n} civils et "
        "incendiant plusieurs maisons, ont indiqué des responsables locaux.",
        "{P}, {d} {m} (AFP) - La police a dispersé {wd} à coups de gaz lacrymogène des centaines de personnes "
        "rassemblées dans le centre de {p} pour protester contre la vie chère, selon des témoins.",
        "{P}, {d} {m} (AFP) - Des soldats ont affronté {wd} des djihadistes près de {p} et {n} assaillants ont "
        "été tués, a annoncé l'armée dans un communiqué.",
        "{P}, {d} {m} (Reuters) - Un engin explosif a frappé {wd} un convoi militaire près de {p}, tuant {n} "
        "soldats et en blessant plusieurs autres, selon des sources sécuritaires.",
    ],
}
EVENT_DETAILS = {  # [0] follows an attack, clash or bomb lead, [1] the protest lead
    "en": [
        "A resident reached by telephone said the assailants arrived on motorcycles shortly after dawn and left "
        "before reinforcements could reach the area. The wounded were taken to the hospital in {p}.",
        "Organisers said the march had been peaceful until the police intervened, and that at least a dozen "
        "people had been detained. The authorities did not comment on the arrests.",
    ],
    "fr": [
        "Un habitant joint par téléphone a raconté que les assaillants sont arrivés à moto peu après l'aube et "
        "sont repartis avant l'arrivée des renforts. Les blessés ont été évacués vers l'hôpital de {p}.",
        "Les organisateurs ont affirmé que la marche se déroulait dans le calme jusqu'à l'intervention des forces "
        "de l'ordre, et qu'une douzaine de personnes avaient été interpellées.",
    ],
}
QUIET_HEADLINES = {
    "en": [
        "{c} central bank holds rates as inflation eases",
        "Farmers in {r} expect a record harvest this year",
        "{p} hosts regional music festival for the first time",
        "New hospital wing opens in {p}",
        "Heavy rains expected across {r} this week",
    ],
    "fr": [
        "La banque centrale maintient ses taux, l'inflation ralentit",
        "Les agriculteurs de la {r} espèrent une récolte record",
        "{p} accueille pour la première fois un festival de musique",
        "Un nouveau service hospitalier ouvre ses portes à {p}",
        "De fortes pluies attendues cette semaine dans la {r}",
    ],
}
QUIET_LEADS = {
    "en": [
        "{P}, {m} {d} (Reuters) - The central bank of {c} left its main lending rate unchanged on {wd}, saying "
        "that inflation had slowed for a third consecutive month as food prices stabilised.",
        "{P}, {m} {d} (AFP) - Farmers around {p} say good rains and cheaper fertiliser should give them their "
        "best harvest in a decade, although storage remains a problem for many cooperatives.",
        "{P}, {m} {d} (AP) - Thousands of music lovers are expected in {p} this weekend for a festival that "
        "brings together some forty artists from across the region, the organisers said on {wd}.",
        "{P}, {m} {d} (Reuters) - The health ministry opened a new maternity wing at the main hospital of {p} "
        "on {wd}, adding sixty beds and two operating theatres.",
    ],
    "fr": [
        "{P}, {d} {m} (Reuters) - La banque centrale a laissé {wd} son principal taux directeur inchangé, "
        "estimant que l'inflation avait ralenti pour le troisième mois consécutif grâce à la stabilisation des "
        "prix alimentaires.",
        "{P}, {d} {m} (AFP) - Les agriculteurs des environs de {p} comptent sur de bonnes pluies et un engrais "
        "moins cher pour obtenir leur meilleure récolte depuis dix ans, même si le stockage reste un problème.",
        "{P}, {d} {m} (AFP) - Des milliers de mélomanes sont attendus ce week-end à {p} pour un festival qui "
        "réunit une quarantaine d'artistes venus de toute la sous-région, ont indiqué {wd} les organisateurs.",
        "{P}, {d} {m} (Reuters) - Le ministère de la Santé a inauguré {wd} une nouvelle maternité à l'hôpital "
        "principal de {p}, avec soixante lits et deux blocs opératoires.",
    ],
}
# Background paragraphs (no event): both kinds of articles draw from these.
BACKGROUND = {
    "en": [
        "The government has promised to invest in roads, schools and health centres in the {r}, where many "
        "families depend on farming and livestock. Officials say new funds from the national budget and from "
        "international partners should be released before the end of the year, but local leaders complain that "
        "previous commitments were only partly honoured.",
        "Economists note that the price of staple foods has risen sharply over the past two years, driven by "
        "poor harvests, the weakness of the local currency and higher transport costs. Many households now spend "
        "more than half of their income on food, according to a survey published last month by the statistics "
        "office.",
        "The country is preparing for elections scheduled for next year, and several opposition parties have "
        "called for an independent audit of the voter roll. The electoral commission said registration would "
        "reopen in {m} and that mobile teams would visit remote districts.",
        '"We need dialogue, not more promises," said a community leader who asked not to be named. "People '
        "here want to send their children to school and sell their goods at the market without fear. That is "
        'all we are asking for."',
        "Humanitarian agencies say more than two million people in the region need assistance, and that their "
        "appeal for this year is less than a third funded. The World Food Programme warned in {m} that it might "
        "have to reduce rations in several camps for displaced families.",
        "The {r} has long been one of the poorest parts of {c}. Its population has doubled in twenty years, and "
        "young people often leave for the capital or for neighbouring countries in search of work, sending money "
        "back to their families.",
        "The minister of finance told parliament that the deficit would narrow to four percent of gross domestic "
        "product next year, helped by higher revenue from mining and telecommunications. Opposition deputies "
        "questioned the forecasts and asked for more spending on agriculture.",
        "Regional leaders are due to meet in the capital next month to discuss trade, energy and the free "
        "movement of people. Diplomats say a new agreement on electricity exports could be signed on the "
        "sidelines of the summit.",
        "Teachers' unions have been negotiating with the government for months over salaries and housing "
        "allowances. A spokesman for the education ministry said an agreement was close and that classes would "
        "continue normally in the meantime.",
        "Mobile money has spread rapidly in the {r} over the past five years, allowing traders to pay suppliers "
        "and receive payments from relatives abroad without travelling to a bank. Operators say the number of "
        "accounts has tripled since 2019.",
        "The road linking {p} to the capital was resurfaced last year with funding from a development bank, "
        "cutting the journey time by half. Truck drivers say the trip is now faster, but tolls have increased.",
        "According to the latest census, nearly seventy percent of the population is under thirty. The "
        "government has launched a programme to train young people in trades such as construction, solar energy "
        "and mechanics.",
        "The national football team, which qualified last month for the continental cup, will play two friendly "
        "matches in {m}. The coach has called up several young players from the domestic league, and tickets for "
        "the first match sold out within a day.",
        "Internet access has improved in the main towns of the {r} since a new fibre-optic cable reached the "
        "area, but rural villages still rely on a weak mobile signal. The regulator has asked operators to "
        "extend coverage and lower the price of data bundles for students.",
    ],
    "fr": [
        "Le gouvernement a promis d'investir dans les routes, les écoles et les centres de santé de la {r}, où "
        "de nombreuses familles vivent de l'agriculture et de l'élevage. Les autorités assurent que de nouveaux "
        "financements seront débloqués avant la fin de l'année, mais les élus locaux rappellent que les "
        "engagements précédents n'ont été tenus qu'en partie.",
        "Selon les économistes, le prix des denrées de base a fortement augmenté depuis deux ans, en raison de "
        "mauvaises récoltes, de la faiblesse de la monnaie et de la hausse des coûts de transport. Beaucoup de "
        "ménages consacrent désormais plus de la moitié de leurs revenus à l'alimentation, d'après une enquête "
        "publiée le mois dernier.",
        "Le pays prépare des élections prévues l'an prochain, et plusieurs partis d'opposition réclament un "
        "audit indépendant du fichier électoral. La commission électorale a indiqué que les inscriptions "
        "rouvriraient en {m} et que des équipes mobiles se rendraient dans les localités éloignées.",
        "« Nous avons besoin de dialogue, pas de nouvelles promesses », a confié un notable qui a requis "
        "l'anonymat. « Les gens veulent envoyer leurs enfants à l'école et vendre leurs produits au marché en "
        "toute tranquillité. C'est tout ce que nous demandons. »",
        "Les agences humanitaires estiment que plus de deux millions de personnes ont besoin d'aide dans la "
        "région, et que leur appel de fonds pour cette année n'est financé qu'au tiers. Le Programme alimentaire "
        "mondial a averti en {m} qu'il pourrait réduire les rations dans plusieurs sites de déplacés.",
        "La {r} compte parmi les zones les plus pauvres du pays. Sa population a doublé en vingt ans, et les "
        "jeunes partent souvent vers la capitale ou les pays voisins pour chercher du travail, envoyant de "
        "l'argent à leurs familles.",
        "Le ministre des Finances a déclaré devant les députés que le déficit serait ramené à quatre pour cent "
        "du produit intérieur brut l'an prochain, grâce à la hausse des recettes minières et des "
        "télécommunications. L'opposition a mis en doute ces prévisions.",
        "Les chefs d'État de la sous-région doivent se retrouver le mois prochain dans la capitale pour parler "
        "de commerce, d'énergie et de libre circulation des personnes. Selon des diplomates, un accord sur les "
        "exportations d'électricité pourrait être signé en marge du sommet.",
        "Les syndicats d'enseignants négocient depuis des mois avec le gouvernement sur les salaires et les "
        "indemnités de logement. Un porte-parole du ministère de l'Éducation a assuré qu'un accord était proche "
        "et que les cours continueraient normalement d'ici là.",
        "Le paiement par téléphone mobile s'est rapidement répandu dans la {r} ces cinq dernières années, "
        "permettant aux commerçants de payer leurs fournisseurs et de recevoir l'argent de leurs proches sans "
        "se rendre dans une banque. Les opérateurs affirment que le nombre de comptes a triplé depuis 2019.",
        "La route reliant {p} à la capitale a été refaite l'an dernier grâce à un financement d'une banque de "
        "développement, ce qui a réduit de moitié la durée du trajet. Les chauffeurs routiers se réjouissent, "
        "mais déplorent la hausse des péages.",
        "Selon le dernier recensement, près de soixante-dix pour cent de la population a moins de trente ans. "
        "Le gouvernement a lancé un programme de formation aux métiers du bâtiment, de l'énergie solaire et de "
        "la mécanique.",
        "L'équipe nationale de football, qualifiée le mois dernier pour la coupe continentale, disputera deux "
        "matchs amicaux en {m}. Le sélectionneur a convoqué plusieurs jeunes joueurs du championnat local, et "
        "les billets du premier match se sont vendus en une journée.",
        "L'accès à internet s'est amélioré dans les principales villes de la {r} depuis l'arrivée de la fibre "
        "optique, mais les villages restent tributaires d'un réseau mobile faible. Le régulateur a demandé aux "
        "opérateurs d'étendre la couverture et de baisser le prix des forfaits pour les étudiants.",
    ],
}
# Conflict coverage only: mentions displaced people (a weak trigger), so never in quiet articles.
CONFLICT_BACKGROUND = {
    lang: [p for p in BACKGROUND[lang] if "displaced" in p or "déplacés" in p] for lang in BACKGROUND
}
QUIET_BACKGROUND = {lang: [p for p in BACKGROUND[lang] if p not in CONFLICT_BACKGROUND[lang]] for lang in BACKGROUND}
ARTICLE_WORDS = 600


def _fill(template: str, lang: str, rng: random.Random, place: tuple[str, str, str], day: int, month: int) -> str:
    p, r, c = place
    n = rng.choice(NUMBERS[lang])
    return template.format(
        p=p,
        P=p.upper(),
        r=r,
        c=c,
        d=day,
        m=MONTHS[lang][month - 1],
        y=2023,
        wd=WEEKDAYS[lang][day % 7],
        Wd=WEEKDAYS[lang][day % 7].capitalize(),
        n=n,
        N=n.capitalize(),
        k=rng.choice([50, 200, 300, 1000]),
    )


def make_notes(n: int, seed: int = 7) -> list[dict]:
    """``n`` ACLED-style event notes, alternating English and French."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        lang = ("en", "fr")[i % 2]
        place, day, month = rng.choice(PLACES[lang]), rng.randint(1, 28), rng.randint(1, 12)
        text = _fill(rng.choice(NOTES[lang]), lang, rng, place, day, month)
        text = text[0].upper() + text[1:]  # a note may start with the weekday
        out.append({"id": f"note-{lang}-{i:05d}", "text": text, "lang": lang, "published": f"2023-{month:02d}-28"})
    return out


def make_articles(n: int, seed: int = 11, event_share: float = 0.5) -> list[dict]:
    """``n`` news articles of about 600 words, alternating English and French; ``event_share`` of them
    report a violent event (headline, lead, one detail paragraph), the others report none."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        lang = ("en", "fr")[i % 2]
        place, day, month = rng.choice(PLACES[lang]), rng.randint(1, 28), rng.randint(1, 12)
        fill = functools.partial(_fill, lang=lang, rng=rng, place=place, day=day, month=month)
        if rng.random() < event_share:
            k = rng.randrange(len(EVENT_LEADS[lang]))
            paras = [fill(EVENT_HEADLINES[lang][k]), fill(EVENT_LEADS[lang][k]), fill(EVENT_DETAILS[lang][k == 1])]
            background = rng.sample(BACKGROUND[lang], len(BACKGROUND[lang]))
        else:
            k = rng.randrange(len(QUIET_LEADS[lang]))
            paras = [fill(QUIET_HEADLINES[lang][k]), fill(QUIET_LEADS[lang][k])]
            background = rng.sample(QUIET_BACKGROUND[lang], len(QUIET_BACKGROUND[lang]))
        while sum(len(p.split()) for p in paras) < ARTICLE_WORDS - 40 and background:
            paras.append(fill(background.pop()))
        out.append(
            {
                "id": f"article-{lang}-{i:05d}",
                "text": "\n\n".join(paras),
                "lang": lang,
                "published": f"2023-{month:02d}-{day:02d}",
            }
        )
    return out
