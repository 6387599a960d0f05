"""Content files that editors read and edit: TOML, and Markdown with TOML front matter.

A Markdown content file starts with its front matter between two `+++` lines, then the Markdown body:

    +++
    title = "Wat is MVOI?"
    +++

    Elke gemeente koopt dagelijks in ...

Both are read with the standard library's `tomllib`. A mistake in a file raises `ContentFileError`
naming the file, so the editor knows where to look.
"""

import tomllib
from pathlib import Path

FENCE = "+++"


class ContentFileError(ValueError):
    pass


def read_toml(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ContentFileError(f"{path}: {error}") from error


def read_markdown(path: Path) -> tuple[dict, str]:
    """The front matter and the Markdown body of `path`, without the blank lines around the body."""
    text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    first, _newline, rest = text.partition("\n")
    front_matter, fence, body = ("\n" + rest + "\n").partition(f"\n{FENCE}\n")
    if first.strip() != FENCE or not fence:
        raise ContentFileError(f"{path}: the file must start with front matter between two {FENCE} lines.")
    try:
        data = tomllib.loads(front_matter)
    except tomllib.TOMLDecodeError as error:
        raise ContentFileError(f"{path}: front matter: {error}") from error
    return data, body.strip("\n").rstrip()


def require(data: dict, keys: list[str], *, path: Path, where: str = "") -> None:
    """Refuse a record that lacks one of `keys`, naming the file, the record and what is missing."""
    missing = [key for key in keys if key not in data]
    if missing:
        place = f"{path} ({where})" if where else str(path)
        raise ContentFileError(f"{place}: missing {', '.join(missing)}.")
