"""Building blocks shared by every page: links to entities and small Markdown helpers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .. import urls
from ..model import Citation, Model, Reference
from . import labels as lb
from . import markup as mk
from .relations import Relations


@dataclass(frozen=True)
class Links:
    """Builds links from one page to any entity."""

    page: str
    model: Model
    rel: Relations

    def label(self, entity: object) -> str:
        if isinstance(entity, Reference):
            return self.rel.reference_labels[entity.id]
        return lb.label(entity)

    def to(self, entity: object, text: str | None = None) -> str:
        return f"[{mk.inline(text if text is not None else self.label(entity))}]({urls.href(self.page, entity)})"

    def page_link(self, path: str, text: str) -> str:
        return f"[{mk.inline(text)}]({urls.href(self.page, path)})"

    def ids(self, kind: str, ids: tuple[str, ...] | list[str]) -> str:
        table = self.model.by_id[kind]
        return ", ".join(self.to(table[i]) for i in ids)

    def many(self, entities: list[Any]) -> str:
        return ", ".join(self.to(e) for e in entities)

    def citation(self, citation: Citation) -> str:
        reference = self.model.by_id["reference"][citation.ref]
        note = f" — {mk.inline(citation.note)}" if citation.note else ""
        return f"{self.to(reference)}{unverified_mark(reference)}{self.print_entry(reference)}{note}"

    def print_entry(self, reference: Reference) -> str:
        """The reference's full entry (APA), shown on paper only: a printed page has no link to follow."""
        entry = self.rel.citations.styled["apa"].get(reference.id, "")
        # Inline HTML inside a Markdown line is still read as Markdown: the entry's text is made inert.
        return f' <span class="print-entry" data-pagefind-ignore>({mk.inert_html(entry)})</span>' if entry else ""


def unverified_mark(reference: Reference) -> str:
    return " " + mk.badge("unverified", "unverified") if reference.verification.status != "verified" else ""


def field(name: str, value: str) -> str:
    return f"- **{name}:** {value}" if value else ""


def join(*blocks: str) -> str:
    """Blocks separated by one blank line, empty ones dropped; the page ends with a newline."""
    return "\n\n".join(b.strip("\n") for b in blocks if b and b.strip()) + "\n"


def fields(*lines: str) -> str:
    return "\n".join(line for line in lines if line)


def count(number: int, noun: str) -> str:
    plural = noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
    return f"{number} {noun if number == 1 else plural}"


def first_sentence(text: str) -> str:
    flat = " ".join(text.split())
    end = flat.find(". ")
    return flat if end == -1 else flat[: end + 1]
