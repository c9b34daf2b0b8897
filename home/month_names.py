"""Month names for the "E" date format character, which Django 5.2's Catalan formats use.

Catalan long dates are `j E \\d\\e Y`, and "E" prints the "alt. month" translation of a
month's name. Catalan needs the preposition there ("5 de març de 2026", "5 d’abril de
2026"), but Django's own Catalan catalog gives bare names ("5 març de 2026"). Catalogs in
`LOCALE_PATHS` take precedence over Django's, so the project's Catalan entries for these
strings replace Django's. The other languages leave them untranslated and keep Django's.

The list exists so that makemessages extracts the strings.
"""

from django.utils.translation import pgettext_lazy

ALT_MONTH_NAMES = [
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
]
