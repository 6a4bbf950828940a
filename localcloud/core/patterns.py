"""Java regular expressions, as botocore's models write their ``pattern`` traits, in Python.

``java_regex`` translates the Java-only syntax to Python's ``re`` (ASCII
``\\w \\d \\s`` as in Java, ``\\p{Alpha}``-style POSIX classes, ``\\Q..\\E``,
``\\z``, ``\\h``, ``(?<name>``, ``\\k<name>``) and refuses what it cannot translate.
``matcher`` applies a model pattern as AWS does: the whole value must match, with
one exception: a pattern anchored with ``^`` but not ``$`` (the Customer Profiles
``TagArn`` is ``^arn:[a-z0-9]{1,10}:profile``) is a prefix rule.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

_POSIX = {
    "Lower": "a-z",
    "Upper": "A-Z",
    "ASCII": "\\x00-\\x7f",
    "Alpha": "a-zA-Z",
    "Digit": "0-9",
    "Alnum": "a-zA-Z0-9",
    "Punct": re.escape("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"),
    "Graph": "\\x21-\\x7e",
    "Print": "\\x20-\\x7e",
    "Blank": " \\t",
    "Cntrl": "\\x00-\\x1f\\x7f",
    "XDigit": "0-9a-fA-F",
    "Space": " \\t\\n\\x0b\\f\\r",
}
_HSPACE = " \\t\\xa0\\u1680\\u180e\\u2000-\\u200a\\u202f\\u205f\\u3000"


def java_regex(pattern: str) -> re.Pattern[str]:
    """Compile a Java regular expression so Python's ``re`` reads it the same way."""
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        char, nxt = pattern[i], pattern[i + 1 : i + 2]
        if char == "\\" and nxt:
            if nxt == "Q":
                end = pattern.find("\\E", i + 2)
                end = len(pattern) if end < 0 else end
                out.append(re.escape(pattern[i + 2 : end]))
                i = end + 2
            elif nxt in "pP" and pattern[i + 2 : i + 3] == "{":
                close = pattern.index("}", i)
                name = pattern[i + 3 : close]
                if name not in _POSIX or (nxt == "P" and in_class):
                    raise ValueError(f"unsupported Java class \\{nxt}{{{name}}}")
                negate = "^" if nxt == "P" else ""
                out.append(_POSIX[name] if in_class else f"[{negate}{_POSIX[name]}]")
                i = close + 1
            elif nxt == "k" and pattern[i + 2 : i + 3] == "<":
                close = pattern.index(">", i)
                out.append(f"(?P={pattern[i + 3 : close]})")
                i = close + 1
            else:
                if nxt == "h":
                    out.append(_HSPACE if in_class else f"[{_HSPACE}]")
                else:
                    out.append({"z": "\\Z", "Z": "(?=\\n?\\Z)"}.get(nxt, char + nxt))
                i += 2
            continue
        if in_class:
            if char == "[" or pattern.startswith("&&", i):
                raise ValueError("nested or intersected Java character classes are unsupported")
            in_class = char != "]"
        elif char == "[":
            in_class = True
            out.append("[")
            i += 1
            if pattern.startswith("^", i):
                out.append("^")
                i += 1
            if pattern.startswith("]", i):  # a leading ']' is a literal in both dialects
                out.append("\\]")
                i += 1
            continue
        elif pattern.startswith("(?<", i) and pattern[i + 3 : i + 4] not in ("=", "!"):
            out.append("(?P<")
            i += 3
            continue
        out.append(char)
        i += 1
    return re.compile("".join(out), re.ASCII)


@functools.cache
def matcher(pattern: str) -> Callable[[str], bool]:
    compiled = java_regex(pattern)
    if pattern.startswith("^") and not pattern.endswith("$"):
        return lambda value: compiled.match(value) is not None
    return lambda value: compiled.fullmatch(value) is not None
