import pytest

from veille.extractors.fatalities import count_fatalities


@pytest.mark.parametrize(
    "text,lang,count",
    [
        ("On 4 June 2019, gunmen killed 3 farmers in a village.", "en", 3),
        ("Four soldiers and two civilians were killed in the ambush.", "en", 6),
        ("Gunmen killed 3 herders and 2 traders near the market.", "en", 5),
        ("At least 7 people were killed and 12 injured.", "en", 7),
        ("The blast killed 1 guard and injured 3 others.", "en", 1),
        ("Between 10 and 14 people died in the attack.", "en", 10),
        ("Dozens of people were killed in the raid.", "en", 12),
        ("A teacher was shot dead by unknown gunmen.", "en", 1),
        ("The assailants killed a shopkeeper before fleeing.", "en", 1),
        ("Twenty-one miners were killed.", "en", 21),
        ("Police arrested 25 protesters. No fatalities were reported.", "en", 0),
        ("Protesters rallied over the killing of a student last month.", "en", 0),
        ("The insurgents attacked a base. 6 fatalities split between 2 events.", "en", 3),
        ("Rebels raided a camp, wounding 4 soldiers.", "en", 0),
        ("Nobody was killed in the explosion.", "en", 0),
        ("Trois soldats ont été tués dans une embuscade.", "fr", 3),
        ("L'attaque a fait douze morts et vingt blessés.", "fr", 12),
        ("Des hommes armés ont tué une quinzaine de villageois.", "fr", 15),
        ("Un gendarme a été tué et deux autres ont été blessés.", "fr", 1),
        ("Les jihadistes ont tué 4 civils et 2 militaires.", "fr", 6),
        ("L'explosion n'a pas fait de victimes.", "fr", 0),
        ("Cinq manifestants ont été blessés par la police.", "fr", 0),
        # "un convoi militaire" is no soldier: the toll is the number the sentence gives
        ("Le bilan de l'explosion qui a visé mardi un convoi militaire près de Ménaka s'élève à six morts.", "fr", 6),
        ("Un soldat a été tué dans l'attaque d'un convoi militaire.", "fr", 1),
        ("A soldier was killed in an attack on a military convoy near Gao.", "en", 1),
        ("Le corps d'un homme a été retrouvé au bord de la route.", "fr", 1),
        ("Une attaque a tué jeudi 4 juin 7 civils à Kaya.", "fr", 7),
    ],
)
def test_count(text, lang, count):
    assert count_fatalities(text, None, lang).count == count


def test_evidence_span_and_none():
    text = "Militants killed 5 police officers at a checkpoint."
    r = count_fatalities(text, None, "en")
    assert r.count == 5 and text[r.start : r.end] == r.text and "5" in r.text
    r = count_fatalities("Farmers marched to the town hall.", None, "en")
    assert (r.count, r.start, r.end) == (0, None, None)


def test_background_toll_ignored():
    text = "Militants killed 4 soldiers on Monday. The conflict has killed 10,000 people since 2011."
    assert count_fatalities(text, None, "en").count == 4


def test_anchor_prefers_its_sentence():
    text = "Last year 30 people were killed there. On Sunday gunmen killed 2 herders."
    anchor = (text.index("gunmen"), text.index("gunmen") + 6)
    assert count_fatalities(text, anchor, "en").count == 2


@pytest.mark.parametrize(
    "text,lang,count",
    [
        ("The death toll from Tuesday's bombing has risen to 31, officials said.", "en", 31),
        ("Le bilan de l'attaque de mardi est passé à 14 morts.", "fr", 14),
        ("Soldiers killed a rebel commander and his son near the border.", "en", 2),
        ("A farmer was abducted by three men and stabbed to death.", "en", 1),
        ("Clashes left several fighters dead. Fatalities coded as 4.", "en", 4),
        ("Gunmen killed 12 people. Fatalities split between 3 events.", "en", 4),
        ("Gunmen killed 7 people, but other sources said 5 were killed.", "en", 5),
        ("Militants burned 20 huts and killed 15 cattle.", "en", 0),
        ("The explosion killed between 8 and 11 people.", "en", 8),
        ("L'explosion a fait entre 8 et 11 morts.", "fr", 8),
        ("A gunman shot a trader, resulting in his death.", "en", 1),
        ("Three soldiers were killed or injured in the blast.", "en", 0),
        ("Les forces ont abattu un drone au-dessus de la ville.", "fr", 0),
        ("Police said 4 rebels were killed. Two other rebels were also killed later.", "en", 6),
        ("Residents protested over the killing of a student by police.", "en", 0),
    ],
)
def test_count_conventions(text, lang, count):
    assert count_fatalities(text, None, lang).count == count
