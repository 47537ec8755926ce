"""The activity ids of our xAPI vocabulary (package-contract.md), written once.

Every id sits under a base IRI the deployer chooses and keeps (``--base-iri``)::

    <base>/courses/<course>                      a course (cmi5 course, statements' grouping)
    <base>/courses/<course>/blocks/<block>       a cmi5 block (one per domain)
    <base>/modules/<module>                      a module: cmi5 AU, TinCan activity, statements' object
    <base>/modules/<module>/pages/<page>         a page (experienced)
    <base>/modules/<module>/questions/<question> a question (answered)
    <base>/competencies/<competency>             a competency of the framework (grouping of answers)
    <base>/domains/<domain>                      a domain (grouping of answers)
    <base>/frameworks/<framework>/competencies/… and …/domains/…   the same, for a programme's own framework

Each id is one percent-encoded path segment (RFC 3986 unreserved characters kept), so a slash
or a space in an id never changes the tree. Both the packager (cmi5.xml, tincan.xml, the
runtime's ``activityBase``) and :mod:`xapi.statements` build ids here, so a package's
statements and server-side ones name the same activities. Standard library only: the packager
imports it without the transport.
"""

from __future__ import annotations

import urllib.parse

__all__ = [
    "block_iri",
    "competency_iri",
    "course_iri",
    "domain_iri",
    "module_iri",
    "page_iri",
    "question_iri",
    "segment",
]


def segment(ident: str) -> str:
    """``ident`` as one IRI path segment."""
    return urllib.parse.quote(ident, safe="-._~")


def _root(base_iri: str) -> str:
    return base_iri.rstrip("/")


def course_iri(base_iri: str, course_id: str) -> str:
    """``<base>/courses/<id>``."""
    return f"{_root(base_iri)}/courses/{segment(course_id)}"


def block_iri(course: str, block: str) -> str:
    """``<course IRI>/blocks/<block>``: a cmi5 block of the course ``course`` (an IRI)."""
    return f"{course}/blocks/{segment(block)}"


def module_iri(base_iri: str, module_id: str) -> str:
    """``<base>/modules/<id>``: the module's activity id, which is also its cmi5 AU id."""
    return f"{_root(base_iri)}/modules/{segment(module_id)}"


def page_iri(module: str, page_id: str) -> str:
    """``<module IRI>/pages/<page>``."""
    return f"{module}/pages/{segment(page_id)}"


def question_iri(module: str, question_id: str) -> str:
    """``<module IRI>/questions/<question>``."""
    return f"{module}/questions/{segment(question_id)}"


def _framework_root(base_iri: str, framework: str | None) -> str:
    # The socle keeps the short ids it has always had; a programme's own framework gets a
    # subtree of its own, so two programmes' "D1" never merge in one LRS.
    root = _root(base_iri)
    return root if framework is None else f"{root}/frameworks/{segment(framework)}"


def competency_iri(base_iri: str, competency: str, framework: str | None = None) -> str:
    """``<base>/competencies/<id>``: one IRI per competency of the framework, whatever module;
    ``<base>/frameworks/<framework>/competencies/<id>`` for a programme's own framework."""
    return f"{_framework_root(base_iri, framework)}/competencies/{segment(competency)}"


def domain_iri(base_iri: str, domain: str, framework: str | None = None) -> str:
    """``<base>/domains/<id>`` (``<base>/frameworks/<framework>/domains/<id>`` for a programme's own)."""
    return f"{_framework_root(base_iri, framework)}/domains/{segment(domain)}"
