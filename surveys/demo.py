"""Demo content for the surveys: the project's three questionnaires, 135 responses collected in
October–December 2022 in the 13 settlements, and the two analysis reports with recommendations.

The responses are written with the models, following the conventions of ``surveys.models``, and
in bulk: ``services.submit_response`` stamps a response with the present moment and refuses online
answers to a closed questionnaire, while these are dated in 2022 and the questionnaires are closed.
Everything is drawn from ``random.Random(2023)``, so every run makes the same demo.
"""

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from ivanovo_portal.places.models import Settlement
from ivanovo_portal.recommendations import services as register

from . import builder, consent, reports
from .models import (
    Answer,
    Channel,
    Choice,
    MatrixRow,
    Question,
    Questionnaire,
    Quota,
    Response,
    Section,
    TargetGroup,
)

Kind = Question.Kind
OTHER = "other"
OPENS = date(2022, 10, 3)
CLOSES = date(2022, 12, 16)

# Relative weight of each settlement in the samples: roughly its share of the population.
SETTLEMENT_WEIGHTS = {
    "ivanovo": 16,
    "shtraklevo": 14,
    "pirgovo": 11,
    "mechka": 10,
    "trastenik": 9,
    "krasen": 7,
    "svalenik": 6,
    "koshov": 5,
    "bozhichen": 5,
    "nisovo": 4,
    "tserovets": 4,
    "tabachka": 3,
    "cherven": 3,
}

CONSENT = (
    "Анкетата е анонимна: не записваме името Ви, адреса Ви или IP адреса на устройството Ви. "
    "Отговорите се използват само обобщено, за анализите по проект „За бъдещо развитие на община "
    "Иваново“, изпълняван от Сдружение „Център Динамика“ в партньорство с Община Иваново."
)


def scale(*labels):
    """Points of a rating scale, valued 1, 2, 3…"""
    return [(str(value), label, value) for value, label in enumerate(labels, start=1)]


AGREEMENT = scale(
    "Изобщо не съм съгласен",
    "По-скоро не съм съгласен",
    "Нито съм съгласен, нито не съм",
    "По-скоро съм съгласен",
    "Напълно съм съгласен",
)
RATING = scale("Много лошо", "Лошо", "Задоволително", "Добре", "Много добре")
SATISFACTION = scale(
    "Много недоволен", "По-скоро недоволен", "Отчасти доволен", "По-скоро доволен", "Много доволен"
)
YES_NO = [("yes", "Да", 1), ("no", "Не", 0)]


def q(code, kind, text, *, choices=(), rows=(), weights=None, **extra):
    """A question of the demo; ``weights`` say how the demo respondents answer it (``_answer``)."""
    return {
        "code": code,
        "kind": kind,
        "text": text,
        "choices": choices,
        "rows": rows,
        "weights": weights,
        **extra,
    }


# Questionnaire 1: citizens and NGOs

CITIZENS = {
    "slug": "grazhdani-i-npo-2022",
    "title": "Гражданите и НПО за работата на Община Иваново",
    "description": (
        "Анкета сред жителите и неправителствените организации на общината: доколко познавате "
        "работата на общината и ѝ имате доверие, откъде научавате за решенията ѝ, участвали ли сте "
        "в тях и кое е най-важно за Вашето населено място. Попълването отнема около 10 минути."
    ),
    "target_group": TargetGroup.CITIZENS_NGOS,
    "quota_total": 80,
    "responses": 80,
    "channels": {Channel.ONLINE: 40, Channel.PAPER: 45, Channel.INTERVIEW: 15},
    "form_prefix": "Г",
    "sections": [
        (
            "За Вас",
            "Няколко въпроса, за да можем да сравним мненията по населени места и групи.",
            [
                q("Q1", Kind.SETTLEMENT, "В кое населено място живеете?"),
                q(
                    "Q2",
                    Kind.SINGLE,
                    "В какво качество попълвате анкетата?",
                    choices=[
                        ("resident", "Като жител на общината"),
                        ("ngo", "Като представител на неправителствена организация"),
                        ("chitalishte", "Като представител на читалище"),
                    ],
                    weights=[70, 18, 12],
                ),
                q(
                    "Q3",
                    Kind.NUMBER,
                    "На колко навършени години сте?",
                    min_value=16,
                    max_value=100,
                    weights=(18, 86, 52),
                ),
            ],
        ),
        (
            "Информираност и доверие",
            "",
            [
                q(
                    "Q4",
                    Kind.SCALE,
                    "Доколко сте информирани за работата и решенията на Община Иваново?",
                    choices=scale(
                        "Изобщо не съм информиран",
                        "По-скоро не съм информиран",
                        "Отчасти",
                        "По-скоро съм информиран",
                        "Напълно съм информиран",
                    ),
                    weights=[12, 27, 33, 20, 8],
                ),
                q(
                    "Q5",
                    Kind.SCALE,
                    "Доколко имате доверие на общинската администрация?",
                    choices=scale("Никакво", "Слабо", "Умерено", "Голямо", "Пълно"),
                    weights=[10, 24, 38, 22, 6],
                ),
                q(
                    "Q6",
                    Kind.MULTIPLE,
                    "Откъде научавате за решенията и дейността на общината?",
                    help_text="Може да посочите повече от един отговор.",
                    choices=[
                        ("website", "От интернет страницата на общината"),
                        ("facebook", "От фейсбук страницата на общината"),
                        ("mayor", "От кмета или кметския наместник"),
                        ("notice", "От обявленията в кметството"),
                        ("media", "От местните и регионалните медии"),
                        ("people", "От съседи, близки и познати"),
                    ],
                    allow_other=True,
                    weights=[0.30, 0.34, 0.52, 0.38, 0.18, 0.56, 0.05],
                ),
                q(
                    "Q7",
                    Kind.MATRIX,
                    "Как оценявате работата на общината в следните области?",
                    choices=RATING,
                    rows=[
                        ("info", "Информиране на гражданите"),
                        ("services", "Административно обслужване"),
                        ("roads", "Поддръжка на пътищата и улиците"),
                        ("waste", "Чистота и сметосъбиране"),
                        ("signals", "Отговор на сигнали и жалби"),
                    ],
                    weights=[
                        [10, 26, 36, 22, 6],
                        [5, 14, 33, 36, 12],
                        [26, 34, 24, 12, 4],
                        [8, 18, 34, 30, 10],
                        [14, 28, 34, 18, 6],
                    ],
                ),
            ],
        ),
        (
            "Участие",
            "",
            [
                q(
                    "Q8",
                    Kind.YES_NO,
                    "През последните две години участвали ли сте в обществено обсъждане, заседание "
                    "на Общинския съвет, среща с кмета или сте подавали сигнал до общината?",
                    choices=YES_NO,
                    weights=[36, 64],
                ),
                q(
                    "Q9",
                    Kind.MULTIPLE,
                    "В какви форми сте участвали?",
                    help_text="Може да посочите повече от един отговор.",
                    choices=[
                        ("consultation", "Обществено обсъждане"),
                        ("council", "Заседание на Общинския съвет"),
                        ("signal", "Сигнал или жалба до общината"),
                        ("meeting", "Среща с кмета или кметския наместник"),
                        ("petition", "Подписка или петиция"),
                    ],
                    condition=("Q8", ["yes"]),
                    weights=[0.42, 0.18, 0.55, 0.48, 0.16],
                ),
                q(
                    "Q10",
                    Kind.SINGLE,
                    "Коя е основната причина да не участвате?",
                    choices=[
                        ("unaware", "Не знам кога и как мога да участвам"),
                        ("time", "Нямам време"),
                        ("useless", "Смятам, че мнението ми няма да бъде взето предвид"),
                        ("distance", "Трудно ми е да стигна до Иваново"),
                        ("interest", "Не се интересувам"),
                    ],
                    allow_other=True,
                    condition=("Q8", ["no"]),
                    weights=[34, 16, 26, 14, 6, 4],
                ),
                q(
                    "Q11",
                    Kind.SCALE,
                    "Доколко според Вас общината се съобразява с мнението на гражданите?",
                    choices=scale(
                        "Изобщо не се съобразява",
                        "Рядко",
                        "Понякога",
                        "Често",
                        "Винаги",
                    ),
                    weights=[14, 30, 36, 16, 4],
                ),
            ],
        ),
        (
            "Приоритети за Вашето населено място",
            "",
            [
                q(
                    "Q12",
                    Kind.MULTIPLE,
                    "Кои са най-важните проблеми на населеното място, в което живеете?",
                    help_text="Посочете до три отговора.",
                    choices=[
                        ("roads", "Пътищата и улиците"),
                        ("water", "Водоснабдяването"),
                        ("transport", "Обществения транспорт"),
                        ("health", "Достъпът до лекар и аптека"),
                        ("jobs", "Липсата на работни места"),
                        ("waste", "Чистотата и сметосъбирането"),
                        ("lights", "Уличното осветление"),
                        ("youth", "Условията за децата и младите хора"),
                    ],
                    allow_other=True,
                    weights=[0.58, 0.30, 0.34, 0.36, 0.44, 0.16, 0.20, 0.24, 0.04],
                ),
                q(
                    "Q13",
                    Kind.LONG_TEXT,
                    "Какво бихте предложили на общината, за да участват повече граждани в "
                    "решенията ѝ?",
                    required=False,
                    weights=0.45,
                ),
            ],
        ),
    ],
}

# Questionnaire 2: businesses

BUSINESSES = {
    "slug": "biznes-2022",
    "title": "Бизнесът за работата на Община Иваново",
    "description": (
        "Анкета сред фирмите и земеделските производители в общината: административното "
        "обслужване, прозрачността, обществените поръчки и партньорството с общината. "
        "Попълването отнема около 8 минути."
    ),
    "target_group": TargetGroup.BUSINESSES,
    "quota_total": 30,
    "responses": 30,
    "channels": {Channel.ONLINE: 50, Channel.PAPER: 20, Channel.INTERVIEW: 30},
    "form_prefix": "Б",
    "sections": [
        (
            "За фирмата",
            "",
            [
                q("Q1", Kind.SETTLEMENT, "В кое населено място развива дейност фирмата?"),
                q(
                    "Q2",
                    Kind.SINGLE,
                    "Каква е основната дейност на фирмата?",
                    choices=[
                        ("agriculture", "Селско стопанство"),
                        ("trade", "Търговия"),
                        ("services", "Услуги"),
                        ("manufacturing", "Производство"),
                        ("construction", "Строителство"),
                        ("tourism", "Туризъм"),
                    ],
                    allow_other=True,
                    widget=Question.Widget.SELECT,
                    weights=[34, 22, 16, 10, 8, 6, 4],
                ),
                q(
                    "Q3",
                    Kind.NUMBER,
                    "Колко души работят във фирмата, включително Вие?",
                    min_value=1,
                    max_value=500,
                    weights=(1, 45, 6),
                ),
            ],
        ),
        (
            "Административно обслужване и прозрачност",
            "",
            [
                q(
                    "Q4",
                    Kind.YES_NO,
                    "През последната година ползвали ли сте услуги на общинската администрация?",
                    choices=YES_NO,
                    weights=[80, 20],
                ),
                q(
                    "Q5",
                    Kind.MATRIX,
                    "Доколко сте доволни от административното обслужване?",
                    choices=SATISFACTION,
                    rows=[
                        ("deadlines", "Срокове за изпълнение на услугите"),
                        ("competence", "Компетентност на служителите"),
                        ("attitude", "Отношение към клиентите"),
                        ("information", "Информация за необходимите документи"),
                        ("eservices", "Възможност за електронни услуги"),
                    ],
                    condition=("Q4", ["yes"]),
                    weights=[
                        [8, 22, 34, 28, 8],
                        [4, 12, 30, 38, 16],
                        [4, 10, 26, 40, 20],
                        [10, 24, 32, 26, 8],
                        [30, 32, 24, 10, 4],
                    ],
                ),
                q(
                    "Q6",
                    Kind.SCALE,
                    "Как оценявате прозрачността на решенията на общината, които засягат бизнеса?",
                    choices=RATING,
                    weights=[14, 30, 34, 18, 4],
                ),
            ],
        ),
        (
            "Обществени поръчки",
            "",
            [
                q(
                    "Q7",
                    Kind.YES_NO,
                    "Участвали ли сте в обществени поръчки на Община Иваново през последните "
                    "три години?",
                    choices=YES_NO,
                    weights=[22, 78],
                ),
                q(
                    "Q8",
                    Kind.MULTIPLE,
                    "Кое Ви затруднява или възпира да участвате в обществени поръчки на общината?",
                    help_text="Може да посочите повече от един отговор.",
                    choices=[
                        ("information", "Липсва информация за предстоящите поръчки"),
                        ("paperwork", "Документите и процедурите са сложни"),
                        ("deadlines", "Сроковете за оферти са кратки"),
                        ("requirements", "Изискванията са непосилни за малки фирми"),
                        ("trust", "Съмнявам се, че процедурите са честни"),
                        ("payments", "Плащанията се забавят"),
                    ],
                    allow_other=True,
                    weights=[0.56, 0.50, 0.26, 0.44, 0.30, 0.14, 0.06],
                ),
            ],
        ),
        (
            "Партньорство с общината",
            "",
            [
                q(
                    "Q9",
                    Kind.SCALE,
                    "Доколко сте готови да участвате в съвместни инициативи с общината?",
                    choices=scale(
                        "Изобщо не съм готов",
                        "По-скоро не съм готов",
                        "Зависи от инициативата",
                        "По-скоро съм готов",
                        "Напълно съм готов",
                    ),
                    weights=[4, 10, 38, 32, 16],
                ),
                q(
                    "Q10",
                    Kind.MULTIPLE,
                    "В какви форми на партньорство бихте участвали?",
                    help_text="Може да посочите повече от един отговор.",
                    choices=[
                        ("council", "Консултативен съвет за местно икономическо развитие"),
                        ("projects", "Съвместни проекти с общината"),
                        ("sponsorship", "Дарения и спонсорство на местни инициативи"),
                        ("internships", "Стажове и обучения за младежи"),
                        ("budget", "Обсъждания на общинския бюджет"),
                    ],
                    weights=[0.46, 0.52, 0.30, 0.24, 0.36],
                ),
                q(
                    "Q11",
                    Kind.LONG_TEXT,
                    "Какво трябва да направи общината, за да подкрепи местния бизнес?",
                    required=False,
                    weights=0.55,
                ),
            ],
        ),
    ],
}

# Questionnaire 3: municipal staff and mayors

MUNICIPAL = {
    "slug": "obshtinski-sluzhiteli-i-kmetove-2022",
    "title": "Общинските служители и кметовете за гражданското участие",
    "description": (
        "Анкета сред служителите на общинската администрация, кметовете и кметските наместници: "
        "какво мислите за участието на гражданите и какво очаквате от гражданските организации."
    ),
    "target_group": TargetGroup.MUNICIPAL,
    "quota_total": 25,
    "responses": 25,
    "channels": {Channel.ONLINE: 55, Channel.PAPER: 45, Channel.INTERVIEW: 0},
    "form_prefix": "С",
    "sections": [
        (
            "За Вас",
            "",
            [
                q("Q1", Kind.SETTLEMENT, "В кое населено място работите?"),
                q(
                    "Q2",
                    Kind.SINGLE,
                    "Каква е Вашата длъжност?",
                    choices=[
                        ("mayor", "Кмет на кметство"),
                        ("deputy", "Кметски наместник"),
                        ("staff", "Служител в общинската администрация"),
                    ],
                    weights=[24, 24, 52],
                ),
            ],
        ),
        (
            "Нагласи към гражданското участие",
            "",
            [
                q(
                    "Q3",
                    Kind.SCALE,
                    "Доколко участието на гражданите подобрява решенията на общината?",
                    choices=scale(
                        "Изобщо не ги подобрява",
                        "Малко",
                        "Отчасти",
                        "Значително",
                        "Много",
                    ),
                    weights=[2, 10, 34, 38, 16],
                ),
                q(
                    "Q4",
                    Kind.MATRIX,
                    "Доколко сте съгласни със следните твърдения?",
                    choices=AGREEMENT,
                    rows=[
                        (
                            "ngos_know",
                            "Неправителствените организации познават добре местните проблеми",
                        ),
                        ("citizens_care", "Гражданите се интересуват от работата на общината"),
                        ("slow", "Обществените обсъждания забавят решенията"),
                        (
                            "monitoring",
                            "Гражданският мониторинг помага на администрацията да работи по-добре",
                        ),
                    ],
                    weights=[
                        [6, 18, 30, 34, 12],
                        [10, 34, 30, 20, 6],
                        [12, 30, 28, 22, 8],
                        [4, 12, 30, 38, 16],
                    ],
                ),
                q(
                    "Q5",
                    Kind.YES_NO,
                    "Работили ли сте заедно с неправителствена организация през последните две "
                    "години?",
                    choices=YES_NO,
                    weights=[44, 56],
                ),
            ],
        ),
        (
            "Очаквания",
            "",
            [
                q(
                    "Q6",
                    Kind.MULTIPLE,
                    "Какво очаквате от гражданските организации в общината?",
                    help_text="Може да посочите повече от един отговор.",
                    choices=[
                        ("inform", "Да информират гражданите за решенията на общината"),
                        ("propose", "Да правят предложения по проектите на решения"),
                        ("consult", "Да участват в обществените обсъждания"),
                        ("oversee", "Да упражняват граждански контрол"),
                        ("projects", "Да кандидатстват по проекти заедно с общината"),
                    ],
                    allow_other=True,
                    weights=[0.60, 0.44, 0.52, 0.22, 0.64, 0.04],
                ),
                q(
                    "Q7",
                    Kind.MULTIPLE,
                    "Кои форми на участие бихте искали да се използват повече?",
                    help_text="Може да посочите повече от един отговор.",
                    choices=[
                        ("local", "Обществени обсъждания в кметствата"),
                        ("online", "Онлайн консултации"),
                        ("surveys", "Анкети сред жителите"),
                        ("meetings", "Срещи на кмета с жителите"),
                        ("groups", "Работни групи с неправителствени организации"),
                    ],
                    weights=[0.56, 0.28, 0.40, 0.52, 0.30],
                ),
                q(
                    "Q8",
                    Kind.LONG_TEXT,
                    "Какво според Вас пречи на жителите да участват по-активно в местното "
                    "самоуправление?",
                    required=False,
                    weights=0.6,
                ),
            ],
        ),
    ],
}

QUESTIONNAIRES = [CITIZENS, BUSINESSES, MUNICIPAL]

# What respondents wrote in the open questions and beside "other, please specify".
OPEN_ANSWERS = {
    "grazhdani-i-npo-2022": [
        "Обсъжданията да се правят в селата, а не само в Иваново, и вечер, когато хората са "
        "свободни.",
        "Да се обявяват по-рано и на таблото в кметството, не всички ползват интернет.",
        "Кметът да идва поне веднъж на три месеца в селото и да отговаря на въпроси.",
        "Да се публикува за какво се харчат парите на общината, разбираемо за обикновения човек.",
        "Да има кутия за предложения в кметството и отговор на всяко предложение.",
        "Общината да отговаря на сигналите в срок. Подавах сигнал за улицата и никой не отговори.",
        "Повече срещи с младите хора и с читалищата.",
        "Да се излъчват заседанията на Общинския съвет в интернет.",
        "Анкети като тази да се правят всяка година.",
        "Да има автобус до Иваново в дните на обсъжданията.",
    ],
    "biznes-2022": [
        "Предварителен график на обществените поръчки за годината, публикуван в началото на "
        "годината.",
        "Електронни услуги, за да не се ходи до Иваново за всяко удостоверение.",
        "Среща с фирмите поне веднъж годишно, преди да се приеме бюджетът.",
        "По-малки обособени позиции в поръчките, за да могат да участват местни фирми.",
        "Ясни и еднакви срокове за издаване на разрешения.",
        "Информация за европейските програми, по които могат да кандидатстват фирмите.",
        "Да се поддържат пътищата до стопанските дворове.",
    ],
    "obshtinski-sluzhiteli-i-kmetove-2022": [
        "Хората не вярват, че мнението им ще промени нещо.",
        "Повечето жители в селата са възрастни и не ползват интернет.",
        "Липсва навик; обсъжданията се възприемат като формалност.",
        "Няма достатъчно активни организации в малките села.",
        "Информацията не стига до хората навреме.",
        "Хората се включват, когато въпросът засяга пряко тяхната улица или село.",
    ],
}
OTHER_ANSWERS = {
    ("grazhdani-i-npo-2022", "Q6"): ["От църковното настоятелство", "От пенсионерския клуб"],
    ("grazhdani-i-npo-2022", "Q10"): ["Здравословни причини", "Работя в чужбина"],
    ("grazhdani-i-npo-2022", "Q12"): ["Бездомните кучета", "Липсата на детска градина"],
    ("biznes-2022", "Q2"): ["Животновъдство", "Транспорт"],
    ("biznes-2022", "Q8"): ["Не съм регистриран в платформата за поръчки"],
    ("obshtinski-sluzhiteli-i-kmetove-2022", "Q6"): ["Да помагат на възрастните хора"],
}

REPORTS = [
    {
        "slug": "analiz-grazhdani-i-npo",
        "title": "Анализ на мненията на гражданите и НПО за работата на Община Иваново",
        "questionnaires": ["grazhdani-i-npo-2022"],
        "published": datetime(2023, 1, 31, 10, 0),
        "introduction": (
            "Анализът е изготвен по дейност 1 на проект „За бъдещо развитие на община Иваново“. "
            "Целта му е да покаже доколко жителите и неправителствените организации на общината "
            "познават работата на Община Иваново и ѝ имат доверие, откъде получават информация, "
            "участват ли в местното самоуправление и кои проблеми на населените си места смятат "
            "за най-важни.\n\n"
            "Изводите и препоръките ще бъдат представени на кръглата маса в Иваново и внесени в "
            "деловодството на общината."
        ),
        "methodology_note": (
            "Анкетата е попълвана онлайн, на хартия (чрез доброволци и кметствата) и чрез "
            "интервюта на място с възрастни жители. Разпределението по населени места следва "
            "приблизително броя на жителите им. Извадката не е представителна в статистически "
            "смисъл, но обхваща всички 13 населени места на общината."
        ),
        "items": [
            (
                "Q4",
                "Мнозинството от анкетираните се смятат за частично или слабо информирани. Само "
                "малка част се определят като напълно информирани за решенията на общината.",
            ),
            (
                "Q5",
                "Доверието в администрацията е умерено: най-често срещаният отговор е „Умерено“, "
                "а отговорите „Никакво“ и „Слабо“ заедно надвишават „Голямо“ и „Пълно“.",
            ),
            (
                "Q6",
                "Хората научават за решенията на общината предимно от близки и съседи и от кмета "
                "или кметския наместник. Интернет страницата на общината е по-рядко използван "
                "източник, особено от по-възрастните жители на селата.",
            ),
            (
                "Q7",
                "Най-добре е оценено административното обслужване, а най-слабо — поддръжката на "
                "пътищата и отговорът на сигнали и жалби.",
            ),
            (
                "Q8",
                "По-малко от половината анкетирани са участвали в някаква форма на местно "
                "самоуправление през последните две години.",
            ),
            (
                "Q10",
                "Основната причина да не се участва е липсата на информация кога и как може да се "
                "участва, следвана от убеждението, че мнението няма да бъде взето предвид.",
            ),
            (
                "Q12",
                "Пътищата и улиците и липсата на работни места са най-често посочваните проблеми "
                "на населените места, следвани от водоснабдяването и достъпа до лекар и аптека.",
            ),
            (
                "Q13",
                "Близо половината анкетирани са написали предложение. Самите отговори не се "
                "публикуват; обобщението ги групира по теми.",
            ),
        ],
        # What respondents wrote is never published: the report shows the team's summary.
        "answers_summaries": {
            "Q13": (
                "Най-често се предлага обсъжданията да се обявяват по-рано и на таблата в "
                "кметствата, а срещите да се правят в самите села, вечер. Често се иска общината "
                "да отговаря на сигналите в срок и да обяснява разбираемо за какво харчи парите "
                "си. Отделни предложения са кутия за предложения в кметството, излъчване на "
                "заседанията на Общинския съвет в интернет, срещи с младите хора и читалищата и "
                "транспорт до Иваново в дните на обсъжданията."
            ),
        },
        "conclusions": (
            "Жителите на общината са готови да участват, но не получават навреме информация за "
            "възможностите за участие. Основните канали за информация са личните контакти и "
            "кметовете, а не интернет.\n\n"
            "Доверието в общината ще расте, ако гражданите виждат, че сигналите и предложенията им "
            "получават отговор в разумен срок."
        ),
        "recommendations": [
            (
                "Обявяване на обществените обсъждания и в кметствата",
                "Всяко обществено обсъждане да се обявява най-малко 14 дни предварително не само "
                "на интернет страницата на общината, но и на таблата в кметствата и чрез кметовете "
                "и кметските наместници.",
                "Най-честата причина анкетираните да не участват е, че не знаят кога и как могат "
                "да участват; най-използваните източници на информация са кметовете и личните "
                "контакти.",
                [],
            ),
            (
                "Срок за отговор на сигналите на гражданите",
                "Общината да отговаря на всеки сигнал или жалба на гражданин в срок до 14 дни и "
                "да публикува веднъж годишно отчет за получените сигнали и предприетите действия.",
                "Отговорът на сигнали и жалби е сред най-слабо оценените области на работата на "
                "общината, а доверието в администрацията е умерено.",
                [],
            ),
            (
                "Приемни дни на общинската администрация в селата",
                "Веднъж месечно служители на общинската администрация да приемат граждани в "
                "кметствата на Щръклево, Пиргово, Мечка и Тръстеник.",
                "Част от жителите на селата посочват трудния път до Иваново като основна причина "
                "да не участват, а най-много анкетирани има в тези четири села след Иваново.",
                ["shtraklevo", "pirgovo", "mechka", "trastenik"],
            ),
        ],
    },
    {
        "slug": "analiz-biznes",
        "title": "Анализ на мнението на бизнеса за работата на Община Иваново",
        "questionnaires": ["biznes-2022"],
        "published": datetime(2023, 2, 7, 10, 0),
        "introduction": (
            "Анализът представя мнението на фирмите и земеделските производители от общината за "
            "административното обслужване, прозрачността на решенията, обществените поръчки и "
            "партньорството с Община Иваново. Изготвен е по дейност 1 на проект „За бъдещо "
            "развитие на община Иваново“."
        ),
        "methodology_note": (
            "Фирмите са поканени лично и чрез кметствата; част от тях са интервюирани на място. "
            "Преобладават микропредприятията и земеделските производители, каквато е и "
            "структурата на местния бизнес."
        ),
        "items": [
            (
                "Q5",
                "Служителите на общината получават добри оценки за компетентност и отношение. "
                "Най-слабо са оценени електронните услуги и информацията за необходимите "
                "документи.",
            ),
            (
                "Q6",
                "Прозрачността на решенията, които засягат бизнеса, се оценява предимно като "
                "задоволителна или лоша.",
            ),
            (
                "Q7",
                "Само малка част от анкетираните фирми са участвали в обществени поръчки на "
                "общината.",
            ),
            (
                "Q8",
                "Най-често посочваните пречки са липсата на информация за предстоящите поръчки и "
                "сложните документи, както и изискванията, непосилни за малките фирми.",
            ),
            (
                "Q9",
                "Фирмите са отворени за партньорство с общината, но готовността им зависи от "
                "конкретната инициатива.",
            ),
            (
                "Q10",
                "Най-голям е интересът към съвместни проекти с общината, следван от "
                "обсъжданията на общинския бюджет и стажовете за младежи.",
            ),
        ],
        "conclusions": (
            "Местният бизнес е склонен да си сътрудничи с общината, но не разполага с навременна "
            "информация за обществените поръчки и за решенията, които го засягат. Електронните "
            "услуги са най-слабото звено на административното обслужване."
        ),
        "recommendations": [
            (
                "Годишен план на обществените поръчки",
                "В началото на всяка година общината да публикува план на обществените поръчки с "
                "очакваните срокове и да уведомява регистрираните местни фирми за всяка нова "
                "поръчка.",
                "Липсата на информация за предстоящите поръчки е най-често посочваната пречка "
                "фирмите да участват в тях.",
                [],
            ),
            (
                "Консултативен съвет за местно икономическо развитие",
                "Да се създаде консултативен съвет към кмета на общината с представители на "
                "местния бизнес, който да се събира поне два пъти годишно, включително преди "
                "приемането на бюджета.",
                "Фирмите проявяват най-голям интерес към съвместни проекти с общината и към "
                "обсъжданията на бюджета, а прозрачността на решенията, които ги засягат, е "
                "оценена ниско.",
                [],
            ),
        ],
    },
]


# Seeding


def seed(accounts):
    """Create the three questionnaires with their responses and the two reports; does nothing
    when the questionnaires exist already."""
    slugs = [spec["slug"] for spec in QUESTIONNAIRES]
    if Questionnaire.objects.filter(slug__in=slugs).exists():
        return
    rng = random.Random(2023)
    settlements = {s.slug: s for s in Settlement.objects.all()}
    staff = accounts.staff
    questionnaires = {}
    for spec in QUESTIONNAIRES:
        questionnaire, questions = _create_questionnaire(spec, settlements, staff)
        _create_responses(spec, questionnaire, questions, settlements, staff, rng)
        questionnaires[spec["slug"]] = (questionnaire, questions)
    for spec in REPORTS:
        _create_report(spec, questionnaires, settlements, staff)
    _open_follow_up(questionnaires["grazhdani-i-npo-2022"][0], staff)


def _open_follow_up(questionnaire, staff):
    """An open copy of the citizens' questionnaire, asking again a year on: the demo's residents
    have something to answer, and the portal shows it outlives the project."""
    follow_up = builder.copy_questionnaire(questionnaire, user=staff)
    builder.update_questionnaire(
        follow_up,
        slug="grazhdani-i-npo-povtorno",
        title="Гражданите и НПО за работата на Община Иваново — повторно проучване",
    )
    builder.open_questionnaire(follow_up)


def _aware(day, hour=10, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _create_questionnaire(spec, settlements, staff):
    questionnaire = Questionnaire.objects.create(
        title=spec["title"],
        slug=spec["slug"],
        description=spec["description"],
        target_group=spec["target_group"],
        status=Questionnaire.Status.CLOSED,
        opens_at=_aware(OPENS, 8),
        closes_at=_aware(CLOSES, 18),
        consent_text=CONSENT,
        results_published=True,
        quota_total=spec["quota_total"],
        created_by=staff,
    )
    consent.record_version(questionnaire)
    Quota.objects.bulk_create(
        Quota(questionnaire=questionnaire, settlement=settlements[slug], target=target)
        for slug, target in _shares(spec["quota_total"], SETTLEMENT_WEIGHTS).items()
    )
    questions = {}
    for position, (title, description, specs) in enumerate(spec["sections"]):
        section = Section.objects.create(
            questionnaire=questionnaire, title=title, description=description, position=position
        )
        for number, question_spec in enumerate(specs):
            questions[question_spec["code"]] = _create_question(section, number, question_spec)
    for code, question_spec in _with_conditions(spec):
        parent_code, choice_codes = question_spec["condition"]
        question = questions[code]
        question.condition_question = questions[parent_code]
        question.save(update_fields=["condition_question"])
        question.condition_choices.set(
            [c for c in question.condition_question.demo_choices if c.code in choice_codes]
        )
    return questionnaire, questions


def _with_conditions(spec):
    for _title, _description, specs in spec["sections"]:
        for question_spec in specs:
            if question_spec.get("condition"):
                yield question_spec["code"], question_spec


def _create_question(section, position, spec):
    fields = {
        name: spec[name]
        for name in ("help_text", "allow_other", "required", "widget", "min_value", "max_value")
        if name in spec
    }
    question = Question.objects.create(
        section=section,
        code=spec["code"],
        kind=spec["kind"],
        text=spec["text"],
        position=position,
        **fields,
    )
    question.demo_choices = Choice.objects.bulk_create(
        Choice(
            question=question,
            code=code,
            label=label,
            value=Decimal(value[0]) if value else None,
            position=number,
        )
        for number, (code, label, *value) in enumerate(spec["choices"])
    )
    question.demo_rows = MatrixRow.objects.bulk_create(
        MatrixRow(question=question, code=code, label=label, position=number)
        for number, (code, label) in enumerate(spec["rows"])
    )
    question.demo_spec = spec
    return question


def _shares(total, weights):
    """``total`` split over the keys of ``weights`` in proportion (largest remainders)."""
    whole = sum(weights.values())
    exact = {key: total * weight / whole for key, weight in weights.items()}
    shares = {key: int(value) for key, value in exact.items()}
    by_remainder = sorted(exact, key=lambda key: exact[key] - shares[key], reverse=True)
    for key in by_remainder[: total - sum(shares.values())]:
        shares[key] += 1
    return shares


def _create_responses(spec, questionnaire, questions, settlements, staff, rng):
    count = spec["responses"]
    # Each settlement's share of the sample follows its size, in random order over the period.
    places = [
        slug for slug, share in _shares(count, SETTLEMENT_WEIGHTS).items() for _ in range(share)
    ]
    rng.shuffle(places)
    channels = rng.choices(list(spec["channels"]), weights=list(spec["channels"].values()), k=count)
    days = (CLOSES - OPENS).days
    moments = sorted(
        _aware(
            OPENS + timedelta(days=rng.randrange(days + 1)), rng.randrange(8, 19), rng.randrange(60)
        )
        for _ in range(count)
    )
    responses = []
    paper_forms = 0
    agreed_to = consent.current_version(questionnaire)
    # Forms and interview notes are typed in up to two weeks after they were filled in. A
    # generator of their own leaves the answers drawn from ``rng`` as they were.
    delays = random.Random(spec["slug"])
    for place, channel, moment in zip(places, channels, moments, strict=True):
        form_number = ""
        filled_on = None
        if channel == Channel.PAPER:
            paper_forms += 1
            form_number = f"{spec['form_prefix']}-{paper_forms:03d}"
        if channel != Channel.ONLINE:
            typed_on = timezone.localdate(moment)
            filled_on = max(OPENS, typed_on - timedelta(days=delays.randint(1, 14)))
        responses.append(
            Response(
                questionnaire=questionnaire,
                settlement=settlements[place],
                channel=channel,
                form_number=form_number,
                entered_by=None if channel == Channel.ONLINE else staff,
                consented=True,
                consent_version=agreed_to,
                submitted_at=moment,
                filled_on=filled_on,
            )
        )
    Response.objects.bulk_create(responses)
    answers = []
    for response in responses:
        chosen = {}
        for question in questions.values():
            answers += _answer(spec, response, question, chosen, rng)
    Answer.objects.bulk_create(answers, batch_size=1000)


def _answer(spec, response, question, chosen, rng):
    """The demo answer rows of ``response`` to ``question``; ``chosen`` collects the options
    picked so far, for the conditions of later questions."""
    weights = question.demo_spec["weights"]
    choices = question.demo_choices
    condition = question.demo_spec.get("condition")
    if condition and not chosen.get(condition[0], set()) & set(condition[1]):
        return []
    row = {"response": response, "question": question}
    kind = question.kind
    if kind == Kind.SETTLEMENT:
        return [Answer(**row, settlement=response.settlement)]
    if kind in {Kind.SINGLE, Kind.SCALE, Kind.YES_NO}:
        options = choices + ([None] if question.allow_other else [])
        choice = rng.choices(options, weights=weights)[0]
        if choice is None:
            return [Answer(**row, other_text=_other(spec, question, rng))]
        chosen[question.code] = {choice.code}
        number = choice.value if kind == Kind.SCALE else None
        return [Answer(**row, choice=choice, number=number)]
    if kind == Kind.MULTIPLE:
        picked = [choice for choice, p in zip(choices, weights, strict=False) if rng.random() < p]
        other = question.allow_other and rng.random() < weights[-1]
        if not picked and not other:
            picked = [rng.choices(choices, weights=weights[: len(choices)])[0]]
        chosen[question.code] = {choice.code for choice in picked}
        rows = [Answer(**row, choice=choice) for choice in picked]
        if other:
            rows.append(Answer(**row, other_text=_other(spec, question, rng)))
        return rows
    if kind == Kind.MATRIX:
        return [
            Answer(**row, row=matrix_row, choice=choice, number=choice.value)
            for matrix_row, row_weights in zip(question.demo_rows, weights, strict=True)
            for choice in rng.choices(choices, weights=row_weights)
        ]
    if kind == Kind.NUMBER:
        low, high, mode = weights
        return [Answer(**row, number=Decimal(round(rng.triangular(low, high, mode))))]
    if kind in {Kind.SHORT_TEXT, Kind.LONG_TEXT}:
        if rng.random() >= weights:
            return []
        return [Answer(**row, text=rng.choice(OPEN_ANSWERS[spec["slug"]]))]
    raise ValueError(f"The demo has no answers for {kind}")


def _other(spec, question, rng):
    return rng.choice(OTHER_ANSWERS[(spec["slug"], question.code)])


def _create_report(spec, questionnaires, settlements, staff):
    chosen = [questionnaires[slug] for slug in spec["questionnaires"]]
    report = reports.create_report(
        user=staff,
        questionnaires=[questionnaire for questionnaire, _questions in chosen],
        title=spec["title"],
        slug=spec["slug"],
        introduction=spec["introduction"],
        methodology_note=spec["methodology_note"],
        conclusions=spec["conclusions"],
    )
    questions = chosen[0][1]
    summaries = spec.get("answers_summaries", {})
    for code, commentary in spec["items"]:
        reports.add_item(
            report,
            question=questions[code],
            commentary=commentary,
            answers_summary=summaries.get(code, ""),
            user=staff,
        )
    published = timezone.make_aware(spec["published"])
    for title, text, rationale, slugs in spec["recommendations"]:
        recommendation = reports.add_recommendation(
            report,
            user=staff,
            title=title,
            text=text,
            rationale=rationale,
            settlements=[settlements[slug] for slug in slugs],
            date=published.date(),
        )
        register.approve(recommendation, user=staff, date=published.date() + timedelta(days=7))
    reports.publish(report, user=staff, at=published)
