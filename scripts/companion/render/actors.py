"""The actors' index and a page per actor."""

from __future__ import annotations

from .. import urls
from ..model import Actor
from . import labels as lb
from . import markup as mk
from .blocks import Links, count, field, fields, first_sentence, join
from .context import Context


def actors_index_page(ctx: Context) -> str:
    model, rel = ctx.model, ctx.relations
    ln = Links(urls.ACTORS, model, rel)
    groups = []
    for kind, title in lb.ACTOR_KINDS.items():
        members = sorted((a for a in model.actors if a.kind == kind), key=lambda a: a.name)
        if members:
            lines = []
            for actor in members:
                cases = {case.id for role in rel.cases_by_actor.get(actor.id, {}).values() for case in role}
                lines.append(f"{ln.to(actor)} — {count(len(cases), 'case')}")
            groups.append(join(f"## {title}", mk.bullets(lines)))
    return join(
        mk.front_matter(description="States, organisations, threat groups and people in the cases."),
        "# Actors",
        "The states, organisations, threat groups and people that appear in the cases, with the cases they "
        "appear in and in what role.",
        *groups,
    )


def actor_page(actor: Actor, ctx: Context) -> str:
    model, rel = ctx.model, ctx.relations
    page, _ = urls.page_of(actor)
    ln = Links(page, model, rel)
    roles = rel.cases_by_actor.get(actor.id, {})
    role_blocks = [join(f"### As {role}", mk.bullets([ln.to(c) for c in cases])) for role, cases in roles.items()]
    return join(
        mk.front_matter(description=first_sentence(actor.description) if actor.description else actor.name),
        mk.heading(1, actor.name),
        fields(
            field("Kind", mk.inline(actor.kind)),
            field("Country", mk.inline(actor.country)),
            field("Also known as", mk.inline(", ".join(actor.aliases))),
            field("MITRE ATT&amp;CK", mk.external(actor.attack_id, f"https://attack.mitre.org/groups/{actor.attack_id}/")
                   if actor.attack_id else ""),
        ),
        mk.paragraphs(actor.description) if actor.description else "",
        "## Cases",
        "\n\n".join(role_blocks) or "No cases yet.",
        ("## Sources\n\n" + mk.bullets([ln.citation(c) for c in actor.sources])) if actor.sources else "",
    )
