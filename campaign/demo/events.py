"""Demo content for the campaign's events: the round table in Ivanovo and the conference in Ruse
(seeded as meetings, held and closed, by the kernel's meetings demo) get their event pages — aims,
a published summary, the programme in sessions, photos with their alternative text — and give
certificates of attendance, sent to everyone checked in who left an e-mail address.

The photos are drawings made here with Pillow (the demo has no real photographs to show): each
alternative text says what the drawing shows."""

import io
import random
from datetime import timedelta

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

from ivanovo_portal import uploads
from ivanovo_portal.meetings.models import Meeting
from ivanovo_portal.meetings.services.attendance import send_certificates

from ..models import Event
from ..services import events as services

ROUND_TABLE = "kragla-masa-ivanovo-2023"
CONFERENCE = "konferentsiya-ruse-2023"

EVENTS = {
    ROUND_TABLE: {
        "aims": (
            "Кръглата маса събира гражданите, неправителствените организации, бизнеса и "
            "Община Иваново, за да:\n\n"
            "- представим резултатите от проучванията сред гражданите, НПО и бизнеса;\n"
            "- представим констатациите от гражданския мониторинг на общинската "
            "администрация;\n"
            "- обсъдим препоръките към общината, преди да ги внесем в деловодството."
        ),
        "summary": (
            "На 15 май 2023 г. в заседателната зала на Община Иваново се събраха жители на "
            "общината, представители на читалищата и неправителствените организации, на "
            "местния бизнес, кметове на населени места и общински служители.\n\n"
            "Бяха представени резултатите от двете проучвания и от гражданския мониторинг. В "
            "дискусията участниците подкрепиха препоръките за **по-достъпна информация за "
            "решенията на общинския съвет** и за **редовни обществени обсъждания в селата**, "
            "и предложиха общината да отговаря писмено на внесените предложения.\n\n"
            "Препоръките бяха внесени в деловодството на Община Иваново след кръглата маса."
        ),
        "sessions": {
            "Откриване и приветствие": "Част 1: Резултатите от проучванията и мониторинга",
            "Какво мислят гражданите": "Част 1: Резултатите от проучванията и мониторинга",
            "Гражданският мониторинг": "Част 1: Резултатите от проучванията и мониторинга",
            "Дискусия": "Част 2: Препоръките към общината",
            "Закриване": "Част 2: Препоръките към общината",
        },
        "photos": [
            (
                "round_table",
                "Рисунка: участниците седят около овална маса в заседателната зала, на стената "
                "е прожектирана диаграма с резултатите от проучването.",
                "Представянето на резултатите от проучванията.",
            ),
            (
                "discussion",
                "Рисунка: участник говори прав до масата, останалите го слушат; на флипчарта "
                "са записани препоръките.",
                "Дискусията за препоръките към Община Иваново.",
            ),
        ],
    },
    CONFERENCE: {
        "aims": (
            "Заключителната конференция на проекта представя какво постигнахме заедно през "
            "годината:\n\n"
            "- резултатите от проучванията и от гражданския мониторинг;\n"
            "- общественото обсъждане в 13-те населени места на общината;\n"
            "- инструментариума за гражданско участие, който остава на общината и на "
            "гражданските организации;\n"
            "- как партньорството между общината и гражданите да продължи и след проекта."
        ),
        "summary": (
            "Конференцията се проведе на 21 юни 2023 г. в зала 1 на Областна администрация "
            "Русе. Участваха жители и кметове от населените места на Община Иваново, "
            "граждански организации, бизнес и медии от региона.\n\n"
            "Бяха представени резултатите от проекта и инструментариумът за гражданско "
            "участие. Кметът на общината очерта как общината ще продължи общественото "
            "обсъждане на важните решения и след края на проекта.\n\n"
            "Презентациите и докладите са в раздела „Публикации“."
        ),
        "sessions": {
            "Откриване": "Сесия 1: Резултатите от проекта",
            "Проектът „За бъдещо развитие на община Иваново“": "Сесия 1: Резултатите от проекта",
            "Общественото обсъждане": "Сесия 1: Резултатите от проекта",
            "Представяне на инструментариума": "Сесия 2: Инструментариумът и партньорството",
            "Партньорството между общината": "Сесия 2: Инструментариумът и партньорството",
            "Дискусия и закриване": "Сесия 2: Инструментариумът и партньорството",
        },
        "photos": [
            (
                "hall",
                "Рисунка: залата на Областна администрация Русе с редици участници, "
                "обърнати към сцената, където лектор говори до екран с презентация.",
                "Зала 1 на Областна администрация Русе по време на конференцията.",
            ),
            (
                "round_table",
                "Рисунка: участниците в дискусията седят около маса, на екрана е "
                "прожектирана диаграма.",
                "Дискусията в края на конференцията.",
            ),
        ],
    },
}


def seed(accounts):
    """Give the round table and the conference their event pages, publish their summaries and
    send their certificates; an event that exists already is left as it is."""
    for slug, spec in EVENTS.items():
        meeting = Meeting.objects.filter(slug=slug).first()
        if meeting is None or Event.objects.filter(meeting=meeting).exists():
            continue
        _event(meeting, spec, accounts.staff)


def _event(meeting, spec, staff):
    for title, session in spec["sessions"].items():
        meeting.programme.filter(title__startswith=title).update(session=session)
    event = services.create_event(user=staff, meeting=meeting, aims=spec["aims"])
    services.update_event(event, user=staff, aims=spec["aims"], summary=spec["summary"])
    rng = random.Random(meeting.slug)
    for position, (scene, alt, caption) in enumerate(spec["photos"]):
        services.add_photo(
            event,
            user=staff,
            file=_photo(scene, rng),
            alt=alt,
            caption=caption,
            position=position,
        )
    services.publish_summary(event, user=staff)
    # Published two days after the event, not when the demo was seeded.
    Event.objects.filter(pk=event.pk).update(
        summary_published_at=meeting.ends_at + timedelta(days=2)
    )
    Meeting.objects.filter(pk=meeting.pk).update(certificates=True)
    meeting.refresh_from_db()
    send_certificates(meeting)


# Drawings

WIDTH, HEIGHT = 1200, 800
WALL, FLOOR, TABLE = (236, 231, 222), (196, 180, 160), (140, 98, 60)
PEOPLE = [(44, 82, 130), (176, 64, 56), (70, 130, 90), (200, 150, 60), (110, 80, 140)]


def _photo(scene, rng):
    """A drawing of ``scene`` as an uploaded JPEG, checked and redrawn like any photo."""
    image = Image.new("RGB", (WIDTH, HEIGHT), WALL)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, HEIGHT * 0.55, WIDTH, HEIGHT), fill=FLOOR)
    {"round_table": _round_table, "discussion": _discussion, "hall": _hall}[scene](draw, rng)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return uploads.checked(
        ContentFile(out.getvalue(), name=f"{scene}.jpg"), types=uploads.IMAGE_TYPES
    )


def _screen(draw, box, rng):
    """A projection screen with a bar chart on it."""
    left, top, right, bottom = box
    draw.rectangle(box, fill=(250, 250, 250), outline=(90, 90, 90), width=4)
    bars = 5
    width = (right - left - 40) / bars
    for index in range(bars):
        height = rng.randint(30, int(bottom - top - 50))
        x = left + 20 + index * width
        draw.rectangle(
            (x + 8, bottom - 20 - height, x + width - 8, bottom - 20), fill=PEOPLE[index]
        )


def _person(draw, x, y, size, colour):
    """A seated person seen from the front: head and shoulders."""
    draw.ellipse((x - size, y, x + size, y + size * 2.2), fill=colour)
    draw.ellipse(
        (x - size * 0.55, y - size * 1.2, x + size * 0.55, y - size * 0.1), fill=(226, 190, 160)
    )


def _round_table(draw, rng):
    _screen(draw, (380, 60, 820, 320), rng)
    for index in range(7):
        _person(draw, 240 + index * 120, 420, 34, rng.choice(PEOPLE))
    draw.ellipse((150, 470, 1050, 700), fill=TABLE)
    for index in range(5):
        _person(draw, 330 + index * 135, 650, 38, rng.choice(PEOPLE))


def _discussion(draw, rng):
    draw.rectangle((900, 120, 1060, 420), fill=(250, 250, 250), outline=(90, 90, 90), width=4)
    for line in range(6):
        draw.line(
            (925, 160 + line * 40, 1035 - rng.randint(0, 40), 160 + line * 40),
            fill=(40, 60, 120),
            width=6,
        )
    draw.rectangle((80, 500, 820, 620), fill=TABLE)
    for index in range(6):
        _person(draw, 140 + index * 120, 400, 34, rng.choice(PEOPLE))
    # The one speaking stands.
    draw.rectangle((830, 360, 890, 640), fill=PEOPLE[1])
    draw.ellipse((828, 290, 892, 356), fill=(226, 190, 160))


def _hall(draw, rng):
    draw.rectangle((0, 300, WIDTH, 360), fill=(120, 86, 60))
    _screen(draw, (640, 40, 1080, 280), rng)
    draw.rectangle((420, 200, 490, 300), fill=(90, 60, 40))
    draw.ellipse((430, 130, 480, 180), fill=(226, 190, 160))
    draw.rectangle((425, 180, 485, 220), fill=PEOPLE[0])
    for row in range(3):
        for seat in range(9):
            _person(
                draw, 90 + seat * 128 + row * 20, 420 + row * 120, 30 + row * 4, rng.choice(PEOPLE)
            )
