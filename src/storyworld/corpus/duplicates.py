"""Near-duplicate documents (syndicated wire copy) with MinHash-LSH (datasketch).

A document is a copy of an earlier one when their word 5-shingles have an estimated Jaccard
similarity ≥ ``THRESHOLD`` (0.65), or when nearly all of its own shingles are the earlier one's
(estimated containment ≥ ``CONTAINMENT``: a copy trimmed, or given a new headline and a changed word
or two, whose Jaccard falls with every edit of a short text). A copy is stored and linked
(``duplicate_of``), not analysed again. The signatures are kept in the store (``minhashes``) so the
index is rebuilt when a store is opened.
"""

from __future__ import annotations

import re

import numpy as np

NUM_PERM = 128
SHINGLE = 5
THRESHOLD = 0.65  # a lightly edited copy of a short article measures 0.72 (gold-incidents dev): 0.7 missed it by the estimate's noise (±0.04 at 128 permutations)
# Containment of the new text in an earlier one, |A ∩ B| / |A|, estimated from the Jaccard estimate
# and each signature's cardinality estimate (datasketch's ``count``, about ±9 % at 128 permutations).
# Only the new text's side counts: a longer text that contains an earlier short one and adds more
# of its own (a roundup around a wire brief) is analysed. Distinct reports of one happening share at
# most 0.13 of their shingles (gold-incidents dev); a copy edited by another outlet keeps 0.8 or more
CONTAINMENT = 0.75
LSH_BANDS = (42, 3)  # bands, rows per band
SCHEME = "affine32"  # datasketch 2's default, named so stored signatures stay comparable
_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, *, size: int = SHINGLE) -> set[bytes]:
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i:i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def minhash_signature(text: str):
    from datasketch import MinHash

    m = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME)
    m.update_batch(list(shingles(text)))
    return m


def to_blob(minhash) -> bytes:
    return np.asarray(minhash.hashvalues, dtype=np.uint64).tobytes()


def from_blob(blob: bytes):
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME, hashvalues=np.frombuffer(blob, dtype=np.uint64))


class NearDuplicateIndex:
    """``find(text)`` → the id of the first stored document this text copies, else None."""

    def __init__(self, threshold: float = THRESHOLD):
        from datasketch import MinHashLSH

        self.threshold = threshold
        # recall first: a candidate the bands let through is confirmed on its estimates below, so a
        # false candidate costs one comparison, while a missed copy is analysed as a report of its
        # own. datasketch's choice for the threshold (16 bands of 8 rows) missed a copy at 0.73 one
        # time in four (gold-incidents dev). A trimmed copy's Jaccard can be 0.5 (half its original's
        # length, all of it the original's): 42 bands of 3 rows let through 99.6 % of pairs at 0.5,
        # 94 % at 0.4, 29 % at 0.2 and 4 % at 0.1 (unrelated articles share almost no 5-shingles)
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM, params=LSH_BANDS)
        self._signatures: dict[str, object] = {}
        self._order: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self._signatures)

    def add(self, document_id: str, minhash) -> None:
        if document_id in self._signatures:
            return
        self._lsh.insert(document_id, minhash)
        self._signatures[document_id] = minhash
        self._order[document_id] = len(self._order)

    def find(self, minhash, *, exclude: str | None = None) -> str | None:
        candidates = [c for c in self._lsh.query(minhash) if c != exclude]
        confirmed = [c for c in candidates if self._copies(minhash, self._signatures[c])]
        return min(confirmed, key=self._order.__getitem__) if confirmed else None

    def _copies(self, new, earlier) -> bool:
        similarity = earlier.jaccard(new)
        if similarity >= self.threshold:
            return True
        return similarity > 0 and contained(new, earlier, similarity) >= CONTAINMENT


def contained(new, earlier, similarity: float) -> float:
    """Estimated share of ``new``'s shingles that are ``earlier``'s, from their estimated Jaccard
    similarity: |A ∩ B| = J (|A| + |B|) / (1 + J)."""
    size_new, size_earlier = new.count(), earlier.count()
    return similarity * (size_new + size_earlier) / (1 + similarity) / size_new if size_new > 0 else 0.0
