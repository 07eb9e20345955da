"""Settings: one typed object, read from `accessible-pub.toml` or `[tool.accessible-pub]`.

Every setting has a default that works with no file at all. Problems in a file are all
reported together (ConfigError); unknown keys become warnings, not silent no-ops.
Command-line flags are applied last with `Settings.with_overrides`.
"""

from __future__ import annotations

import dataclasses
import tomllib
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from .errors import ConfigError

RatePreset = Literal["easy-read", "slower", "normal"]
EngineName = Literal["piper", "espeak", "gtts"]
Paper = Literal["A4", "Letter"]
Colours = Literal["black-on-white", "black-on-cream"]


@dataclass(frozen=True)
class AudioSettings:
    engine: EngineName = "piper"
    # Engine used for the *whole* document when the chosen one fails; "" means fail instead.
    fallback: Literal["", "piper", "espeak"] = ""
    rate: RatePreset = "easy-read"
    pause_sentence_ms: int = 450
    pause_paragraph_ms: int = 900
    pause_heading_ms: int = 1300
    target_lufs: float = -16.0
    true_peak_dbtp: float = -1.5  # a little under the -1 dBTP limit: MP3 encoding adds overshoot
    bitrate_kbps: int = 64
    sample_rate: int = 44100
    gtts_timeout_s: float = 10.0
    gtts_retries: int = 3
    gtts_url: str = ""  # "" = Google's service; tests point it at a local stand-in


@dataclass(frozen=True)
class PdfSettings:
    font_size_pt: float = 18.0
    easy_read_font_size_pt: float = 16.0
    paper: Paper = "A4"
    colours: Colours = "black-on-white"
    max_resource_bytes: int = 5_000_000


@dataclass(frozen=True)
class CheckSettings:
    sentence_words_warn: int = 15
    sentence_words_error: int = 20
    mean_sentence_words: float = 12.0
    paragraph_sentences: int = 5
    hard_word_zipf: float = 3.5
    min_masked_fre: float = 80.0
    max_masked_grade: float = 5.0
    max_pages: int = 24
    disabled_rules: tuple[str, ...] = ()
    allowed_words: tuple[str, ...] = ()


@dataclass(frozen=True)
class BrailleSettings:
    easy_read_grade: Literal[1, 2] = 2  # 1: uncontracted, for readers still learning contractions


@dataclass(frozen=True)
class Settings:
    festival: str = "Co-Production Festival"
    site_url: str = "http://127.0.0.1:8000/"
    lang: str = "en"
    content_dir: Path = Path("content")
    output_dir: Path = Path("output")
    styles_dir: Path = Path("styles")
    cache_dir: Path | None = Path(".cache/accessible-pub")  # None: keep nothing (benchmarks)
    audio: AudioSettings = field(default_factory=AudioSettings)
    pdf: PdfSettings = field(default_factory=PdfSettings)
    check: CheckSettings = field(default_factory=CheckSettings)
    braille: BrailleSettings = field(default_factory=BrailleSettings)
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


def _build(cls: type, data: dict[str, Any], prefix: str, errors: list[str], warnings: list[str]):
    hints = typing.get_type_hints(cls)
    values: dict[str, Any] = {}
    known = {f.name for f in dataclasses.fields(cls) if f.name != "warnings"}
    for key, value in data.items():
        name = key.replace("-", "_")
        where = f"{prefix}{key}"
        if name not in known:
            warnings.append(f"unknown setting '{where}' is ignored")
            continue
        kind = hints[name]
        if dataclasses.is_dataclass(kind):
            if not isinstance(value, dict):
                errors.append(f"{where}: expected a [{where}] table")
                continue
            values[name] = _build(kind, value, f"{where}.", errors, warnings)
        else:
            values[name] = _check_value(value, kind, where, errors)
    return cls(**values)


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
