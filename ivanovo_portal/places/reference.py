"""The reference data the data migrations load: Ivanovo municipality and its stakeholder groups."""

# (Bulgarian name, English name, slug, kind of mayor); the administrative centre comes first.
SETTLEMENTS = [
    ("Иваново", "Ivanovo", "ivanovo", "municipal_mayor"),
    ("Божичен", "Bozhichen", "bozhichen", "deputy_mayor"),
    ("Кошов", "Koshov", "koshov", "deputy_mayor"),
    ("Красен", "Krasen", "krasen", "mayor"),
    ("Мечка", "Mechka", "mechka", "mayor"),
    ("Нисово", "Nisovo", "nisovo", "deputy_mayor"),
    ("Пиргово", "Pirgovo", "pirgovo", "mayor"),
    ("Сваленик", "Svalenik", "svalenik", "mayor"),
    ("Табачка", "Tabachka", "tabachka", "deputy_mayor"),
    ("Тръстеник", "Trastenik", "trastenik", "mayor"),
    ("Церовец", "Tserovets", "tserovets", "deputy_mayor"),
    ("Червен", "Cherven", "cherven", "deputy_mayor"),
    ("Щръклево", "Shtraklevo", "shtraklevo", "mayor"),
]

STAKEHOLDER_GROUPS = [
    ("Граждани", "Citizens", "citizens"),
    ("Неправителствени организации", "Non-governmental organisations", "ngos"),
    ("Бизнес", "Businesses", "businesses"),
    ("Медии", "Media", "media"),
    ("Служители на общинската администрация", "Municipal staff", "municipal-staff"),
    ("Кметове и кметски наместници", "Mayors and deputy mayors", "mayors"),
]
