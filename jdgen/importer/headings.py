"""Section headings, in English, Spanish and Catalan, and the role key each leads to.

A heading is compared folded (lowercase, accents and punctuation off), whole first,
then by its first words: "Requirements", "Requisitos:", "REQUISITS" and "Qué
buscamos en ti" all lead to the must-have requirements. Add a variant here when a
common one is missing; the tests import postings with each language's headings.
"""

from __future__ import annotations

import re
import unicodedata

SECTIONS: dict[str, tuple[str, ...]] = {
    "summary": (
        "about the role",
        "about the job",
        "about this role",
        "about the position",
        "the role",
        "the job",
        "overview",
        "role overview",
        "job description",
        "description",
        "summary",
        "the opportunity",
        "your mission",
        "sobre el puesto",
        "acerca del puesto",
        "el puesto",
        "descripcion",
        "descripcion del puesto",
        "tu mision",
        "la oportunidad",
        "sobre el lloc de treball",
        "sobre el lloc",
        "el lloc de treball",
        "descripcio",
        "descripcio del lloc",
        "la teva missio",
        "l oportunitat",
    ),
    "duties": (
        "what you will do",
        "what you ll do",
        "what you will be doing",
        "responsibilities",
        "key responsibilities",
        "your responsibilities",
        "duties",
        "main duties",
        "your role",
        "day to day",
        "in this role you will",
        "funciones",
        "tus funciones",
        "responsabilidades",
        "principales funciones",
        "que haras",
        "tu dia a dia",
        "tareas",
        "funcions",
        "les teves funcions",
        "responsabilitats",
        "que faras",
        "el teu dia a dia",
        "tasques",
    ),
    "must": (
        "what we are looking for",
        "what we re looking for",
        "requirements",
        "qualifications",
        "minimum qualifications",
        "basic qualifications",
        "required qualifications",
        "must have",
        "must haves",
        "required",
        "who you are",
        "about you",
        "what you bring",
        "what you need",
        "you have",
        "requisitos",
        "requisitos minimos",
        "que buscamos",
        "imprescindible",
        "requisitos imprescindibles",
        "perfil",
        "tu perfil",
        "que necesitas",
        "requisits",
        "requisits minims",
        "que busquem",
        "perfil que busquem",
        "el teu perfil",
    ),
    "nice": (
        "nice to have",
        "nice to haves",
        "preferred qualifications",
        "preferred",
        "bonus points",
        "desirable",
        "it would be great if",
        "pluses",
        "se valorara",
        "valorable",
        "deseable",
        "se valora",
        "requisitos deseables",
        "es valorara",
        "valorable",
        "es valora",
        "desitjable",
        "requisits desitjables",
    ),
    "skills": ("skills", "key skills", "habilidades", "competencias", "habilitats", "competencies"),
    "education": (
        "education",
        "education and certifications",
        "education and training",
        "certifications",
        "formacion",
        "formacion y certificaciones",
        "estudios",
        "certificaciones",
        "formacio",
        "formacio i certificacions",
        "estudis",
        "certificacions",
    ),
    "pay": (
        "pay and benefits",
        "compensation",
        "compensation and benefits",
        "salary",
        "pay",
        "salary and benefits",
        "salario",
        "salario y beneficios",
        "retribucion",
        "sueldo",
        "salario y ventajas",
        "sou",
        "sou i beneficis",
        "retribucio",
        "salari",
    ),
    "benefits": (
        "benefits",
        "perks",
        "perks and benefits",
        "what we offer",
        "we offer",
        "our offer",
        "ofrecemos",
        "que ofrecemos",
        "te ofrecemos",
        "beneficios",
        "ventajas",
        "oferim",
        "que oferim",
        "t oferim",
        "beneficis",
        "avantatges",
    ),
    "travel": ("travel", "viajes", "desplazamientos", "viatges", "desplacaments"),
    "location": ("location", "where", "ubicacion", "lugar de trabajo", "ubicacio", "lloc de feina"),
    "apply": (
        "how to apply",
        "apply",
        "to apply",
        "application process",
        "como presentar tu candidatura",
        "como aplicar",
        "como inscribirte",
        "como inscribirse",
        "como presentarse",
        "como presentar la candidatura",
        "como enviar tu candidatura",
        "inscripcion",
        "candidatura",
        "com presentar la candidatura",
        "com aplicar",
        "com inscriure t",
        "com inscriure s",
        "com presentar s hi",
        "com presentar hi la candidatura",
        "com presentar la teva candidatura",
        "com enviar la candidatura",
        "inscripcio",
    ),
    "company": (
        "about us",
        "who we are",
        "our company",
        "the company",
        "sobre nosotros",
        "quienes somos",
        "la empresa",
        "sobre nosaltres",
        "qui som",
        "l empresa",
    ),
}

# Heading starts that introduce text about the company ("About Tramuntana Software").
COMPANY_STARTS = ("about ", "sobre ", "acerca de ", "who is ", "qui es ", "quien es ")

_BY_NAME = {name: key for key, names in SECTIONS.items() for name in names}
_WORDS = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """Lowercase words without accents or punctuation: ``"¿Qué harás?"`` -> ``que haras``."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_WORDS.findall(plain))


def section_of(heading: str) -> str | None:
    """The section a heading starts (a key of :data:`SECTIONS`), or ``None``."""
    name = fold(heading)
    if not name or len(name) > 60:
        return None
    if name in _BY_NAME:
        return _BY_NAME[name]
    words = name.split()
    for n in range(len(words) - 1, 0, -1):  # "Requirements for the role", "Funciones del puesto"
        key = _BY_NAME.get(" ".join(words[:n]))
        if key is not None and len(" ".join(words[:n])) > 4:
            return key
    if name.startswith(COMPANY_STARTS) and len(words) <= 6:
        return "company"
    return None
