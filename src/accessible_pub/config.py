"""Settings: one typed object, read from `accessible-pub.toml` or `[tool.accessible-pub]`.

Every setting has a default that works with no file at all. Problems in a file are all
reported together (ConfigError); unknown keys become warnings, not silent no-ops.
Command-line flags are applied last with `Settings.with_overrides`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import tomllib
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Mapping
from typing import Any, Literal

from .errors import ConfigError

RatePreset = Literal["easy-read", "slower", "normal"]
EngineName = Literal["piper", "espeak", "gtts"]
Paper = Literal["A4", "Letter"]
Colours = Literal["black-on-white", "black-on-cream"]


SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH"


def source_date() -> dt.datetime | None:
    """The build's fixed time, from SOURCE_DATE_EPOCH (the reproducible-builds.org convention:
    seconds since 1970, UTC); None when it is not set. Every date a build writes that comes from
    no post (zip entries, the read-along book's modified date, the build report) is this one."""
    raw = os.environ.get(SOURCE_DATE_EPOCH, "").strip()
    if not raw:
        return None
    if not raw.isdigit():
        raise ConfigError(f"{SOURCE_DATE_EPOCH}={raw!r} is not a whole number of seconds since 1970")
    return dt.datetime.fromtimestamp(int(raw), dt.timezone.utc)


def setting(
    default: Any,
    doc: str,
    *,
    low: float | None = None,
    high: float | None = None,
    one_of: tuple[Any, ...] = (),
) -> Any:
    """A setting's default, what it is for (the comment `accessible-pub new` writes above it)
    and the values it may take: one place, so the settings file, its checks and the flags agree."""
    metadata = {"doc": doc, "low": low, "high": high, "one_of": one_of}
    if dataclasses.is_dataclass(default):
        return field(default_factory=type(default), metadata=metadata)
    return field(default=default, metadata=metadata)


def limits(cls: type, name: str) -> tuple[float | None, float | None]:
    """The lowest and highest value a numeric setting takes (the flags use the same range)."""
    meta = next(f.metadata for f in dataclasses.fields(cls) if f.name == name)
    return meta.get("low"), meta.get("high")


MP3_BITRATES = (32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320)  # MPEG-1 layer III


@dataclass(frozen=True)
class AudioSettings:
    engine: EngineName = setting(
        "piper", "piper (offline, default), espeak (offline), gtts (online: sends the text to Google)"
    )
    fallback: Literal["", "piper", "espeak"] = setting(
        "", 'engine that speaks the WHOLE file when the chosen one fails; "" means fail instead'
    )
    rate: RatePreset = setting("easy-read", "easy-read (~145 words a minute), slower (~120), normal (~170)")
    pause_sentence_ms: int = setting(450, "silence after each sentence, in milliseconds", low=0, high=5000)
    pause_paragraph_ms: int = setting(900, "silence between paragraphs, in milliseconds", low=0, high=10000)
    pause_heading_ms: int = setting(1300, "silence before a heading, in milliseconds", low=0, high=10000)
    target_lufs: float = setting(
        -16.0, "loudness of the MP3s in LUFS; -16 is the podcast norm", low=-30, high=-10
    )
    # a little under the -1 dBTP limit: MP3 encoding adds overshoot
    true_peak_dbtp: float = setting(-1.5, "highest peak allowed, in dBTP", low=-9, high=0)
    bitrate_kbps: int = setting(64, "MP3 bit rate (constant), in kbit/s", one_of=MP3_BITRATES)
    sample_rate: int = setting(44100, "MP3 sample rate in Hz", one_of=(32000, 44100, 48000))
    # hear each MP3 with the offline recogniser when it is made (audio/listen.py; the `listen` extra)
    listen_check: bool = setting(False, "hear each MP3 with the offline speech recogniser as it is made")


@dataclass(frozen=True)
class GttsSettings:
    """How the online gTTS engine reaches its service (`[gtts]`). Only which service speaks can
    change the sound; how long to wait and how often to retry never do."""

    timeout_s: float = setting(10.0, "seconds to wait for an answer", low=1, high=120)
    retries: int = setting(3, "tries again after a busy or failed answer", low=0, high=10)
    # tests point it at a local stand-in
    url: str = setting("", 'address of the service; "" means Google\'s')

    def shaping(self) -> GttsSettings:
        """Just what can change the sound, for cache keys: the service."""
        return GttsSettings(url=self.url)


@dataclass(frozen=True)
class PdfSettings:
    font_size_pt: float = setting(18.0, "large-print text size in points; 24 is giant print", low=16, high=48)
    easy_read_font_size_pt: float = setting(16.0, "easy-read PDF text size in points", low=14, high=48)
    paper: Paper = setting("A4", '"A4" or "Letter"')
    colours: Colours = setting("black-on-white", '"black-on-white" or "black-on-cream"')
    max_resource_bytes: int = setting(
        5_000_000, "largest picture a post may bring into a PDF, in bytes", low=0, high=100_000_000
    )


@dataclass(frozen=True)
class CheckSettings:
    sentence_words_warn: int = setting(
        15, "a sentence longer than this many words is a warning", low=1, high=100
    )
    sentence_words_error: int = setting(
        20, "a sentence longer than this many words is an error", low=1, high=100
    )
    mean_sentence_words: float = setting(12.0, "most words a sentence on average", low=1, high=100)
    paragraph_sentences: int = setting(5, "most sentences in one idea (paragraph)", low=1, high=50)
    hard_word_zipf: float = setting(
        3.5, "a word rarer than this Zipf frequency is a hard word", low=0, high=8
    )
    min_masked_fre: float = setting(
        80.0, "lowest Flesch reading ease, explained words masked", low=0, high=121
    )
    max_masked_grade: float = setting(
        5.0, "highest Flesch-Kincaid grade, explained words masked", low=0, high=20
    )
    max_pages: int = setting(24, "most pages an easy-read PDF may have", low=1, high=500)
    disabled_rules: tuple[str, ...] = setting((), 'rules switched off, for example ["ER7"]')
    allowed_words: tuple[str, ...] = setting((), "words never counted as hard")


@dataclass(frozen=True)
class LimitSettings:
    """What one post may be: a festival post is a few KB, 500-3,000 words, sentences under 60
    words. Posts come from the web; these keep a pasted book or a page of junk from taking hours
    and gigabytes (every limit refuses the post with a line naming the file and the setting)."""

    # the file, before it is read (saved web pages carry page furniture)
    max_post_kb: int = setting(2000, "largest post file, in KB", low=1, high=1_000_000)
    # about 70 minutes of audio at the easy-read rate
    max_words: int = setting(10_000, "most words in one post", low=1, high=10_000_000)
    # words between two full stops: more means no punctuation
    max_sentence_words: int = setting(
        500, "most words between two full stops (more means no punctuation)", low=1, high=1_000_000
    )


@dataclass(frozen=True)
class BrailleSettings:
    # 1: uncontracted, for readers still learning contractions
    easy_read_grade: Literal[1, 2] = setting(
        2, "braille grade of the easy read: 2 (contracted) or 1 (uncontracted)", one_of=(1, 2)
    )


@dataclass(frozen=True)
class Settings:
    festival: str = setting("Co-Production Festival", "the festival's name, on every page, PDF and MP3")
    site_url: str = setting(
        "http://127.0.0.1:8000/", "where output/ is published (the podcast feed links to it)"
    )
    lang: str = setting("en", "language of the posts")
    content_dir: Path = setting(Path("content"), "folder of posts")
    output_dir: Path = setting(Path("output"), "folder for the bundles")
    styles_dir: Path = setting(
        Path("styles"), "folder of your own style sheets (a missing one: the packaged sheet)"
    )
    # None: keep nothing (benchmarks)
    cache_dir: Path | None = setting(
        Path(".cache/accessible-pub"), "spoken sentences and PDFs kept for the next build"
    )
    audio: AudioSettings = setting(AudioSettings(), "the MP3s")
    gtts: GttsSettings = setting(GttsSettings(), "the online gtts engine only: how it reaches its service")
    pdf: PdfSettings = setting(PdfSettings(), "the PDFs")
    check: CheckSettings = setting(CheckSettings(), "the easy-read rules (accessible-pub check)")
    limits: LimitSettings = setting(LimitSettings(), "what one post may be (posts come from the web)")
    braille: BrailleSettings = setting(BrailleSettings(), "the braille files (BRF)")
    warnings: tuple[str, ...] = field(default=(), compare=False)

    def with_overrides(self, **changes: Any) -> Settings:
        """Apply command-line flags: `audio__rate="slower"` sets `audio.rate`."""
        top: dict[str, Any] = {}
        nested: dict[str, dict[str, Any]] = {}
        for key, value in changes.items():
            if value is None:
                continue
            if "__" in key:
                section, name = key.split("__", 1)
                nested.setdefault(section, {})[name] = value
            else:
                top[key] = value
        for section, values in nested.items():
            top[section] = dataclasses.replace(getattr(self, section), **values)
        return dataclasses.replace(self, **top)


def _check_value(value: Any, kind: Any, where: str, errors: list[str]) -> Any:
    """Coerce a TOML value to the field's type, or record why it cannot be."""
    origin = typing.get_origin(kind)
    if origin is Literal:
        allowed = typing.get_args(kind)
        if value not in allowed:
            errors.append(f"{where}: {value!r} is not one of {', '.join(map(repr, allowed))}")
        return value
    if kind is Path:
        if not isinstance(value, str):
            errors.append(f"{where}: expected a path as text, got {type(value).__name__}")
            return value
        return Path(value)
    if origin is tuple:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            errors.append(f"{where}: expected a list of text")
            return value
        return tuple(value)
    if kind is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            errors.append(f"{where}: expected a number, got {value!r}")
            return value
        return float(value)
    if kind is int or kind is str:
        if isinstance(value, bool) or not isinstance(value, kind):
            errors.append(f"{where}: expected {kind.__name__}, got {value!r}")
        return value
    if isinstance(kind, types.UnionType) and Path in typing.get_args(kind):
        return _check_value(value, Path, where, errors)
    return value


def _check_limits(value: Any, meta: Mapping[str, Any], where: str, errors: list[str]) -> None:
    """The same limits as the command-line flags: `font_size_pt = 2` is an error, not a tiny PDF."""
    if meta.get("one_of") and value not in meta["one_of"]:
        errors.append(f"{where}: {value!r} is not one of {', '.join(map(str, meta['one_of']))}")
        return
    low, high = meta.get("low"), meta.get("high")
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return
    if (low is not None and value < low) or (high is not None and value > high):
        errors.append(f"{where}: {_number(value)} is out of range (allowed: {_range(meta)})")


def _build(cls: type, data: dict[str, Any], prefix: str, errors: list[str], warnings: list[str]):
    hints = typing.get_type_hints(cls)
    values: dict[str, Any] = {}
    fields = {f.name: f for f in dataclasses.fields(cls) if f.name != "warnings"}
    for key, value in data.items():
        name = key.replace("-", "_")
        where = f"{prefix}{key}"
        if name not in fields:
            warnings.append(f"unknown setting '{where}' is ignored")
            continue
        kind = hints[name]
        if isinstance(kind, type) and dataclasses.is_dataclass(kind):
            if not isinstance(value, dict):
                errors.append(f"{where}: expected a [{where}] table")
                continue
            values[name] = _build(kind, value, f"{where}.", errors, warnings)
        else:
            before = len(errors)
            values[name] = _check_value(value, kind, where, errors)
            if len(errors) == before:
                _check_limits(values[name], fields[name].metadata, where, errors)
    built = cls(**values)
    if isinstance(built, CheckSettings) and built.sentence_words_warn > built.sentence_words_error:
        errors.append(
            f"{prefix}sentence_words_warn ({built.sentence_words_warn}) is more than "
            f"{prefix}sentence_words_error ({built.sentence_words_error})"
        )
    return built


def settings_from_mapping(data: dict[str, Any], *, source: str = "settings") -> Settings:
    errors: list[str] = []
    warnings: list[str] = []
    settings = _build(Settings, data, "", errors, warnings)
    if errors:
        raise ConfigError(f"{source} has {len(errors)} problem(s):\n  " + "\n  ".join(errors))
    return dataclasses.replace(settings, warnings=tuple(f"{source}: {w}" for w in warnings))


def load_settings(project_dir: Path = Path("."), config_file: Path | None = None) -> Settings:
    """Read settings from an explicit file, `accessible-pub.toml`, or pyproject.toml."""
    candidates = [config_file] if config_file else [project_dir / "accessible-pub.toml"]
    for path in candidates:
        if path is not None and path.exists():
            return settings_from_mapping(_read_toml(path), source=str(path))
        if config_file is not None:
            raise ConfigError(f"{config_file}: settings file not found")
    pyproject = project_dir / "pyproject.toml"
    if pyproject.exists():
        table = _read_toml(pyproject).get("tool", {}).get("accessible-pub")
        if isinstance(table, dict):
            return settings_from_mapping(table, source=f"{pyproject} [tool.accessible-pub]")
    return Settings()


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from exc


# ---- the settings file `accessible-pub new` writes -------------------------------------------


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)  # a JSON string is a TOML basic string


def _toml_lines(instance: Any, table: str) -> list[str]:
    lines: list[str] = []
    tables: list[str] = []
    for f in dataclasses.fields(instance):
        if f.name == "warnings":
            continue
        value = getattr(instance, f.name)
        if dataclasses.is_dataclass(value):
            tables += ["", f"[{f.name}]{_comment(f.metadata, ' ')}", *_toml_lines(value, f.name)]
            continue
        if f.metadata.get("doc"):  # (tests/test_install.py insists every setting has one)
            lines.append(f"# {f.metadata['doc']}{_allowed(f.metadata)}")
        lines.append(f"{f.name} = {_toml_value(value)}")
    return lines + tables


def _comment(meta: Mapping[str, Any], before: str) -> str:
    return f"{before}# {meta['doc']}" if meta.get("doc") else ""


def _allowed(meta: Mapping[str, Any]) -> str:
    if meta.get("one_of"):
        return f" (allowed: {', '.join(map(str, meta['one_of']))})"
    if meta.get("low") is not None or meta.get("high") is not None:
        return f" (allowed: {_range(meta)})"
    return ""


def _number(value: float | None) -> str:
    return str(int(value)) if value is not None and float(value).is_integer() else str(value)


def _range(meta: Mapping[str, Any]) -> str:
    low, high = meta.get("low"), meta.get("high")
    if low is None:
        return f"up to {_number(high)}"
    if high is None:
        return f"{_number(low)} or more"
    return f"{_number(low)} to {_number(high)}"


def settings_file_text(*, festival: str | None = None) -> str:
    """Every setting with its default and a comment: the `accessible-pub.toml` of `new`.

    Made from the dataclasses, so a new setting appears here by itself (a test reads it back)."""
    settings = Settings() if festival is None else Settings(festival=festival)
    header = [
        "# accessible-pub settings. Every setting is here with its default value;",
        "# change what you need. Command-line flags win over this file.",
        "# Paths are relative to the folder you run accessible-pub in.",
        "",
    ]
    return "\n".join(header + _toml_lines(settings, "")) + "\n"
