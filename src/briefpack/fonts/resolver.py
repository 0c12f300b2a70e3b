"""Choosing, for every piece of mixed-script text, a font that can actually draw it.

A layout names, per role (body, heading, ...), a chain of families for each script. `FontSet` resolves
those names to static TrueType files once, then answers the renderers' questions: which face draws
which part of a line, which characters nothing can draw, and which fonts to register.
"""

from __future__ import annotations

import functools
import threading
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from briefpack.fonts.discovery import (
    FontFile,
    FontIndex,
    codepoints,
    normalize_family,
    postscript_name,
)
from briefpack.fonts.errors import FontError
from briefpack.fonts.instancing import file_digest, font_cache_dir, static_font
from briefpack.fonts.scripts import Script, is_mark, script_of, split_by_script

DEFAULT_CHAIN = "default"
REGULAR, BOLD = 400, 700

HAN_TRADITIONAL = "han-traditional"

# Keys a role may use: "default", every script that starts runs of its own, and the Han variant for
# Traditional Chinese (Han characters are one script, but Simplified, Traditional, Japanese and Korean
# text each want their own face: the same code point is drawn differently in each).
CHAIN_KEYS: tuple[str, ...] = (
    DEFAULT_CHAIN,
    *(s.value for s in Script if s not in (Script.COMMON, Script.INHERITED)),
    HAN_TRADITIONAL,
)

_TRADITIONAL_REGIONS = frozenset({"tw", "hk", "mo"})


def chain_keys(script: Script, lang: str | None) -> tuple[str, ...]:
    """The chains to look in for text of `script` tagged `lang` (a BCP 47 tag), most specific first.

    Han text follows its language: Traditional Chinese (`zh-Hant`, `zh-TW`, `zh-HK`, `zh-MO`) takes the
    `han-traditional` chain, Japanese the `kana` chain and Korean the `hangul` chain, as their fonts
    draw Han in those forms; untagged Han text takes `han` (Simplified Chinese).
    """
    if script is Script.HAN and lang:
        parts = [p.lower() for p in lang.replace("_", "-").split("-")]
        if parts[0] == "ja":
            return (Script.KANA.value, Script.HAN.value)
        if parts[0] == "ko":
            return (Script.HANGUL.value, Script.HAN.value)
        if parts[0] == "zh" and ("hant" in parts[1:] or _TRADITIONAL_REGIONS & set(parts[1:])):
            return (HAN_TRADITIONAL, Script.HAN.value)
    return (script.value,)


# Families, common on Linux systems, that have glyphs for a script but draw it badly (incomplete
# coverage, misplaced marks): a fallback must never pick them for it, and a chain may not name them.
_UNFIT: dict[Script, tuple[str, ...]] = {
    Script.LAO: ("dejavu sans", "kurinto"),
    Script.THAI: ("kurinto",),
}

_SAMPLE_CLUSTERS = 40

#: Python packages on the package index that bring Noto fonts for a script (checked to install and draw).
_PACKAGES = {
    Script.THAI: "justmytype-intl-sea",
    Script.LAO: "justmytype-intl-sea",
    Script.KHMER: "justmytype-intl-sea",
    Script.MYANMAR: "justmytype-intl-sea",
    Script.HAN: "justmytype-intl-cjk",
    Script.KANA: "justmytype-intl-cjk",
    Script.HANGUL: "justmytype-intl-cjk",
    Script.LATIN: "rendercv-fonts",
}


def font_advice(ch: str) -> str:
    """What to install for a character no installed font has."""
    script = script_of(ch)
    package = _PACKAGES.get(script)
    if package:
        return f"install the fonts for {script.name.title()} text: `pip install {package}`"
    return (
        "install a font that has these characters (a Noto font for the script, as a Python font package, "
        "a system font, or a .ttf in the project's fonts/ folder)"
    )


_Roles = tuple[tuple[str, tuple[tuple[str, tuple[str, ...]], ...]], ...]


@dataclass(frozen=True)
class FontFace:
    """One static TrueType file at one weight, as renderers register and draw with it."""

    family: str
    weight: int
    italic: bool
    path: Path
    face_name: str  # the file's PostScript name: unique per file in this process, see `_claim`

    def covers(self, ch: str) -> bool:
        """Whether the font maps every code point of `ch`: one character, or a whole cluster."""
        cmap = codepoints(self.path)
        return all(ord(c) in cmap for c in ch)


@dataclass(frozen=True)
class ScriptUse:
    """One line of `briefpack fonts`: in `role`, text of `script` is drawn with `face`."""

    role: str
    script: Script
    face: FontFace | None  # None: no font of the role has these characters
    sample: str


class _Choice:
    """One family at one weight, as a layout's chain chose it: what it covers is known from the file
    found, and its static face is made (a variable font instanced, seconds for a CJK one) only when
    text first needs it, so a layout naming a dozen families costs only the ones a document draws."""

    def __init__(self, file: FontFile, weight: int) -> None:
        self.file = file
        self.weight = weight
        self.family = file.family
        self._face: FontFace | None = None
        self._lock = threading.Lock()

    def covers(self, text: str) -> bool:
        cmap = codepoints(self.file.path, self.file.subfont)
        return all(ord(c) in cmap for c in text)

    def made(self) -> FontFace:
        with self._lock:
            if self._face is None:
                self._face = _make_face(self.file, self.weight)
            return self._face

    @property
    def is_made(self) -> bool:
        return self._face is not None

    def identity(self) -> tuple[str, int, str, int]:
        """What decides this face's bytes, without making it: for cache keys."""
        return (self.family, self.weight, str(self.file.path), self.file.subfont)


@dataclass(frozen=True)
class _Family:
    regular: _Choice
    bold: _Choice

    def face(self, bold: bool) -> _Choice:
        return self.bold if bold else self.regular


def _ignorable(ch: str) -> bool:
    """Whitespace and controls are laid out, not drawn, so they never decide or lack a font."""
    return ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf")


def _unfit(family: str, script: Script) -> bool:
    name = normalize_family(family)
    return any(name.startswith(prefix) for prefix in _UNFIT.get(script, ()))


def _clusters(text: str) -> list[str]:
    """Base characters with their combining marks, the smallest units that may change font."""
    clusters: list[str] = []
    for ch in text:
        if clusters and is_mark(ch):
            clusters[-1] += ch
        else:
            clusters.append(ch)
    return clusters


def _label(run_script: Script, chunk: str) -> Script:
    """The script a piece of a run is reported under: the run's, unless the piece has none of it."""
    scripts = [script_of(ch) for ch in chunk]
    if run_script in scripts:
        return run_script
    return next((s for s in scripts if s not in (Script.COMMON, Script.INHERITED)), Script.COMMON)


_claims: dict[str, str] = {}  # PostScript name -> sha256 of the file holding it in this process
_claims_lock = threading.Lock()


def _claim(ps_name: str, path: Path) -> bool:
    """Reserve `ps_name` for the file at `path`; False if a different file already holds it.

    reportlab keeps one face per PostScript name per process and silently reuses it, so a second file
    with the same name (a brand build of a packaged family, say) would be drawn with the first.
    """
    digest = file_digest(path)
    with _claims_lock:
        return _claims.setdefault(ps_name, digest) == digest


def _choose(files: Sequence[FontFile], target: int) -> tuple[FontFile, int]:
    """The file and weight for `target`, preferring upright files since runs() draws no italic.

    An exact static weight beats a variable font instanced there, which beats the nearest weight.
    """
    upright = [f for f in files if not f.italic] or list(files)
    options = []
    for file in upright:
        weight = file.weight
        if file.wght_range is not None:
            low, high = file.wght_range
            weight = round(min(max(target, low), high))
        options.append(((abs(weight - target), file.is_variable), file, weight))
    _, file, weight = min(options, key=lambda option: option[0])
    return file, weight


def _make_face(file: FontFile, weight: int) -> FontFace:
    instance_weight = weight if file.is_variable else None
    path = static_font(file.path, subfont=file.subfont, weight=instance_weight)
    ps_name = postscript_name(path) or file.ps_name
    if not _claim(ps_name, path):
        ps_name = f"{ps_name}-{file_digest(path)[:8]}"
        path = static_font(file.path, subfont=file.subfont, weight=instance_weight, ps_name=ps_name)
        _claim(ps_name, path)
    return FontFace(file.family, weight, file.italic, path, ps_name)


def _freeze(roles: Mapping[str, Mapping[str, Sequence[str]]]) -> _Roles:
    """Validate the layout's roles and make them hashable, the key of the per-process FontSet cache."""
    if not roles:
        hint = 'Define at least a "body" role with a "default" chain.'
        raise FontError("No font roles are defined.", hint=hint)
    frozen = []
    for role, by_key in roles.items():
        chains = []
        for key, families in by_key.items():
            if key not in CHAIN_KEYS:
                raise FontError(
                    f'Font role "{role}" has a chain for "{key}", which is not a script briefpack knows.',
                    hint=f"Use one of: {', '.join(CHAIN_KEYS)}.",
                )
            # A bare string is one family, not a sequence of one-letter family names.
            chains.append((key, (families,) if isinstance(families, str) else tuple(families)))
        if not dict(chains).get(DEFAULT_CHAIN):
            raise FontError(
                f'Font role "{role}" has no "default" chain.',
                hint='Add one, e.g. default: ["Noto Sans"]; it draws Latin, digits and unlisted scripts.',
            )
        frozen.append((role, tuple(chains)))
    return tuple(frozen)


def _not_found(index: FontIndex, family: str, role: str, key: str) -> FontError:
    folder = index.project_fonts or "the project's fonts/ folder"
    skipped = index.skipped(family)
    if skipped:
        by_reason: dict[str, list[str]] = {}
        for s in skipped:
            by_reason.setdefault(s.reason, []).append(s.path.name)
        reasons = "; ".join(f"{', '.join(names)}: {reason}" for reason, names in by_reason.items())
        return FontError(
            f'Font family "{family}" (role "{role}", chain "{key}") was found, but no file of it is usable: {reasons}.',
            hint=f"Put a TrueType-outline (.ttf) build of {family} in {folder}.",
        )
    where = "; ".join(layer.where for layer in index.layers())
    slug = "-".join(normalize_family(family).split())
    return FontError(
        f'Font family "{family}" (role "{role}", chain "{key}") was not found. Looked in: {where}.',
        hint=f"Put its .ttf files in {folder}, or install a Python font package that ships it, e.g. "
        f"`pip install fontpkg-{slug}` (fontpkg-* packages are named after the family; not every family "
        "has one).",
    )


def _load_family(index: FontIndex, family: str, role: str, key: str) -> _Family:
    files = index.find(family)
    if not files:
        raise _not_found(index, family, role, key)
    return _Family(regular=_Choice(*_choose(files, REGULAR)), bold=_Choice(*_choose(files, BOLD)))


_cache: dict[tuple[_Roles, Path | None, Path, tuple[Path, ...]], FontSet] = {}
_cache_lock = threading.Lock()


def forget_font_sets() -> None:
    """Drop the per-process FontSets, so fonts added to or changed in `fonts/` are found again
    (`--watch` calls this before each rebuild; files are re-read only when their mtime changed)."""
    with _cache_lock:
        _cache.clear()


class FontSet:
    """The fonts of every role of a layout, resolved to static files; build it with `from_roles`."""

    def __init__(self, chains: Mapping[str, Mapping[str, Sequence[_Family]]], index: FontIndex | None = None) -> None:
        self._chains = {role: {key: tuple(f) for key, f in by_key.items()} for role, by_key in chains.items()}
        self._index = index
        self._fallbacks: dict[str, _Family | None] = {}  # character -> the installed family found for it
        self._fallback_lock = threading.Lock()
        # A FontSet never changes and every document of a build asks for the same texts (names, titles)
        # again: runs are kept per process.
        self._runs: dict[tuple[str, str, bool, str | None], list[tuple[FontFace, str]]] = {}

    @classmethod
    def from_roles(
        cls,
        roles: Mapping[str, Mapping[str, Sequence[str]]],
        project_fonts: Path | None,
        system_dirs: Sequence[Path] | None = None,
    ) -> FontSet:
        """Resolve role -> script key -> family chain, e.g. {"body": {"default": ["Noto Sans"], ...}}.

        Every family must exist, or FontError says where it was looked for and how to install it.
        Variable fonts are instanced here (seconds, once per machine). The result is cached per process,
        keyed also by the font cache and system folders, since workers build many documents.
        """
        frozen = _freeze(roles)
        index = FontIndex(project_fonts, system_dirs)  # cheap: it scans nothing until asked
        project = project_fonts.resolve() if project_fonts else None
        key = (frozen, project, font_cache_dir(), index.system_dirs)
        with _cache_lock:
            cached = _cache.get(key)
        if cached is None:
            cached = cls._resolve(frozen, index)
            with _cache_lock:
                cached = _cache.setdefault(key, cached)
        return cached

    @classmethod
    def _resolve(cls, roles: _Roles, index: FontIndex) -> FontSet:
        families: dict[str, _Family] = {}
        chains: dict[str, dict[str, tuple[_Family, ...]]] = {}
        for role, by_key in roles:
            chains[role] = {}
            for key, names in by_key:
                for name in names:
                    if key not in (DEFAULT_CHAIN, HAN_TRADITIONAL) and _unfit(name, Script(key)):
                        raise FontError(
                            f'Font family "{name}" (role "{role}") draws {key} text badly.',
                            hint=f"Use a Noto family for {key}, e.g. Noto Sans {key.capitalize()}.",
                        )
                    if normalize_family(name) not in families:
                        families[normalize_family(name)] = _load_family(index, name, role, key)
                chains[role][key] = tuple(families[normalize_family(n)] for n in names)
        return cls(chains, index)

    def _role(self, role: str) -> dict[str, tuple[_Family, ...]]:
        try:
            return self._chains[role]
        except KeyError:
            raise KeyError(f"no font role {role!r}; this FontSet has {', '.join(self._chains)}") from None

    def _own(self, role: str, script: Script, lang: str | None) -> tuple[_Family, ...]:
        by_key = self._role(role)
        return next((by_key[k] for k in chain_keys(script, lang) if k in by_key), by_key[DEFAULT_CHAIN])

    def _candidates(
        self, role: str, script: Script, bold: bool, lang: str | None
    ) -> tuple[list[_Choice], list[_Choice]]:
        """The faces of the script's own chain, and all faces to try: own chain, default chain, the rest."""
        by_key = self._role(role)
        own = self._own(role, script, lang)
        rest = (family for families in by_key.values() for family in families)
        ordered = [*own, *by_key[DEFAULT_CHAIN], *rest]

        def faces(families: Iterable[_Family]) -> list[_Choice]:
            return list(dict.fromkeys(f.face(bold) for f in families if not _unfit(f.regular.family, script)))

        return faces(own), faces(ordered)

    def _assign(
        self, role: str, text: str, bold: bool, lang: str | None = None
    ) -> list[tuple[Script, FontFace | None, str]]:
        """Pieces of `text` with the face drawing each (None where no face can), not yet merged."""
        pieces: list[tuple[Script, FontFace | None, str]] = []
        for script, run in split_by_script(text):
            own, candidates = self._candidates(role, script, bold, lang)
            needed = "".join(ch for ch in run if not _ignorable(ch))
            whole = next((face for face in own if face.covers(needed)), None)
            letters = "".join(ch for ch in needed if script_of(ch) is script)
            if whole is None and not any(face.covers(letters) for face in own):
                whole = next((face for face in candidates if face.covers(needed)), None)
            if whole is not None:
                pieces.append((script, whole.made(), run))
            else:
                pieces.extend(
                    (_label(script, chunk), face.made() if face else None, chunk)
                    for face, chunk in _split(run, candidates, lambda cluster: self._installed(cluster, bold))
                )
        return pieces

    def _installed(self, cluster: str, bold: bool) -> _Choice | None:
        """A font installed on this machine (the project's fonts/, font packages, system fonts, in that
        order; a Noto family first) that covers `cluster`, for text no chain of the layout covers:
        a Myanmar name in a layout that names no Myanmar font still prints. `briefpack fonts` says
        which font was taken."""
        needed = "".join(ch for ch in cluster if not _ignorable(ch))
        if not needed or self._index is None:
            return None
        with self._fallback_lock:
            if needed not in self._fallbacks:
                self._fallbacks[needed] = self._find_installed(needed)
            family = self._fallbacks[needed]
        return family.face(bold) if family is not None else None

    def _find_installed(self, needed: str) -> _Family | None:
        assert self._index is not None
        script = script_of(needed[0])
        for layer in self._index.layers():
            files = sorted(
                (f for f in layer.fonts if not f.italic and not _unfit(f.family, script)),
                key=lambda f: (not normalize_family(f.family).startswith("noto"), f.family, f.weight),
            )
            for file in files:
                cmap = codepoints(file.path, file.subfont)
                if all(ord(c) in cmap for c in needed):
                    return _load_family(self._index, file.family, "fallback", script.value)
        return None

    def runs(self, role: str, text: str, bold: bool = False, lang: str | None = None) -> list[tuple[FontFace, str]]:
        """`text` cut into pieces, each with the face of `role` that draws it; joined, they give `text`.

        `lang`, the text's language, picks among the Han faces (see `chain_keys`).

        A script run takes the first face of its script's chain that has all its characters. Failing
        that, when some face of that chain has all the run's letters, the run stays with it and only the
        symbols it lacks (an arrow, say) go to the first other face that has them, so a Vietnamese name
        is not set in a CJK font's Latin because of one "→". Otherwise the run goes whole to the first
        face of any chain of the role (default chain first) that has all of it, or, when none has, is
        shared cluster by cluster. What nothing covers goes to the first face of the script's chain, to
        be drawn as missing glyphs (`uncovered` reports it).
        """
        key = (role, text, bold, lang)
        if key not in self._runs:
            self._runs[key] = self._uncached_runs(role, text, bold, lang)
        return list(self._runs[key])

    def _uncached_runs(self, role: str, text: str, bold: bool, lang: str | None) -> list[tuple[FontFace, str]]:
        result: list[tuple[FontFace, str]] = []
        for script, face, chunk in self._assign(role, text, bold, lang):
            if face is None:
                face = self._own(role, script, lang)[0].face(bold).made()
            if result and result[-1][0] == face:
                result[-1] = (face, result[-1][1] + chunk)
            else:
                result.append((face, chunk))
        return result

    @functools.cached_property
    def _codepoints(self) -> frozenset[int]:
        return frozenset().union(*(codepoints(c.file.path, c.file.subfont) for c in self._choices()))

    def uncovered(self, text: str) -> list[str]:
        """Characters of `text` that no font of any role has, nor any font installed on this machine,
        each once, in order of appearance."""
        known = self._codepoints
        missing = dict.fromkeys(ch for ch in text if not _ignorable(ch) and ord(ch) not in known)
        return [ch for ch in missing if self._installed(ch, bold=False) is None]

    def lacking(self, face: FontFace, text: str) -> str:
        """Characters of `text` that `face` has no glyph for: they would print as `.notdef` boxes."""
        known = codepoints(face.path)
        return "".join(dict.fromkeys(ch for ch in text if not _ignorable(ch) and ord(ch) not in known))

    def report(self, texts: Iterable[str]) -> list[ScriptUse]:
        """Per role and script found in `texts`, the face drawing it and a sample, in order of appearance."""
        texts = list(texts)
        samples: dict[tuple[str, Script, FontFace | None], list[str]] = {}
        for role in self._chains:
            for text in texts:
                for script, face, chunk in self._assign(role, text, bold=False):
                    words = " ".join(chunk.split())
                    if all(_ignorable(ch) for ch in words):
                        continue
                    pieces = samples.setdefault((role, script, face), [])
                    if sum(len(p) for p in pieces) < _SAMPLE_CLUSTERS:
                        pieces.append(words)
        return [
            ScriptUse(role, script, face, "".join(_clusters(" ".join(pieces))[:_SAMPLE_CLUSTERS]))
            for (role, script, face), pieces in samples.items()
        ]

    def _choices(self) -> list[_Choice]:
        return list(
            dict.fromkeys(
                family.face(bold)
                for by_key in self._chains.values()
                for families in by_key.values()
                for family in families
                for bold in (False, True)
            )
        )

    def faces(self) -> list[FontFace]:
        """Every face any role may draw with, regular and bold, each once, all of them made (variable
        fonts instanced): for tools that want every file. Renderers make only what text needs."""
        return [choice.made() for choice in self._choices()]

    def drawn(self) -> list[FontFace]:
        """The families some text has needed so far in this process, regular and bold (a DOCX style
        may ask for the other weight): what a document's reader needs installed or embedded."""
        families = [f for by_key in self._chains.values() for fs in by_key.values() for f in fs]
        used = [f for f in dict.fromkeys(families) if f.regular.is_made or f.bold.is_made]
        return [choice.made() for family in used for choice in (family.regular, family.bold)]

    def faces_of(self, families: Iterable[str]) -> list[FontFace]:
        """The faces, regular and bold, of the named families this set chooses from, made: what a
        document naming them must carry (a DOCX names its families without drawing with them)."""
        wanted = set(families)
        return [choice.made() for choice in self._choices() if choice.family in wanted]

    def identity(self) -> list[tuple[str, int, str, int]]:
        """Every face as (family, weight, source file, subfont), without making any: a cache key."""
        return [choice.identity() for choice in self._choices()]


def _split(
    run: str, candidates: Sequence[_Choice], installed: Callable[[str], _Choice | None]
) -> list[tuple[_Choice | None, str]]:
    """Share a run no single face covers between faces, cluster by cluster.

    Each cluster takes the first candidate that has it, except that punctuation and other COMMON
    clusters stay with the face before them when it has them, so a face is not switched for a comma.
    Whitespace joins the cluster before it (or after it, at the start of the run).
    """
    pieces: list[tuple[_Choice | None, str]] = []
    leading = ""
    for cluster in _clusters(run):
        needed = "".join(ch for ch in cluster if not _ignorable(ch))
        if not needed:
            if pieces:
                pieces[-1] = (pieces[-1][0], pieces[-1][1] + cluster)
            else:
                leading += cluster
            continue
        script = script_of(cluster[0])
        previous = pieces[-1][0] if pieces else None
        if previous is not None and script is Script.COMMON and previous.covers(needed):
            face: _Choice | None = previous
        else:
            face = next((f for f in candidates if f.covers(needed) and not _unfit(f.family, script)), None)
            face = face or installed(cluster)
        if pieces and previous == face:
            pieces[-1] = (face, pieces[-1][1] + cluster)
        else:
            pieces.append((face, leading + cluster))
            leading = ""
    # `run` reaches here only when some character needed a face, so `leading` has been placed.
    return pieces
