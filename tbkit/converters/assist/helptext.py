"""``tbkit.help(name)``: the helper table's documentation, printed."""

from __future__ import annotations

from .catalog import describe, find, suggest

__all__ = ["help_text", "print_help"]


def help_text(name: str, lang: str | None = None) -> str:
    """The documentation of every helper called ``name`` (``parseBytesToInt``, ``Math.abs``, ``add``).

    Raises :class:`LookupError` naming close matches when nothing is documented under that name.
    """
    found = find(name, lang)
    if not found:
        close = suggest(name, lang)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise LookupError(f"no converter helper named {name!r}{hint}")
    return "\n\n".join(f"{h.name} ({h.lang}, {h.kind})\n{describe(h)}" for h in found)


def print_help(name: str, lang: str | None = None) -> None:
    """Print the documentation of a converter helper, as the editor's hover shows it.

    ``lang`` (``"TBEL"`` or ``"JS"``) narrows a name both languages have (``atob``).

    >>> print_help("toFixed")
    toFixed (TBEL, function)
    toFixed(double value, int precision) -> double
    toFixed(float value, int precision) -> double
    <BLANKLINE>
    Rounds half-up to precision decimal places.
    Example (TBEL): toFixed(3.14159, 2)
      gives 3.14
    """
    print(help_text(name, lang))
