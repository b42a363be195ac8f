"""Name normalisation shared by the KB index and the linker, so that the press's spellings of
one name meet: case, diacritics, curly quotes, Arabic article particles, hyphens, titles."""

from __future__ import annotations

import re
import unicodedata

# Apostrophe-like marks are dropped: "Sha'abi", "Sha’abi" and "Shaabi" are one transliteration.
_APOSTROPHES = dict.fromkeys(map(ord, "'’‘ʼʻ`´"), None)
_DASHES = dict.fromkeys(map(ord, "-‐‑‒–—_/"), " ")
# Arabic definite-article particles as transliterated in English ("al-", "el-", "ad-"...).
ARTICLE_PARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ul"})
# Titles and honorifics that precede a name without being part of it.
TITLES = frozenset({
    "the", "sheikh", "shaikh", "sheik", "sayyed", "sayyid", "ayatollah", "mullah", "maulana",
    "mufti", "imam", "president", "prime", "minister", "general", "gen", "lt", "col", "colonel",
    "commander", "mr", "mrs", "ms", "his", "eminence", "emir", "king", "prince", "sen",
})
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_NON_WORD = re.compile(r"[^\w\s]")


def fold(text: str) -> str:
    """Lower case without diacritics, apostrophes or dashes, whitespace collapsed."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.translate(_APOSTROPHES).translate(_DASHES).lower()
    return " ".join(_NON_WORD.sub(" ", text).split())


def strip_possessive(text: str) -> str:
    return _POSSESSIVE.sub("", text.strip())


def name_key(text: str) -> str:
    """The lookup key of a name: folded, titles and article particles dropped.

    "Asaib Ahl al-Haq’s" -> "asaib ahl haq"; "Sheikh AKram Al-Kaabi" -> "akram kaabi".
    """
    words = fold(strip_possessive(text)).split()
    while words and words[0] in TITLES and len(words) > 1:
        words = words[1:]
    kept = [w for w in words if w not in ARTICLE_PARTICLES]
    return " ".join(kept or words)


def key_variants(text: str) -> list[str]:
    """``name_key`` plus the key with a run-together particle split off ("Nasral Shammari"
    -> "nasr shammari"), a common typo of "Nasr al-Shammari" in transliterated names."""
    key = name_key(text)
    variants = [key]
    words = key.split()
    for i, w in enumerate(words[:-1]):
        # only "al": "-el" endings are common in names of their own (Michael, Daniel)
        if w.endswith("al") and len(w) > 4:
            variants.append(" ".join(words[:i] + [w[:-2]] + words[i + 1:]))
    return variants


def is_acronym(text: str) -> bool:
    letters = text.replace(".", "").replace("-", "")
    return 2 <= len(letters) <= 7 and letters.isalnum() and letters.upper() == letters \
        and any(c.isalpha() for c in letters)
