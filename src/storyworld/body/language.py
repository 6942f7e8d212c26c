"""Language identification with py3langid (its model ships in the wheel; nothing downloads)."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when too short to tell."""
    sample = text[:5000]
    if len(sample.split()) < 5:
        return None
    language, probability = _identifier().classify(sample)
    return language if probability >= 0.5 else None
