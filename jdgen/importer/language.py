"""Which of jdgen's languages a posting is written in, from its commonest words."""

from __future__ import annotations

import re

from jdgen.importer.headings import fold

_WORDS = {
    "en": {"the", "and", "you", "with", "of", "to", "our", "we", "for", "your", "will", "in",
           "a", "an", "is", "are", "experience"},
    "es": {"el", "la", "los", "las", "y", "de", "con", "para", "tu", "tus", "nuestro", "que",
           "una", "del", "por", "experiencia", "equipo", "clientes", "como"},
    "ca": {"el", "la", "els", "les", "i", "de", "amb", "per", "teu", "teva", "nostre", "que",
           "una", "del", "als", "experiencia", "equip", "clients", "com"},
}  # fmt: skip


def language_of(text: str) -> str:
    """``en``, ``es`` or ``ca``: the language whose common words the text uses most."""
    words = re.findall(r"\w+", fold(text[:20000]))
    scores = {lang: sum(1 for w in words if w in common) for lang, common in _WORDS.items()}
    return max(scores, key=lambda lang: (scores[lang], lang == "en"))
