"""Demo content for the register: recommendations at every stage; a letter filed and answered,
one filed by post whose registry number came later and was corrected, one not filed yet."""

from datetime import date

from ivanovo_portal.places.models import Settlement
from ivanovo_portal.project import Activity

from . import letters, services
from .models import Recommendation, TimelineEntry

ROUND_TABLE = "Кръгла маса в Иваново, 15.05.2023"

# (activity, source label, settlement slugs, title, text, rationale)
RECOMMENDATIONS = {
    "publish_drafts": (
        Activity.SURVEYS,
        "Анализ на мненията на гражданите и неправителствените организации",
        [],
        "Проектите на решения на Общинския съвет да се публикуват 14 дни преди заседанието",
        "Общинската администрация да публикува на интернет страницата на общината проектите на "
        "решения, докладните записки и приложенията към тях не по-късно от 14 дни преди "
        "заседанието на Общинския съвет, с възможност за писмени становища.",
        "62 % от анкетираните граждани посочват, че научават за решенията на Общинския съвет едва "
        "след приемането им. Ранното публикуване дава време за становища и намалява спорните "
        "решения.",
    ),
    "mobile_office": (
        Activity.SURVEYS,
        "Анализ на мненията на гражданите и неправителствените организации",
        ["krasen", "mechka", "pirgovo", "trastenik"],
        "Изнесени приемни на кмета на общината в по-големите села",
        "Кметът на общината или негов заместник да провежда веднъж месечно приемен ден по график "
        "в кметствата на Красен, Мечка, Пиргово и Тръстеник.",
        "Възрастните жители на селата трудно пътуват до Иваново; в анкетите 41 % от жителите над "
        "65 години посочват разстоянието като причина да не се обръщат към общината.",
    ),
    "business_contact": (
        Activity.SURVEYS,
        "Анализ на мненията на бизнеса",
        [],
        "Звено за контакт с бизнеса в общинската администрация",
        "Да се определи служител за контакт с местния бизнес, който да информира фирмите за "
        "обществени поръчки, програми и промени в местните такси.",
        "Повечето анкетирани фирми не познават възможностите за участие в обществени поръчки на "
        "общината и научават за промените в таксите със закъснение.",
    ),
    "broadcast_council": (
        Activity.CONSULTATIONS,
        "Обществено обсъждане в Щръклево, 12.04.2023",
        ["shtraklevo"],
        "Излъчване на заседанията на Общинския съвет на живо в интернет",
        "Заседанията на Общинския съвет да се излъчват на живо и записите да остават достъпни на "
        "интернет страницата на общината.",
        "Участниците в обсъждането посочиха, че не могат да присъстват на заседанията в работно "
        "време.",
    ),
    "monitoring_report": (
        Activity.MONITORING,
        "Доклад от гражданския мониторинг на общинската администрация",
        [],
        "Срокове за отговор на сигналите на гражданите",
        "Общинската администрация да въведе регистър на сигналите на гражданите със срок за "
        "отговор до 14 дни и публичен годишен отчет за отговорените сигнали.",
        "Мониторингът установи, че за 9 от 25 проследени сигнала няма данни за отговор.",
    ),
    "youth_council": (
        Activity.CAMPAIGN,
        ROUND_TABLE,
        [],
        "Младежки съвет към кмета на общината",
        "Да се създаде младежки съвет към кмета на общината с представители на училищата и "
        "читалищата, който да дава становища по въпроси, засягащи младите хора.",
        "На кръглата маса младите участници посочиха, че нямат канал, по който да бъдат чути.",
    ),
    "participatory_budget": (
        "",
        "",
        [],
        "Бюджет с участието на гражданите",
        "Всяка година част от капиталовите разходи на общината да се разпределя по предложения на "
        "жителите, обсъдени и гласувани в населените места.",
        "Опитът на други общини показва, че гражданският бюджет увеличава участието в "
        "обсъжданията на бюджета.",
    ),
    "bus_stops": (
        Activity.CONSULTATIONS,
        "Обществено обсъждане в Сваленик, 19.04.2023",
        ["svalenik", "koshov"],
        "Обновяване на спирките на междуселищния транспорт",
        "При планирането на ремонтите за следващата година да се предвиди обновяване на спирките "
        "в Сваленик и Кошов.",
        "Жителите посочиха спирките като най-неотложния проблем на обществените пространства.",
    ),
}


def _create(key, staff_user):
    activity, source_label, slugs, title, text, rationale = RECOMMENDATIONS[key]
    return services.create_recommendation(
        user=staff_user,
        title=title,
        text=text,
        rationale=rationale,
        activity=activity,
        source_label=source_label,
        settlements=Settlement.objects.filter(slug__in=slugs),
        date=date(2023, 5, 10),
    )


def seed(accounts):
    """Create the demo recommendations through the services, step by step as people take them,
    each dated after the one before; does nothing if any exist."""
    if Recommendation.objects.exists():
        return
    staff_user, official_user = accounts.staff, accounts.official
    made = {key: _create(key, staff_user) for key in RECOMMENDATIONS}
    for key in RECOMMENDATIONS:
        if key != "bus_stops":
            approved_on = date(2023, 7, 20) if key == "participatory_budget" else date(2023, 5, 25)
            services.approve(made[key], user=staff_user, date=approved_on)

    # A letter filed by hand at the registry, which gave its number on the spot.
    first = letters.prepare_letter(
        [
            made[key]
            for key in ("publish_drafts", "mobile_office", "business_contact", "broadcast_council")
        ],
        outgoing_number="15",
        outgoing_date=date(2023, 6, 2),
        user=staff_user,
    )
    letters.file_letter(
        first, filed_on=date(2023, 6, 5), registry_number="94-00-312", user=staff_user
    )

    services.record_response(
        made["publish_drafts"],
        text="Общинската администрация приема препоръката. От 1 септември 2023 г. проектите на "
        "решения ще се публикуват в раздел „Общински съвет“ на интернет страницата.",
        date=date(2023, 6, 28),
        reference="94-00-312-1",
        decision=Recommendation.Decision.ACCEPTED,
        user=official_user,
    )
    services.record_progress(
        made["publish_drafts"],
        progress=40,
        note="Създаден е раздел за проектите на решения; публикувани са материалите за "
        "септемврийското заседание.",
        date=date(2023, 9, 1),
        user=official_user,
    )
    services.record_progress(
        made["publish_drafts"],
        progress=70,
        note="Материалите се публикуват 14 дни преди всяко заседание; предстои формуляр за "
        "становища.",
        date=date(2023, 11, 15),
        user=staff_user,
    )

    services.record_response(
        made["mobile_office"],
        text="Препоръката се приема частично: приемни дни ще се провеждат веднъж на тримесечие.",
        date=date(2023, 6, 28),
        reference="94-00-312-1",
        decision=Recommendation.Decision.PARTLY_ACCEPTED,
        user=official_user,
    )
    services.record_progress(
        made["mobile_office"],
        progress=100,
        note="Проведени са приемни дни в Красен, Мечка, Пиргово и Тръстеник по утвърден график.",
        date=date(2023, 10, 20),
        user=official_user,
    )

    services.record_response(
        made["business_contact"],
        text="Предложението ще бъде обсъдено при следващата актуализация на устройствения "
        "правилник на администрацията.",
        date=date(2023, 6, 28),
        reference="94-00-312-1",
        user=official_user,
    )
    services.record_response(
        made["broadcast_council"],
        text="Общината не разполага със средства за техника за излъчване през 2023 г.",
        date=date(2023, 6, 28),
        reference="94-00-312-1",
        decision=Recommendation.Decision.REJECTED,
        user=official_user,
    )
    services.record_event(
        made["publish_drafts"],
        kind=TimelineEntry.Kind.COUNCIL_DECISION,
        date=date(2023, 7, 27),
        reference="512",
        text="Общинският съвет прие изменение в правилника си: проектите на решения се "
        "публикуват на интернет страницата на общината 14 дни преди заседанието.",
        user=staff_user,
    )

    # A letter sent by post: its registry number came later, typed wrong and then corrected;
    # the answer is overdue and the project has sent a reminder.
    second = letters.prepare_letter(
        [made["monitoring_report"], made["youth_council"]],
        outgoing_number="21",
        outgoing_date=date(2023, 7, 10),
        user=staff_user,
    )
    letters.file_letter(second, filed_on=date(2023, 7, 10), user=staff_user)
    letters.record_registry_entry(
        second, number="94-00-481", date=date(2023, 7, 12), user=official_user
    )
    letters.correct_filing(
        second,
        filed_on=date(2023, 7, 10),
        registry_number="94-00-418",
        registry_date=date(2023, 7, 12),
        reason="При въвеждането две цифри на входящия номер бяха разменени.",
        date=date(2023, 7, 14),
        user=staff_user,
    )
    services.record_event(
        made["monitoring_report"],
        kind=TimelineEntry.Kind.REMINDER,
        date=date(2023, 8, 16),
        reference="27",
        text="Изпратено е напомнително писмо: срокът за отговор изтече на 11.08.2023 г.",
        user=staff_user,
    )
    services.record_event(
        made["youth_council"],
        kind=TimelineEntry.Kind.MEETING,
        date=date(2023, 9, 7),
        text="Среща с кмета на общината и директорите на училищата за състава на младежкия съвет.",
        user=staff_user,
    )

    # A letter prepared and not filed yet.
    letters.prepare_letter(
        [made["participatory_budget"]],
        outgoing_number="24",
        outgoing_date=date(2023, 7, 24),
        user=staff_user,
    )
