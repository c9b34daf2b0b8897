"""Catalan and Greek translations of the demo's pages and of its framework's names.

They are made with wagtail-localize's own records (see `home.translations`), so they appear
in the translation editor like a translator's work. Texts keyed by English source text are
matched against the source segments; a segment with no entry keeps the English text.
"""

import logging
from dataclasses import dataclass

from django.utils import translation as django_translation
from wagtail.models import Locale

from indicators.models import Dimension, Indicator, PolicyArea
from regions.models import RegionIndexPage, RegionProfilePage
from regions.profiles import build_profile

from .demo_framework_texts import FRAMEWORK_TEXTS
from .models import HomePage
from .translations import translate_object, translate_page

logger = logging.getLogger(__name__)

# Profiles translated in the demo: NUTS code to the region's name in the target language.
PROFILE_NAMES = {
    "ca": {"ES51": "Catalunya", "ES61": "Andalusia"},
    "el": {"EL41": "Βόρειο Αιγαίο", "EL63": "Δυτική Ελλάδα"},
}

# Summary of a profile, with the translated region name and the edition's title.
SUMMARY = {
    "ca": "Com puntua {region} a {edition}.",
    "el": "Πώς βαθμολογείται η περιφέρεια {region} στην έκδοση {edition}.",
}

# Texts of the demo framework and pages, shared by every translated page of a language.
TEXTS = {
    "ca": {
        "Score summary": "Resum de puntuacions",
        "Regional employment services, training and recognition of skills.": (
            "Serveis regionals d'ocupació, formació i reconeixement de competències."
        ),
        "Regional support to families who join a resident.": (
            "Suport regional a les famílies que es reuneixen amb un resident."
        ),
        "Access, targeted support and intercultural education in regional schools.": (
            "Accés, suport específic i educació intercultural a les escoles de la regió."
        ),
        "Voting rights, consultative bodies and support for migrant organisations.": (
            "Dret de vot, òrgans consultius i suport a les organitzacions de persones migrants."
        ),
        "Regional help towards long-term residence.": (
            "Ajuda regional per obtenir la residència de llarga durada."
        ),
        "Regional support for naturalisation.": "Suport regional a la naturalització.",
        "Regional anti-discrimination law, equality body and policies.": (
            "Legislació regional contra la discriminació, organisme d'igualtat i polítiques."
        ),
        "Entitlement, access and responsiveness of regional health services.": (
            "Dret, accés i capacitat de resposta dels serveis regionals de salut."
        ),
        "MIPEX-REG": "MIPEX-REG",
        "MIPEX-REG measures the integration policies of European regions with the method of "
        "the Migrant Integration Policy Index (MIPEX). Regional experts answer a questionnaire, "
        "peer reviewers check the answers, and every final answer is scored from 0 to 100.": (
            "MIPEX-REG mesura les polítiques d'integració de les regions europees amb el mètode "
            "de l'Índex de Polítiques d'Integració de Migrants (MIPEX). Experts regionals "
            "responen un qüestionari, revisors externs en comproven les respostes i cada "
            "resposta final es puntua de 0 a 100."
        ),
        "The regions, scores and answers on this demo site are invented for the demo.": (
            "Les regions, les puntuacions i les respostes d'aquest lloc de demostració són "
            "inventades."
        ),
        "Every published region profile of the edition. Scores run from 0 to 100; a higher "
        "score means policies that do more for the integration of migrants.": (
            "Tots els perfils regionals publicats de l'edició. Les puntuacions van de 0 a 100: "
            "com més alta és la puntuació, més afavoreixen les polítiques la integració de les "
            "persones migrants."
        ),
        "Regions in {edition}": "Regions a {edition}",
    },
    "el": {
        "Score summary": "Σύνοψη βαθμολογιών",
        "Regional employment services, training and recognition of skills.": (
            "Περιφερειακές υπηρεσίες απασχόλησης, κατάρτιση και αναγνώριση δεξιοτήτων."
        ),
        "Regional support to families who join a resident.": (
            "Περιφερειακή στήριξη στις οικογένειες που επανενώνονται με κάτοικο της περιφέρειας."
        ),
        "Access, targeted support and intercultural education in regional schools.": (
            "Πρόσβαση, στοχευμένη στήριξη και διαπολιτισμική εκπαίδευση στα σχολεία της "
            "περιφέρειας."
        ),
        "Voting rights, consultative bodies and support for migrant organisations.": (
            "Δικαίωμα ψήφου, συμβουλευτικά όργανα και στήριξη των οργανώσεων μεταναστών."
        ),
        "Regional help towards long-term residence.": (
            "Περιφερειακή βοήθεια για την απόκτηση άδειας διαμονής επί μακρόν."
        ),
        "Regional support for naturalisation.": "Περιφερειακή στήριξη για την πολιτογράφηση.",
        "Regional anti-discrimination law, equality body and policies.": (
            "Περιφερειακή νομοθεσία κατά των διακρίσεων, φορέας ισότητας και πολιτικές."
        ),
        "Entitlement, access and responsiveness of regional health services.": (
            "Δικαιώματα, πρόσβαση και ανταπόκριση των περιφερειακών υπηρεσιών υγείας."
        ),
        "MIPEX-REG": "MIPEX-REG",
        "MIPEX-REG measures the integration policies of European regions with the method of "
        "the Migrant Integration Policy Index (MIPEX). Regional experts answer a questionnaire, "
        "peer reviewers check the answers, and every final answer is scored from 0 to 100.": (
            "Το MIPEX-REG μετρά τις πολιτικές ένταξης των ευρωπαϊκών περιφερειών με τη μέθοδο "
            "του Δείκτη Πολιτικών Ένταξης Μεταναστών (MIPEX). Περιφερειακοί εμπειρογνώμονες "
            "απαντούν σε ερωτηματολόγιο, αξιολογητές ελέγχουν τις απαντήσεις και κάθε τελική "
            "απάντηση βαθμολογείται από 0 έως 100."
        ),
        "The regions, scores and answers on this demo site are invented for the demo.": (
            "Οι περιφέρειες, οι βαθμολογίες και οι απαντήσεις αυτού του ιστότοπου επίδειξης "
            "είναι επινοημένες."
        ),
        "Every published region profile of the edition. Scores run from 0 to 100; a higher "
        "score means policies that do more for the integration of migrants.": (
            "Όλα τα δημοσιευμένα προφίλ περιφερειών της έκδοσης. Οι βαθμολογίες κυμαίνονται "
            "από 0 έως 100· υψηλότερη βαθμολογία σημαίνει πολιτικές που στηρίζουν περισσότερο "
            "την ένταξη των μεταναστών."
        ),
        "Regions in {edition}": "Περιφέρειες στην έκδοση {edition}",
    },
}


@dataclass(frozen=True)
class DemoTranslations:
    pages_translated: int
    # Policy areas, dimensions and indicators.
    snippets_translated: int = 0


def _english_summary(profile: RegionProfilePage) -> str:
    """Return the text of the summary that a new profile of this region starts with."""
    index_page = profile.get_parent().specific
    with django_translation.override("en"):
        summary = build_profile(index_page, profile.region).summary
    return summary.removeprefix("<p>").removesuffix("</p>")


def _translate_framework(framework_id: int, locale: Locale, texts: dict[str, str]) -> int:
    """Translate the names of the framework's areas, dimensions and indicators."""
    translated = 0
    for model in (PolicyArea, Dimension, Indicator):
        for item in model.objects.source().filter(framework_id=framework_id):
            translate_object(item, locale, texts)
            translated += 1
    return translated


def load_demo_translations(index_page: RegionIndexPage) -> DemoTranslations:
    """Translate and publish the demo's Catalan and Greek pages; safe to run again."""
    home = HomePage.objects.ancestor_of(index_page).get()
    edition = index_page.edition
    translated = snippets = 0

    for language_code, names in PROFILE_NAMES.items():
        locale = Locale.objects.get(language_code=language_code)
        texts = dict(TEXTS[language_code])
        texts[f"Regions in {edition.title}"] = texts.pop("Regions in {edition}").format(
            edition=edition.title
        )

        snippets += _translate_framework(
            edition.framework_id, locale, {**texts, **FRAMEWORK_TEXTS[language_code]}
        )
        translate_page(home, locale, texts)
        translate_page(index_page, locale, texts)
        translated += 2

        profiles = RegionProfilePage.objects.child_of(index_page).filter(
            region__code__in=names, locale=index_page.locale
        )
        for profile in profiles.select_related("region"):
            name = names[profile.region.code]
            profile_texts = {
                **texts,
                profile.title: name,
                _english_summary(profile): SUMMARY[language_code].format(
                    region=name, edition=edition.title
                ),
            }
            translate_page(profile, locale, profile_texts)
            translated += 1

    logger.info("Loaded the demo translations", extra={"pages": translated, "snippets": snippets})
    return DemoTranslations(translated, snippets)
