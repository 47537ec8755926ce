"""Rules for Agents and Groups (actor, instructor, team, authority, agents as objects)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from xapi.validation import formats
from xapi.validation.checker import Checker
from xapi.validation.problems import Path

__all__ = ["check_actor", "check_agent", "check_group"]

IDENTIFIERS = ("mbox", "mbox_sha1sum", "openid", "account")
_AGENT_KEYS = frozenset(("objectType", "name", *IDENTIFIERS))
_GROUP_KEYS = _AGENT_KEYS | {"member"}
_IDENTIFIER_SET = frozenset(IDENTIFIERS)
_ACCOUNT_KEYS = frozenset(("homePage", "name"))


def _identifier(c: Checker, actor: Mapping[str, Any], path: Path, *, needed: bool) -> None:
    """Exactly one inverse functional identifier (or none, for an anonymous group)."""
    if "account" in actor and len(actor.keys() & _IDENTIFIER_SET) == 1:
        present = ["account"]  # the common case (pseudonymous learners), in one C call
    else:
        present = [key for key in IDENTIFIERS if key in actor]
    if len(present) > 1:
        c.report(
            "identifier",
            path,
            "an Agent or Group has exactly one identifier, found " + ", ".join(present),
        )
    elif not present and needed:
        c.report(
            "identifier",
            path,
            "an Agent needs exactly one identifier: mbox, mbox_sha1sum, openid or account",
        )
    if "mbox" in actor:
        mbox = c.string(actor["mbox"], (*path, "mbox"))
        if mbox is not None and not formats.is_mailto(mbox):
            c.report(
                "mbox",
                (*path, "mbox"),
                f"expected 'mailto:' and an email address, got {mbox!r}",
            )
    if "mbox_sha1sum" in actor:
        sha = c.string(actor["mbox_sha1sum"], (*path, "mbox_sha1sum"))
        if sha is not None and not formats.is_sha1(sha):
            c.report("sha1", (*path, "mbox_sha1sum"), "expected 40 hexadecimal digits")
    if "openid" in actor:
        c.iri(actor["openid"], (*path, "openid"))
    if "account" in actor:
        account = c.obj(
            actor["account"],
            (*path, "account"),
            required=("homePage", "name"),
            allowed=_ACCOUNT_KEYS,
        )
        if account is not None:
            if "homePage" in account:
                c.iri(account["homePage"], (*path, "account", "homePage"))
            if "name" in account:
                c.string(account["name"], (*path, "account", "name"))
    if "name" in actor:
        c.string(actor["name"], (*path, "name"))


def check_agent(c: Checker, value: object, path: Path, *, object_type_required: bool) -> None:
    agent = c.obj(
        value,
        path,
        required=("objectType",) if object_type_required else (),
        allowed=_AGENT_KEYS,
    )
    if agent is None:
        return
    if "objectType" in agent:
        c.constant(agent["objectType"], (*path, "objectType"), "Agent")
    _identifier(c, agent, path, needed=True)


def check_group(c: Checker, value: object, path: Path) -> None:
    group = c.obj(value, path, required=("objectType",), allowed=_GROUP_KEYS)
    if group is None:
        return
    if "objectType" in group:
        c.constant(group["objectType"], (*path, "objectType"), "Group")
    identified = any(key in group for key in IDENTIFIERS)
    _identifier(c, group, path, needed=False)
    if not identified and "member" not in group:
        c.report(
            "required",
            (*path, "member"),
            "an anonymous Group (no identifier) must list its 'member' Agents",
        )
    if "member" in group:
        members = c.array(group["member"], (*path, "member"), non_empty=not identified)
        for i, member in enumerate(members or ()):
            # Groups never nest: a member is an Agent.
            if isinstance(member, dict) and member.get("objectType") == "Group":
                c.report(
                    "object-type",
                    (*path, "member", i),
                    "a Group member must be an Agent",
                )
                continue
            check_agent(c, member, (*path, "member", i), object_type_required=False)


def check_actor(c: Checker, value: object, path: Path, *, object_type_required: bool = False) -> None:
    """An Agent or a Group, told apart by objectType (absent means Agent)."""
    if isinstance(value, dict) and value.get("objectType") == "Group":
        check_group(c, value, path)
    else:
        check_agent(c, value, path, object_type_required=object_type_required)
