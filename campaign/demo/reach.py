"""Demo content of the campaign's reach: the project in the Ruse region's media in 2023 and the
campaign's actions — posters in all 13 settlements before the spring consultation meetings,
leaflets, posts and the printed village bulletins — logged through the services by the demo
staff member, once (a second run finds them and adds nothing).

The outlets are the region's; the links are left empty, as no real article stands behind them."""

from datetime import date

from ivanovo_portal.places.models import Settlement

from ..models import CampaignAction, MediaAppearance
from ..services import reach

Kind = MediaAppearance.Kind
Action = CampaignAction.Kind

# (outlet, kind, day, title, note)
MEDIA = [
    (
        "Сдружение „Център Динамика“",
        Kind.PRESS_RELEASE,
        date(2023, 1, 16),
        "Започва проучване на мнението на жителите на община Иваново за работата на общината",
        "Разпратено до медиите в Русенска област",
    ),
    (
        "Вестник „Утро“",
        Kind.PRINT,
        date(2023, 1, 19),
        "Жителите на община Иваново ще оценяват общината в анкета",
        "",
    ),
    (
        "„Дунавмост“",
        Kind.ONLINE,
        date(2023, 2, 27),
        "13 обществени обсъждания на плана за развитие на община Иваново през март",
        "",
    ),
    (
        "Радио „Фокус“ – Русе",
        Kind.RADIO,
        date(2023, 3, 8),
        "Гражданското участие в малките населени места: разговор с ръководителя на проекта",
        "Интервю в сутрешния блок, 12 минути",
    ),
    (
        "Сайт на Община Иваново",
        Kind.ONLINE,
        date(2023, 3, 9),
        "График на обществените обсъждания в кметствата",
        "",
    ),
    (
        "Вестник „Бряг“",
        Kind.PRINT,
        date(2023, 4, 13),
        "Гражданите искат повече информация от общината: резултати от проучването",
        "",
    ),
    (
        "„Русе инфо“",
        Kind.ONLINE,
        date(2023, 5, 16),
        "Кръгла маса в Иваново обсъди препоръките на гражданите към общината",
        "",
    ),
    (
        "Сдружение „Център Динамика“",
        Kind.PRESS_RELEASE,
        date(2023, 6, 14),
        "Покана за заключителната конференция на 21 юни в Областна администрация Русе",
        "",
    ),
    (
        "Вестник „Утро“",
        Kind.PRINT,
        date(2023, 6, 22),
        "Инструментариум за гражданско участие представиха на конференция в Русе",
        "",
    ),
    (
        "„Дунавмост“",
        Kind.ONLINE,
        date(2023, 6, 22),
        "Конференцията „За бъдещо развитие на община Иваново“ обобщи резултатите от проекта",
        "",
    ),
]

# Posters before the consultation meetings: (settlement slug, day, how many).
POSTERS = [
    ("ivanovo", date(2023, 2, 28), 8),
    ("bozhichen", date(2023, 3, 1), 3),
    ("koshov", date(2023, 3, 1), 3),
    ("krasen", date(2023, 3, 1), 4),
    ("mechka", date(2023, 3, 2), 4),
    ("nisovo", date(2023, 3, 2), 3),
    ("pirgovo", date(2023, 3, 2), 5),
    ("svalenik", date(2023, 3, 3), 4),
    ("tabachka", date(2023, 3, 3), 3),
    ("trastenik", date(2023, 3, 3), 5),
    ("tserovets", date(2023, 3, 6), 3),
    ("cherven", date(2023, 3, 6), 3),
    ("shtraklevo", date(2023, 3, 6), 5),
]

# (kind, day, what was done, how many, settlement slug or None for the whole municipality)
ACTIONS = [
    (
        Action.LEAFLETS,
        date(2023, 1, 20),
        "Листовки с поканата за проучването, раздадени в кметствата и читалищата",
        650,
        None,
    ),
    (
        Action.LEAFLETS,
        date(2023, 3, 10),
        "Листовки за обществените обсъждания на пазара в Иваново",
        200,
        "ivanovo",
    ),
    (Action.POSTS, date(2023, 3, 31), "Публикации във Facebook за обсъжданията, март", 14, None),
    (
        Action.POSTERS,
        date(2023, 5, 3),
        "Плакати за кръглата маса в сградата на общината",
        6,
        "ivanovo",
    ),
    (
        Action.LEAFLETS,
        date(2023, 5, 15),
        "Брошура с резултатите от проучванията, раздадена на кръглата маса",
        60,
        "ivanovo",
    ),
    (
        Action.POSTS,
        date(2023, 6, 23),
        "Публикации във Facebook за кръглата маса и конференцията",
        11,
        None,
    ),
    (
        Action.BULLETINS,
        date(2023, 6, 26),
        "Бюлетини на селата, отпечатани за таблата на кметствата и читалищата",
        130,
        None,
    ),
]


def seed(accounts):
    """Log the demo's media appearances and campaign actions, once."""
    staff = accounts.staff
    for outlet, kind, day, title, note in MEDIA:
        if not MediaAppearance.objects.filter(outlet=outlet, title=title).exists():
            reach.add_media_appearance(
                user=staff, outlet=outlet, kind=kind, appeared_on=day, title=title, note=note
            )
    places = {place.slug: place for place in Settlement.objects.all()}
    actions = [
        (
            Action.POSTERS,
            day,
            f"Плакати за общественото обсъждане в с. {places[slug].name}",
            count,
            slug,
        )
        for slug, day, count in POSTERS
    ] + ACTIONS
    for kind, day, description, count, slug in actions:
        settlement = places[slug] if slug else None
        if not CampaignAction.objects.filter(
            kind=kind, description=description, done_on=day, settlement=settlement
        ).exists():
            reach.add_campaign_action(
                user=staff,
                kind=kind,
                description=description,
                done_on=day,
                count=count,
                settlement=settlement,
            )
