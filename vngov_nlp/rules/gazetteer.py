"""Administrative-unit gazetteers for the rule labeller: place-name keys by level.

The gazetteers (`../shared/gazetteers`, or `$VNGOV_GAZETTEERS`) are training-time
input only: they are never copied into the repository or the package, so `parse`
runs its rules without them and only the silver labeller (training/silver.py) reads them.
"""
from __future__ import annotations

import json
import os
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

_REPO_ROOT = Path(__file__).resolve().parents[2]
GAZETTEER_FILES = ("admin-units-2025-03.json", "admin-units-2025-07-merges.json")
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")

def _syl_key(s: str) -> str:
    """A syllable with its tone mark moved to the end: `hoà` and `hòa` share one key."""
    d = unicodedata.normalize("NFD", s.lower().replace("’", "'"))
    if d in ("đăk", "đa\u0306k", "đa\u0306\u0301k"):  # `Đăk Glei` and `Đắk Glei` are one place
        return "đăk"
    tones = "".join(c for c in d if c in _TONES)
    base = "".join(c for c in d if c not in _TONES)
    return unicodedata.normalize("NFC", base) + tones


_SYL_SPLIT = re.compile(r"[\s\-–—]+")


def name_key(name: str) -> str:
    """Comparison key of a place name: case, tone placement, hyphens and spacing ignored."""
    return " ".join(_syl_key(p) for p in _SYL_SPLIT.split(name.strip()) if p)


# ---------------------------------------------------------------------------
# gazetteers

_LEVEL_PREFIX = re.compile(
    r"^(?:Thành phố|Tỉnh|Quận|Huyện|Thị xã|Thị trấn|Phường|Xã|Đặc khu)\s+", re.I
)


def gazetteer_dir(explicit: str | os.PathLike | None = None) -> Path | None:
    """The gazetteer folder: the argument, else $VNGOV_GAZETTEERS, else ../shared/gazetteers; None if absent."""
    cands: list[Path] = []
    if explicit:
        cands.append(Path(explicit))
    if os.environ.get("VNGOV_GAZETTEERS"):
        cands.append(Path(os.environ["VNGOV_GAZETTEERS"]))
    cands += [Path.cwd().parent / "shared" / "gazetteers", _REPO_ROOT.parent / "shared" / "gazetteers"]
    for c in cands:
        if c.is_dir() and any((c / f).is_file() for f in GAZETTEER_FILES):
            return c
    return None


@dataclass(frozen=True, eq=False)
class Gazetteer:
    """Place-name keys (see `name_key`) read from the administrative-unit files, by level."""

    provinces: frozenset[str]  # province-level names (both files)
    districts: frozenset[str]  # district-level names (districts, provincial cities and towns)
    communes: frozenset[str]  # communes, wards and townships (before and after July 2025)
    cities: frozenset[str]  # provincial cities and towns of two syllables or more (bare mentions)
    max_syllables: int

    @cached_property
    def units(self) -> frozenset[str]:
        return self.provinces | self.districts | self.communes

    @cached_property
    def bare(self) -> frozenset[str]:
        """Names taken without a level word: provinces and provincial cities."""
        return self.provinces | self.cities

    @cached_property
    def provinces_districts(self) -> frozenset[str]:
        return self.provinces | self.districts

    def for_level(self, level: str) -> frozenset[str]:
        """The names a level word can introduce: `tỉnh` a province, `huyện` a district, ..."""
        lv = level.lower().rstrip(".")
        if lv == "tỉnh":
            return self.provinces
        if lv in ("thành phố", "tp", "t.p"):
            return self.provinces_districts
        if lv in ("huyện", "quận", "thị xã"):
            return self.districts
        return self.communes

    @classmethod
    def load(cls, folder: str | os.PathLike | None = None) -> "Gazetteer | None":
        d = gazetteer_dir(folder)
        if d is None:
            return None
        provinces: set[str] = set()
        districts: set[str] = set()
        communes: set[str] = set()
        cities: set[str] = set()

        def key(raw: str | None) -> str:
            name = _LEVEL_PREFIX.sub("", (raw or "").strip())
            return name_key(name) if name else ""

        for fname in GAZETTEER_FILES:
            p = d / fname
            if not p.is_file():
                continue
            data = json.loads(p.read_text(encoding="utf-8"))
            merged = "merges" in fname
            for l1 in data.get("data", []):
                provinces.add(key(l1.get("name")))
                for m in l1.get("merges", []) or []:
                    provinces.add(key(m.get("name")))
                for l2 in l1.get("level2s", []) or []:
                    k2 = key(l2.get("name"))
                    if merged:  # after July 2025 the second level is communes and wards
                        communes.add(k2)
                        for m in l2.get("merges", []) or []:
                            communes.add(key(m.get("name")))
                        continue
                    districts.add(k2)
                    if l2.get("type") in ("Thành phố", "Thị xã") and len(k2.split()) >= 2:
                        cities.add(k2)
                    for l3 in l2.get("level3s", []) or []:
                        communes.add(key(l3.get("name")))
        # well-known names the lists write differently
        for extra in ("Thừa Thiên Huế", "Huế", "Hồ Chí Minh", "Bà Rịa Vũng Tàu"):
            provinces.add(name_key(extra))
        for sset in (provinces, districts, communes, cities):
            sset.discard("")
        if not provinces:
            return None
        allk = provinces | districts | communes
        mx = max(len(k.split()) for k in allk)
        return cls(frozenset(provinces), frozenset(districts), frozenset(communes), frozenset(cities), min(mx, 6))


_GAZ_CACHE: dict[str, Gazetteer | None] = {}


def load_gazetteer(folder: str | os.PathLike | None = None) -> Gazetteer | None:
    d = gazetteer_dir(folder)
    key = str(d)
    if key not in _GAZ_CACHE:
        _GAZ_CACHE[key] = Gazetteer.load(d) if d else None
    return _GAZ_CACHE[key]


# ---------------------------------------------------------------------------
