"""Web addresses made from Bulgarian titles, never typed: transliterated by the Transliteration Act
(Закон за транслитерацията, ДВ бр. 19/2009), so that „Гражданите и общината“ lives at
``grazhdanite-i-obshtinata``, as a Bulgarian reader would spell it in Latin letters."""

import re

from django.utils.text import slugify

# The Act's table (Art. 3), letter by letter.
LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s",
    "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sht",
    "ъ": "a", "ь": "y", "ю": "yu", "я": "ya",
}  # fmt: skip
# The Act's one exception (Art. 4): "ия" that ends a word is "ia" (София: Sofia).
WORD_FINAL_IA = re.compile(r"(и)(я)\b", re.IGNORECASE)


def transliterate(text):
    """Bulgarian Cyrillic in Latin letters by the Transliteration Act; other characters stay.
    A capital becomes a capital followed by small letters (Щ: Sht), as addresses need no more."""
    text = WORD_FINAL_IA.sub(lambda m: _same_case(m[1], "i") + _same_case(m[2], "a"), text)
    return "".join(_same_case(letter, LATIN.get(letter.lower(), letter)) for letter in text)


def _same_case(letter, latin):
    return latin.capitalize() if letter.isupper() else latin


def unique_slug(text, others, *, reserved=frozenset(), fallback="page", max_length=70):
    """An address made from ``text`` that none of ``others`` (a queryset of objects with a
    ``slug``) has and that is not ``reserved``: “Анкета” gives “anketa”, then “anketa-2”."""
    base = slugify(transliterate(text))[:max_length].strip("-") or fallback
    taken = set(others.filter(slug__startswith=base).values_list("slug", flat=True)) | reserved
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug
