"""Demo newsletter: forty subscribers from the thirteen settlements and beyond, most confirmed,
some still to confirm and a few unsubscribed, and the June 2023 issue sent to the confirmed ones
— through the sending service, so in the embedded default the messages print on the console.

The subscribers are entered as a list is imported (they confirmed long ago), not through the
form: forty confirmation e-mails on the console would say nothing. Their addresses are at
example.org, which receives no mail (RFC 2606)."""

from datetime import timedelta

from django.utils import timezone

from ivanovo_portal.documents.selectors import publications
from ivanovo_portal.meetings.models import Meeting
from ivanovo_portal.places.models import Settlement

from ..models import Article, NewsletterIssue, Subscriber, SubscriberTopic
from ..newsletter import issues

# (address before @example.org, settlement slug or None for outside the municipality, topics)
PEOPLE = [
    ("maria.ivanova", "ivanovo", "surveys consultations campaign"),
    ("georgi.petrov", "ivanovo", "monitoring"),
    ("elena.dimitrova", "pirgovo", "consultations"),
    ("nikolay.kolev", "pirgovo", "surveys monitoring toolkit consultations campaign"),
    ("ivanka.stoyanova", "krasen", "consultations campaign"),
    ("petar.todorov", "krasen", "toolkit"),
    ("stefka.georgieva", "mechka", "consultations"),
    ("dimitar.nikolov", "mechka", "surveys"),
    ("radka.marinova", "svalenik", "campaign"),
    ("hristo.angelov", "svalenik", "consultations monitoring"),
    ("yordanka.vasileva", "trastenik", "consultations"),
    ("todor.iliev", "trastenik", "surveys campaign"),
    ("tsvetana.pavlova", "shtraklevo", "toolkit consultations"),
    ("kiril.hristov", "shtraklevo", "monitoring"),
    ("margarita.koleva", "bozhichen", "consultations"),
    ("vasil.yordanov", "koshov", "campaign"),
    ("neli.mihaylova", "nisovo", "consultations surveys"),
    ("stoyan.atanasov", "tabachka", "toolkit"),
    ("desislava.ruseva", "tserovets", "consultations campaign"),
    ("plamen.genchev", "cherven", "monitoring consultations"),
    ("anelia.borisova", "ivanovo", "toolkit campaign"),
    ("ivaylo.stanchev", "pirgovo", "surveys"),
    ("rumyana.dobreva", "krasen", "consultations"),
    ("lyubomir.kostov", "mechka", "campaign"),
    ("chitalishte.svetlina", "pirgovo", "surveys monitoring toolkit consultations campaign"),
    ("sdruzhenie.ivanovo", "ivanovo", "monitoring consultations"),
    ("kmetstvo.shtraklevo", "shtraklevo", "consultations"),
    ("agro.krasen", "krasen", "surveys"),
    ("mladezhi.rusenski.lom", "nisovo", "campaign toolkit"),
    ("teodora.ruse", None, "campaign"),
    ("ngo.ruse", None, "toolkit monitoring"),
    ("vestnik.ruse", None, "campaign consultations"),
    # Never confirmed (yet):
    ("boyan.petkov", "svalenik", "consultations"),
    ("galina.zheleva", "tabachka", "surveys"),
    ("krasimir.nenov", "cherven", "campaign"),
    ("silvia.mitova", None, "toolkit"),
    ("zlatka.ilieva", "bozhichen", "consultations"),
    # Unsubscribed:
    ("emil.stefanov", "koshov", "monitoring"),
    ("mila.kirova", "tserovets", "campaign"),
    ("ognyan.velikov", "ivanovo", "surveys"),
]
PENDING, UNSUBSCRIBED = range(32, 37), range(37, 40)

SUBJECT = "Бюлетин на проекта „За бъдещо развитие на община Иваново“ — юни 2023"
INTRO = (
    "Здравейте,\n\n"
    "проектът влиза в последния си месец. На **21 юни 2023 г.** в Русе, зала 1 на Областната "
    "администрация, представяме инструментариума за гражданско участие и препоръките към "
    "общината. Ето какво се случи през последните седмици и какво предстои.\n\n"
    "Благодарим на всички, които участваха в анкетите, наблюдението и обсъжданията в 13-те "
    "населени места!"
)
EVENTS = ("kragla-masa-ivanovo-2023", "konferentsiya-ruse-2023")


def _status(position):
    if position in PENDING:
        return Subscriber.Status.PENDING
    if position in UNSUBSCRIBED:
        return Subscriber.Status.UNSUBSCRIBED
    return Subscriber.Status.CONFIRMED


def _subscribers():
    settlements = {settlement.slug: settlement for settlement in Settlement.objects.all()}
    now = timezone.now()
    for position, (name, slug, topics) in enumerate(PEOPLE):
        status = _status(position)
        given = now - timedelta(days=60 - position)
        subscriber, created = Subscriber.objects.get_or_create(
            email=f"{name}@example.org",
            defaults={
                "settlement": settlements.get(slug),
                "status": status,
                "consented_at": given,
                "confirmation_sent_at": given,
                "confirmed_at": None if status == Subscriber.Status.PENDING else given,
                "unsubscribed_at": now if status == Subscriber.Status.UNSUBSCRIBED else None,
            },
        )
        if created:
            SubscriberTopic.objects.bulk_create(
                SubscriberTopic(subscriber=subscriber, activity=topic) for topic in topics.split()
            )


def seed(accounts):
    """The demo subscribers and the June issue, sent to the confirmed ones; once."""
    _subscribers()
    if NewsletterIssue.objects.filter(subject=SUBJECT).exists():
        return
    issue = issues.create_issue(
        user=accounts.staff,
        subject=SUBJECT,
        intro=INTRO,
        articles=list(Article.objects.published()[:4]),
        meetings=list(Meeting.objects.public().filter(slug__in=EVENTS)),
        publications=[publication.document.pk for publication in publications()[:3]],
        topics=[],
        settlements=[],
    )
    issues.send_issue(issue, user=accounts.staff)
