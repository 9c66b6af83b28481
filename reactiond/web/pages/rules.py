"""The Rules pages: list, create, edit, enable/disable, delete, with the same validation
and conflict messages as `/api/rules` (rule_service), and "try it": a message and an
emoji, and what each rule would make of it, nothing saved (`preview_rules`, as
`POST /api/rules/test`). Below the emoji rules, the talk rules (`pages/talk.py`, as
`PUT /api/talk`): what reactiond does with what people write to it."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, get_args

from aiohttp import web

from reactiond import rule_service
from reactiond.json_input import JsonRefused, load_json
from reactiond.nlp.result import ParserName
from reactiond.rules.match import RuleConflict
from reactiond.rules.model import ActionName, Rule, RuleInvalid, parse_rule
from reactiond.rules.talk import TalkRulesInvalid
from reactiond.store.interface import StoreUnavailable
from reactiond.store.rules_repo import RuleNotFound
from reactiond.web.pages.frame import Guard, Pages, Viewer, see_other, with_query
from reactiond.web.pages.talk import ASKERS_HINT, TalkView, save_talk, talk_view
from reactiond.web.pages.text import words
from reactiond.whole_number import whole_number

ACTIONS: tuple[str, ...] = get_args(ActionName)
PARSERS: tuple[str, ...] = get_args(ParserName)
TRY_LANGUAGES = ("es", "en", "pt", "fr")
MAX_TRY_CHARS = 4000
# The form's fields, where a refused rule's problems are said (`placed_problems`).
FORM_FIELDS = ("name", "triggers", "action", "parser", "priority", "config", "conditions")


def form_fields(rule: Rule | None) -> dict[str, str]:
    """The form's values for a rule (empty for a new one)."""
    if rule is None:
        return {
            "name": "",
            "triggers": "",
            "action": ACTIONS[0],
            "parser": "",
            "priority": "0",
            "enabled": "1",
            "config": "{}",
            "conditions": "{}",
        }
    data = rule.public()
    return {
        "name": rule.name,
        "triggers": " ".join(rule.triggers),
        "action": rule.action,
        "parser": rule.parser or "",
        "priority": str(rule.priority),
        "enabled": "1" if rule.enabled else "",
        "config": _compact_json(data.get("config") or {}),
        "conditions": _compact_json(data.get("conditions") or {}),
    }


def _compact_json(value: Any) -> str:
    shown = (
        {k: v for k, v in value.items() if v not in (None, [], (), "any")}
        if isinstance(value, dict)
        else value
    )
    return json.dumps(shown, ensure_ascii=False, indent=1)


def rule_data(form: Mapping[str, str]) -> dict[str, Any]:
    """What the form says, as the JSON body `POST /api/rules` takes. Raises
    `RuleInvalid` for a JSON field that is not JSON."""
    data: dict[str, Any] = {
        "name": form.get("name", "").strip(),
        "triggers": [t for t in form.get("triggers", "").replace(",", " ").split() if t],
        "action": form.get("action", ""),
        "enabled": form.get("enabled") == "1",
    }
    priority = form.get("priority", "").strip() or "0"
    # A number the API then checks; anything else goes as text, and the API says why.
    number = whole_number(priority.removeprefix("-"))
    data["priority"] = priority if number is None else -number if priority[0] == "-" else number
    if form.get("parser"):
        data["parser"] = form["parser"]
    not_json: list[tuple[str, str]] = []
    for name in ("config", "conditions"):
        text = form.get(name, "").strip()
        if not text:
            continue
        try:
            data[name] = load_json(text.encode())
        except JsonRefused as exc:
            not_json.append((name, exc.reason))
    if not_json:
        # Every problem at once, each beside its field: what the rest of the form says
        # wrong too, not only the JSON (one round trip per problem otherwise).
        try:
            parse_rule(data)
        except RuleInvalid as exc:
            raise RuleInvalid(not_json + exc.problems) from exc
        raise RuleInvalid(not_json)
    return data


def placed_problems(
    problems: list[tuple[str, str]],
) -> tuple[dict[str, list[str]], list[tuple[str, str]]]:
    """Where each of a refused rule's problems is said, once: beside the form's field it
    belongs to ("config.currency" beside the configuration, with its path), else in the
    list above the form ("rule", a field the form does not show)."""
    beside: dict[str, list[str]] = {}
    elsewhere: list[tuple[str, str]] = []
    for where, reason in problems:
        field, dot, rest = where.partition(".")
        if field in FORM_FIELDS:
            beside.setdefault(field, []).append(f"{rest}: {reason}" if dot else reason)
        else:
            elsewhere.append((where, reason))
    return beside, elsewhere


# A page's hint for a rule it cannot find: the listing it answers with shows them (the
# API's hint, "GET /api/rules", is for programs). English, said by `reasons.py`.
PICK_ONE = "pick one from the list below"


def rules_routes(pages: Pages, guard: Guard) -> list[web.RouteDef]:
    ctx = pages.ctx
    store = ctx.store

    async def listing(
        request: web.Request,
        viewer: Viewer,
        *,
        error: str | None = None,
        hint: str | None = None,
        status: int = 200,
    ) -> web.Response:
        rules: list[Rule] = []
        talk: TalkView | None = None
        try:
            rules = await rule_service.list_rules(store)
            talk = await talk_view(store, ctx.settings)
        except StoreUnavailable as exc:
            error, hint, status = exc.reason, exc.hint, 503
        tried = None
        emoji = request.query.get("emoji", "").strip()
        text = request.query.get("text", "")
        lang = request.query.get("lang", "")
        if emoji and text.strip():
            tried = await rule_service.preview_rules(
                store,
                emoji,
                text[:MAX_TRY_CHARS],
                tz=viewer.tz,
                lang=lang if lang in TRY_LANGUAGES else None,
            )
        notice = {
            "saved": "rules.saved",
            "deleted": "rules.deleted",
            "talk": "settings.saved",
        }.get(request.query.get("notice", ""))
        return pages.render(
            request,
            viewer,
            "rules.html",
            status=status,
            rules=rules,
            talk=talk,
            tried=tried,
            emoji=emoji,
            text=text,
            try_lang=lang,
            try_languages=TRY_LANGUAGES,
            notice_key=notice,
            error=error,
            hint=hint,
        )

    def edit_form(
        request: web.Request,
        viewer: Viewer,
        rule_id: int | None,
        fields: Mapping[str, str],
        *,
        problems: list[tuple[str, str]] | None = None,
        error: str | None = None,
        hint: str | None = None,
        status: int = 200,
    ) -> web.Response:
        beside, elsewhere = placed_problems(problems or [])
        return pages.render(
            request,
            viewer,
            "rule_form.html",
            status=status,
            rule_id=rule_id,
            f=fields,
            actions=ACTIONS,
            parsers=PARSERS,
            problems=beside,
            other_problems=elsewhere,
            error=error,
            hint=hint,
        )

    @guard
    async def list_view(request: web.Request, viewer: Viewer) -> web.StreamResponse:
        return await listing(request, viewer)

    @guard
    async def new_view(request: web.Request, viewer: Viewer) -> web.StreamResponse:
        return edit_form(request, viewer, None, form_fields(None))

    @guard
    async def edit_view(request: web.Request, viewer: Viewer) -> web.StreamResponse:
        ref = request.match_info["id"]
        try:
            rule = await rule_service.show_rule(store, ref)
        except RuleNotFound:
            return await listing(
                request,
                viewer,
                error=f"no rule {ref!r}",
                hint=PICK_ONE,
                status=404,
            )
        return edit_form(request, viewer, rule.id, form_fields(rule))

    async def save(request: web.Request, viewer: Viewer, ref: str | None) -> web.StreamResponse:
        rule_id = whole_number(ref)
        try:
            data = rule_data(viewer.form)
            if ref is None:
                await rule_service.add_rule(store, data, ctx.clock())
            else:
                await rule_service.replace_rule(store, ref, data, ctx.clock())
        except RuleInvalid as exc:
            # The banner only says the rule was refused: each problem is said once, beside
            # its field (or in the list above the form), not again here.
            t = words(viewer.lang)
            return edit_form(
                request,
                viewer,
                rule_id,
                viewer.form,
                problems=exc.problems,
                error=t["rules.invalid"],
                hint=t["rules.invalid_hint"],
                status=400,
            )
        except RuleConflict as exc:
            return edit_form(
                request,
                viewer,
                rule_id,
                viewer.form,
                error=str(exc),
                hint=f"change or disable rule '{exc.other.name}' first",
                status=409,
            )
        except RuleNotFound as exc:
            return await listing(
                request,
                viewer,
                error=f"no rule {exc.ref!r}",
                hint=PICK_ONE,
                status=404,
            )
        return see_other(with_query("/rules", notice="saved"))

    @guard
    async def create(request: web.Request, viewer: Viewer) -> web.StreamResponse:
        return await save(request, viewer, None)

    @guard
    async def replace(request: web.Request, viewer: Viewer) -> web.StreamResponse:
        return await save(request, viewer, request.match_info["id"])

    @guard
    async def enabled(request: web.Request, viewer: Viewer) -> web.StreamResponse:
        ref = request.match_info["id"]
        try:
            await rule_service.set_enabled(store, ref, viewer.form.get("enabled") == "1")
        except RuleConflict as exc:
            return await listing(
                request,
                viewer,
                error=str(exc),
                hint=f"change or disable rule '{exc.other.name}' first",
                status=409,
            )
        except RuleNotFound as exc:
            return await listing(
                request, viewer, error=f"no rule {exc.ref!r}", hint=PICK_ONE, status=404
            )
        except RuleInvalid as exc:
            return await listing(request, viewer, error=str(exc), hint=PICK_ONE, status=404)
        return see_other(with_query("/rules", notice="saved"))

    @guard
    async def delete(request: web.Request, viewer: Viewer) -> web.StreamResponse:
        ref = request.match_info["id"]
        try:
            await rule_service.delete_rule(store, ref)
        except RuleNotFound:
            return await listing(
                request,
                viewer,
                error=f"no rule {ref!r}",
                hint=PICK_ONE,
                status=404,
            )
        return see_other(with_query("/rules", notice="deleted"))

    @guard
    async def talk(request: web.Request, viewer: Viewer) -> web.StreamResponse:
        try:
            await save_talk(store, ctx.settings, viewer.form, ctx.clock())
        except TalkRulesInvalid as exc:
            return await listing(
                request,
                viewer,
                error=f"invalid talk rules: {exc}",
                hint=ASKERS_HINT if "askers" in viewer.form else "GET /api/talk shows them",
                status=400,
            )
        except StoreUnavailable as exc:
            return await listing(request, viewer, error=exc.reason, hint=exc.hint, status=503)
        return see_other(with_query("/rules", notice="talk") + "#talk")

    return [
        web.get("/rules", list_view),
        web.post("/rules/talk", talk),
        web.get("/rules/new", new_view),
        web.post("/rules", create),
        web.get(r"/rules/{id:\d+}/edit", edit_view),
        web.post(r"/rules/{id:\d+}", replace),
        web.post(r"/rules/{id:\d+}/enabled", enabled),
        web.post(r"/rules/{id:\d+}/delete", delete),
    ]
