"""Mend what WeasyPrint 70's tagged PDF gets wrong, after rendering (with pikepdf).

WeasyPrint marks the page furniture it draws in page margins ("Page 2 of 5") as marked
content with an MCID, but no structure element owns it: a screen reader meets content that
is neither tagged nor an artifact (a PDF/UA failure). Every such orphan is page furniture,
so it is re-marked as a pagination artifact, which assistive technology skips.
"""

from __future__ import annotations

import io
from typing import Any

import pikepdf


def _owned_mcids(pdf: pikepdf.Pdf) -> set[tuple[tuple[int, int], int]]:
    """(page object id, MCID) pairs that some structure element owns."""
    owned: set[tuple[tuple[int, int], int]] = set()
    root = pdf.Root.get("/StructTreeRoot")
    if root is None:
        return owned
    stack: list[tuple[pikepdf.Object, pikepdf.Object | None]] = [(root, None)]
    while stack:
        element, page = stack.pop()
        if not isinstance(element, pikepdf.Dictionary):
            continue
        page = element.get("/Pg", page)
        kids = element.get("/K")
        if kids is None:
            continue
        for kid in list(kids) if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, int) and page is not None:
                owned.add((page.objgen, int(kid)))
            elif isinstance(kid, pikepdf.Dictionary):
                if "/MCID" in kid:
                    owner = kid.get("/Pg", page)
                    if owner is not None:
                        owned.add((owner.objgen, int(kid.MCID)))
                else:
                    stack.append((kid, page))
    return owned


def mark_page_furniture_as_artifacts(data: bytes) -> tuple[bytes, int]:
    """Returns the mended PDF and how many pieces of marked content became artifacts."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        owned = _owned_mcids(pdf)
        changed = 0
        for page in pdf.pages:
            instructions = pikepdf.parse_content_stream(page)
            mended = []
            touched = False
            for instruction in instructions:
                operands: list[Any] = list(instruction.operands)
                operator = instruction.operator
                if (
                    str(operator) == "BDC"
                    and len(operands) == 2
                    and isinstance(operands[1], pikepdf.Dictionary)
                    and "/MCID" in operands[1]
                    and (page.obj.objgen, int(operands[1].MCID)) not in owned
                ):
                    operands = [
                        pikepdf.Name.Artifact,
                        pikepdf.Dictionary(Type=pikepdf.Name.Pagination, Subtype=pikepdf.Name.Footer),
                    ]
                    touched = True
                    changed += 1
                mended.append(pikepdf.ContentStreamInstruction(operands, operator))
            if touched:
                page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(mended))
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
        return out.getvalue(), changed
