"""The claim checks as W3C Web Annotations on the paper itself (downloads/annotations.jsonld).

One annotation per claim, motivated by "assessing": its target is the paper's own address with a
TextQuoteSelector on the words the paper printed, so an annotation tool (Hypothesis, for one)
can anchor our verdict in the paper's text; its body is the verdict, our explanation and a link
to the claim on this site. Web Annotation Data Model: https://www.w3.org/TR/annotation-model/
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..citation import Site, absolute_url
from ..model import Model
from . import labels as lb

ANNOTATIONS = "downloads/annotations.jsonld"
_CONTEXT = "http://www.w3.org/ns/anno.jsonld"


def quote(printed: str) -> str:
    """The printed words as a selector's `exact`: white space as a browser shows it (one space)."""
    return re.sub(r"\s+", " ", printed).strip()


def _time(day: str) -> str:
    return f"{day}T00:00:00Z"  # the model asks for xsd:dateTime; the record of review keeps days


def collection(model: Model, site: Site) -> str:
    """The AnnotationCollection, one page holding every claim's annotation, in claim order."""
    address = site.url + ANNOTATIONS
    creator = {"type": "Organization", "name": site.name, "homepage": site.url}
    items: list[dict[str, Any]] = []
    for claim in model.claims:
        link = absolute_url(site, claim)
        items.append({
            "id": f"{address}#{claim.id}",
            "type": "Annotation",
            "motivation": "assessing",
            "created": _time(claim.review.published),
            "modified": _time(claim.review.last_changed),
            "creator": creator,
            "body": [
                {"type": "TextualBody", "purpose": "assessing", "value": lb.VERDICTS[claim.verdict],
                 "format": "text/plain", "language": "en"},
                {"type": "TextualBody", "purpose": "describing", "value": re.sub(r"\s+", " ", claim.explanation),
                 "format": "text/plain", "language": "en"},
                {"id": link, "type": "Text", "format": "text/html", "language": "en"},
            ],
            "target": {
                "source": model.paper.url,
                "selector": {"type": "TextQuoteSelector", "exact": quote(claim.printed)},
            },
        })
    document = {
        "@context": _CONTEXT,
        "id": address,
        "type": "AnnotationCollection",
        "label": f"{site.name}: the claims of {model.paper.authors[0].family} ({model.paper.issued[:4]}), checked",
        "creator": creator,
        "total": len(items),
        "first": {"id": f"{address}#page-1", "type": "AnnotationPage", "startIndex": 0, "items": items},
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
