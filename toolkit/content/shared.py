"""What several of the toolkit's methods share: the sources they cite and the sign-in sheet
that the meeting methods offer as a template."""

COE_CODE = (
    "- [Съвет на Европа: Кодекс на добрите практики за гражданско участие в процеса на вземане "
    "на решения](https://www.coe.int/en/web/ingo/civil-participation)"
)
PARTICIPEDIA = "- [Participedia: методи и случаи на гражданско участие](https://participedia.net/)"
IAP2 = "- [IAP2: спектър на общественото участие](https://www.iap2.org/)"
CONSULTATION_STANDARDS = (
    "- [Стандарти за провеждане на обществени консултации, раздел III: органите на местната "
    "власт (Портал за обществени консултации)](https://www.strategy.bg/News/View.aspx?"
    "lang=bg-BG&categoryId=&Id=10611&y=&m=&d=)"
)
BCNL_GUIDE = (
    "- [БЦНП: „Обществените консултации – инструмент за модерни и отворени политики“]"
    "(https://bcnl.org/analyses/obshtestvenite-konsultatsii-instrument-za-moderni-i-otvoreni-"
    "politiki.html)"
)
DIRECT_PARTICIPATION_ACT = (
    "- [Закон за прякото участие на гражданите в държавната власт и местното самоуправление "
    "(текст в lex.bg)](https://lex.bg/laws/ldoc/2135636485)"
)
APK_PROPOSALS = (
    "- [АПК, чл. 111: форма на предложенията и сигналите]"
    "(https://zakonite.bg/administrativnoprocesualen-kodeks-a382t1499.html)\n"
    "- [АПК, чл. 118: срок за решение по предложение]"
    "(https://zakonite.bg/administrativnoprocesualen-kodeks-a382t1506.html)"
)
CITIZENS_ROLE = (
    "- [„Аз гласувам“: каква роля могат да имат гражданите в местното самоуправление]"
    "(https://azglasuvam.net/za-mestnata-vlast/kakva-rolja-mogat-da-imat-grazhdanite-v-"
    "mestnoto-samoupravlenie/)"
)
AIP = "- [Програма „Достъп до информация“](https://www.aip-bg.org/)"

SIGN_IN_SHEET = {
    "title": "Присъствен списък",
    "body": (
        "# Присъствен списък\n"
        "Среща: [тема на срещата]\n"
        "Място и дата: [населено място, сграда], [дата], от [час] ч.\n"
        "Списъкът служи само за отчета на общината: броят на присъстващите се публикува, имената "
        "не се публикуват. Подписът не е задължителен за участие.\n"
        "- № | Име и фамилия | Населено място | Представлявам (по желание) | Подпис\n"
        "- 1. | [ ] | [ ] | [ ] | [ ]\n"
        "- 2. | [ ] | [ ] | [ ] | [ ]\n"
        "- 3. | [ ] | [ ] | [ ] | [ ]\n"
        "Списъка води: [име, длъжност]"
    ),
}
