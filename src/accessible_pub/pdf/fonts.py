"""The low-vision font every PDF embeds: Atkinson Hyperlegible (SIL OFL), from PyPI.

Shipping it as a Python dependency means no PDF depends on what fonts a machine happens to
have; the family is declared with @font-face so fontconfig is never asked for a fallback.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from ..errors import RenderError

FAMILY = "Atkinson Hyperlegible"


@cache
def font_dir() -> Path:
    try:
        import fontpkg_atkinson_hyperlegible as package
    except ImportError as exc:
        raise RenderError(
            "the Atkinson Hyperlegible font is missing: pip install fontpkg-atkinson-hyperlegible"
        ) from exc
    folder = Path(package.__file__).parent / "files"
    if not (folder / "AtkinsonHyperlegible-Regular.ttf").is_file():
        raise RenderError(f"font files not found in {folder}; reinstall fontpkg-atkinson-hyperlegible")
    return folder


def font_face_css() -> str:
    folder = font_dir()
    faces = []
    for weight, name in ((400, "Regular"), (700, "Bold")):
        url = (folder / f"AtkinsonHyperlegible-{name}.ttf").as_uri()
        faces.append(
            f'@font-face {{ font-family: "{FAMILY}"; font-weight: {weight}; font-style: normal; '
            f'src: url("{url}"); }}'
        )
    return "\n".join(faces)
