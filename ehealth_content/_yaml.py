"""YAML with source positions: values plus the line and column of every key and value.

PyYAML's constructors forget positions, so we compose the node graph ourselves (libyaml when
available) and turn it into plain values, recording where each path came from. Duplicate keys,
which PyYAML silently overwrites, are reported, and alias bombs are cut off.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from ._prose import ProseMap, read_prose
from ._text import FORBIDDEN_CHARACTER, character_phrase
from .i18n import Message, t

__all__ = ["YamlDocument", "YamlProblem", "Path", "load_yaml"]

Path = tuple[str | int, ...]

_Loader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# A document that expands to more values than this is an alias bomb, not a module.
_MAX_VALUES = 200_000
# Hexadecimal and binary integers escape Python's 4,300-digit limit on reading a number but
# not on printing one: a bigger number is refused here, before any message tries to show it.
_MAX_INTEGER_BITS = 1000


@dataclass(frozen=True, slots=True)
class YamlProblem:
    message: Message
    line: int
    """0-based offset from the YAML text's first line (add it to that line's 1-based number)."""
    column: int
    """0-based offset from the YAML text's first column."""
    kind: str
    """``syntax``, ``duplicate-key``, ``too-large``, ``control-character`` (a text value holds one,
    through an escape such as ``"\\x01"``) or ``raw-control-character`` (the YAML text itself
    holds one: the loader reports those for the whole file, at their exact place)."""
    hint: Message | None = None


@dataclass(slots=True)
class YamlDocument:
    value: Any
    key_positions: dict[Path, tuple[int, int]] = field(default_factory=dict)
    """(line, column) offsets from the start of the YAML text, 0-based, of the key that introduced each path."""
    value_positions: dict[Path, tuple[int, int]] = field(default_factory=dict)
    """(line, column) offsets, 0-based, where the value at each path starts."""
    block_scalar: set[Path] = field(default_factory=set)
    """Paths whose value is a literal or folded block (``|``, ``>``): its text starts a line below."""
    collections: set[Path] = field(default_factory=set)
    """Paths whose value is a list or mapping: a problem with the whole is shown at its key."""

    def position(self, path: Path) -> tuple[int, int]:
        """Where to point for a problem at ``path``: its value (its key for a list or mapping)."""
        while True:
            if path in self.collections and path in self.key_positions:
                return self.key_positions[path]
            if path in self.value_positions:
                return self.value_positions[path]
            if path in self.key_positions:
                return self.key_positions[path]
            if not path:
                return (0, 0)
            path = path[:-1]

    def key_position(self, path: Path) -> tuple[int, int]:
        return self.key_positions.get(path) or self.position(path)


_STR = "tag:yaml.org,2002:str"


def _construct(loader: Any, node: Any) -> Any:
    """The value of a scalar node. A string is its node's text, which is what the safe
    constructor returns for one (``construct_yaml_str``) after bookkeeping that costs more than
    the rest of the build of a quiz block: most scalars are strings."""
    if node.tag == _STR and isinstance(node, yaml.ScalarNode):
        return node.value
    return loader.construct_object(node, deep=True)


class _Builder:
    def __init__(self, loader: Any) -> None:
        self.loader = loader
        self.doc = YamlDocument(None)
        self.problems: list[YamlProblem] = []
        self.count = 0

    def build(self, node: Any, path: Path) -> Any:
        self.count += 1
        if self.count > _MAX_VALUES:
            raise _TooLarge(node.start_mark)
        mark = node.start_mark
        self.doc.value_positions.setdefault(path, (mark.line, mark.column))
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
            self.doc.collections.add(path)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        if getattr(node, "style", None) in ("|", ">"):
            self.doc.block_scalar.add(path)
        try:
            value = _construct(self.loader, node)
        except (yaml.YAMLError, ValueError, OverflowError) as exc:
            # Constructors raise plain errors for values such as 2024-13-45, and Python's own
            # words for a number of more than 4,300 digits, which an author need not read.
            message = t("the number is too large") if "digits" in str(exc) else _library_words(str(exc))
            self.problems.append(
                YamlProblem(t("invalid value: {problem}", problem=message), mark.line, mark.column, "syntax")
            )
            return None
        if isinstance(value, str):
            self._check_characters(value, mark)
        elif isinstance(value, int) and value.bit_length() > _MAX_INTEGER_BITS:
            self.problems.append(
                YamlProblem(
                    t("invalid value: {problem}", problem=t("the number is too large")),
                    mark.line,
                    mark.column,
                    "syntax",
                )
            )
            return None
        return value

    def _check_characters(self, text: str, mark: Any) -> None:
        found = FORBIDDEN_CHARACTER.search(text)
        if found:
            self.problems.append(
                YamlProblem(
                    t(
                        "the text holds {character}, which a package cannot carry",
                        character=character_phrase(found.group()),
                    ),
                    mark.line,
                    mark.column,
                    "control-character",
                )
            )

    def _mapping(self, node: Any, path: Path) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self._key(key_node)
            if not isinstance(key, (str, int, float, bool)) or key is None:
                key = str(key)
            key_text = str(key)
            mark = key_node.start_mark
            if key_text in result:
                self.problems.append(
                    YamlProblem(t("duplicate key '{key}'", key=key_text), mark.line, mark.column, "duplicate-key")
                )
            self.doc.key_positions[path + (key_text,)] = (mark.line, mark.column)
            result[key_text] = self.build(value_node, path + (key_text,))
        return result

    def _key(self, key_node: Any) -> Any:
        if not isinstance(key_node, yaml.ScalarNode):
            return "<complex key>"
        try:
            key = _construct(self.loader, key_node)
        except (yaml.YAMLError, ValueError, OverflowError):
            return str(key_node.value)
        if isinstance(key, str):
            self._check_characters(key, key_node.start_mark)
        elif isinstance(key, int) and key.bit_length() > _MAX_INTEGER_BITS:
            return str(key_node.value)
        return key


# What to do about YAML's commonest complaints, in the author's terms.
_SYNTAX_HINTS = (
    ("mapping values are not allowed", t("align this line with the keys above, or put the value in quotes")),
    ("did not find expected key", t("align this line with the lines of the same list or record")),
    ("did not find expected '-' indicator", t("align this line with the lines of the same list")),
    ("cannot start any token", t("put the value in quotes")),
)


class _TooLarge(Exception):
    def __init__(self, mark: Any) -> None:
        self.mark = mark


def load_yaml(text: str, *, prose: ProseMap | None = None) -> tuple[YamlDocument | None, list[YamlProblem]]:
    """Parse one YAML document; never raises for bad input.

    With ``prose``, the values it names are read as written (:mod:`._prose`) rather than as
    YAML would; a tab in an indentation is then reported on its own, and nothing else.
    """
    if prose is not None:
        reading = read_prose(text, prose)
        found = [YamlProblem(p.message, p.line, p.column, "syntax", p.hint) for p in reading.problems]
        tabs = [f for f, p in zip(found, reading.problems, strict=True) if p.kind == "tab"]
        doc, problems = _load(reading.text)
        if tabs and (doc is None or any(p.kind == "syntax" for p in problems)):
            # YAML stumbled, and a tab is why: one precise message per line beats YAML's.
            return None, tabs
        return doc, [f for f in found if f not in tabs] + problems
    return _load(text)


def _load(text: str) -> tuple[YamlDocument | None, list[YamlProblem]]:
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return YamlDocument(None), []
        builder = _Builder(loader)
        builder.doc.value = builder.build(node, ())
        return builder.doc, builder.problems
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position)
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1)
        character = exc.character if isinstance(exc.character, int) else 0
        return None, [
            YamlProblem(
                t("the character U+{codepoint:04X} is not allowed", codepoint=character),
                line,
                column,
                "raw-control-character",
            )
        ]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = _syntax_message(exc.context, exc.problem)
        hint: Message | None = None
        context_words, problem_words = str(exc.context), str(exc.problem)
        if exc.context_mark is not None and "flow" in context_words and "did not find expected" in problem_words:
            # YAML notices a '[' or '{' left open lines later: point at the bracket itself.
            mark = exc.context_mark
            bracket = "]" if "sequence" in context_words else "}"
            hint = t("close it with '{bracket}' on the same line, or put the text in quotes", bracket=bracket)
        elif exc.context_mark is not None and "could not find expected ':'" in problem_words:
            # YAML notices on the next line that this one has no key: point at this one.
            mark = exc.context_mark
            message = t("this line is not 'key: value'")
            hint = t("indent it under the key above to continue its text, or start it with a key")
        else:
            words = f"{context_words} {problem_words}"
            hint = next((h for found, h in _SYNTAX_HINTS if found in words), None)
        line, column = (mark.line, mark.column) if mark else (0, 0)
        return None, [YamlProblem(message, line, column, "syntax", hint)]
    except _TooLarge as exc:
        return None, [
            YamlProblem(
                t("the YAML expands to too many values (alias bomb?)"), exc.mark.line, exc.mark.column, "too-large"
            )
        ]
    except (yaml.YAMLError, RecursionError, ValueError, OverflowError) as exc:
        # Constructors raise plain errors for things like dates out of range or nesting
        # deeper than Python's stack; they are still the author's input, not our crash.
        problem = t("{kind}: {detail}", kind=type(exc).__name__, detail=_library_words(str(exc)))
        return None, [YamlProblem(t("invalid YAML: {problem}", problem=problem), 0, 0, "syntax")]
    finally:
        loader.dispose()


def _syntax_message(context: str | None, problem: str | None) -> Message:
    """libyaml's ``context problem`` words ("while parsing a block mapping did not find expected
    key"), each translated when it is one of the phrases libyaml uses."""
    if context and problem:
        return t("{context} {problem}", context=_library_words(context), problem=_library_words(problem))
    if context or problem:
        return _library_words(context or problem or "")
    return t("invalid YAML")


def _library_words(text: str) -> Message:
    return _LIBYAML.get(text) or t("{text}", text=text)


# The phrases of libyaml (and PyYAML's constructors) that authors meet, as messages, so that
# they read in French too. A phrase missing here is shown as libyaml wrote it.
_LIBYAML: dict[str, Message] = {
    "while parsing a block mapping": t("while parsing a block mapping"),
    "while parsing a block collection": t("while parsing a block collection"),
    "while parsing a flow sequence": t("while parsing a flow sequence"),
    "while parsing a flow mapping": t("while parsing a flow mapping"),
    "while parsing a block node": t("while parsing a block node"),
    "while parsing a flow node": t("while parsing a flow node"),
    "while parsing a node": t("while parsing a node"),
    "while scanning a simple key": t("while scanning a simple key"),
    "while scanning a quoted scalar": t("while scanning a quoted scalar"),
    "while parsing a quoted scalar": t("while parsing a quoted scalar"),
    "while scanning for the next token": t("while scanning for the next token"),
    "while scanning a plain scalar": t("while scanning a plain scalar"),
    "while scanning a block scalar": t("while scanning a block scalar"),
    "while scanning an anchor": t("while scanning an anchor"),
    "while scanning an alias": t("while scanning an alias"),
    "while scanning a tag": t("while scanning a tag"),
    "while scanning a directive": t("while scanning a directive"),
    "while constructing a mapping": t("while constructing a mapping"),
    "expected a single document in the stream": t("expected a single document in the stream"),
    "did not find expected key": t("did not find expected key"),
    "did not find expected '-' indicator": t("did not find expected '-' indicator"),
    "did not find expected ',' or ']'": t("did not find expected ',' or ']'"),
    "did not find expected ',' or '}'": t("did not find expected ',' or '}}'"),
    "did not find expected node content": t("did not find expected node content"),
    "did not find expected comment or line break": t("did not find expected comment or line break"),
    "mapping values are not allowed in this context": t("mapping values are not allowed in this context"),
    "block sequence entries are not allowed in this context": t(
        "block sequence entries are not allowed in this context"
    ),
    "could not find expected ':'": t("could not find expected ':'"),
    "found unexpected end of stream": t("found unexpected end of stream"),
    "found unexpected document indicator": t("found unexpected document indicator"),
    "found a tab character that violates indentation": t("found a tab character that violates indentation"),
    "found a tab character where an indentation space is expected": t(
        "found a tab character where an indentation space is expected"
    ),
    "found character that cannot start any token": t("found character that cannot start any token"),
    "found unknown escape character": t("found unknown escape character"),
    "found undefined alias": t("found undefined alias"),
    "found undefined tag handle": t("found undefined tag handle"),
    "but found another document": t("but found another document"),
    "found unhashable key": t("found unhashable key"),
}
