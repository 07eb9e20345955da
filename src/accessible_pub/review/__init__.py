"""The review desk: people with lived experience check and fix the easy read in a browser.

`accessible-pub review` serves it (`serve.py`) from a Starlette app (`app.py`, with jinja2
templates and a style sheet, and a few lines of JavaScript that only make "Listen" nicer).
The desk reads and writes `content/<slug>.easy.md`, the same file a text editor would
(`desk.py` edits it an idea at a time; `store.py` checks versions, keeps undo steps and signs
off with `signoff`'s own function); `findings.py` says what the easy-read rules found in plain
words; `speech.py` reads a sentence aloud from the build's sentence cache.

Nothing is imported here, so that `review.serve` can open the port and print the address before
the app and the easy-read rules load.
"""
