"""`plan_reaction` on a picture or PDF (issue 23): the bill from the file's text and
caption, the fields it lacks asked for, and a file that could not be read answered."""

from __future__ import annotations

import dataclasses

from reactiond.engine.reaction_context import DocumentRead, ReactionContext
from reactiond.engine.reaction_plan import ReactionPolicy, plan_reaction
from reactiond.nlp import parse
from reactiond.replies.documents import INSTALL_COMMAND
from reactiond.rules.model import Rule, RuleConfig
from tests.unit.nlp.test_sender_hint import context

BILL = Rule(
    id=5, name="bill", triggers=("💳",), action="create_bill", config=RuleConfig(reminders=True)
)
CFE = "CFE\nRecibo de luz\nTotal a pagar: $890.00\nFecha límite de pago: 28 de enero de 2025"


def on_picture(caption: str | None, document: DocumentRead) -> ReactionContext:
    ctx = context(None, "5215512345678")
    assert ctx.message is not None
    message = dataclasses.replace(ctx.message, text=caption, document=document)
    return dataclasses.replace(
        ctx, rules=(BILL,), emoji="💳", reactor_language="es", message=message
    )


def test_a_bill_is_made_from_the_files_text() -> None:
    ctx = on_picture(None, DocumentRead("image", CFE, None))
    [creation] = plan_reaction(ctx, ReactionPolicy(), parse, attempts=1, now=0.0).creations
    [row] = creation.rows
    assert (row.values["vendor"], row.values["amount"], row.values["due_local"]) == (
        "CFE",
        "890.00",
        "2025-01-28",
    )
    assert "No encontré" not in creation.reply_text


def test_a_missing_due_date_is_asked_for_in_the_confirmation() -> None:
    text = CFE.rsplit("\n", 1)[0]
    ctx = on_picture(None, DocumentRead("image", text, None))
    [creation] = plan_reaction(ctx, ReactionPolicy(), parse, attempts=1, now=0.0).creations
    assert creation.rows
    assert creation.reply_text.endswith(
        "❓ No encontré la fecha de vencimiento — responde con ella"
    )


def test_a_file_with_no_bill_in_it_makes_nothing_and_says_what_to_write() -> None:
    ctx = on_picture(None, DocumentRead("image", "una foto de un gato", None))
    [creation] = plan_reaction(ctx, ReactionPolicy(), parse, attempts=1, now=0.0).creations
    assert not creation.rows and creation.action.outcome == "parse_failed"
    assert creation.reply_text.startswith("💳 No encontré el importe a pagar en el archivo")


def test_an_unread_picture_without_caption_is_answered_with_why() -> None:
    ctx = on_picture(None, DocumentRead("image", None, "not_installed"))
    [creation] = plan_reaction(ctx, ReactionPolicy(), parse, attempts=1, now=0.0).creations
    assert not creation.rows
    assert (creation.action.outcome, creation.action.detail) == (
        "parse_failed",
        "document_not_installed",
    )
    assert INSTALL_COMMAND in creation.reply_text


def test_an_unread_picture_whose_caption_names_a_bill_still_makes_it() -> None:
    caption = "Luz CFE $890 vence el 28 de enero"
    ctx = on_picture(caption, DocumentRead("image", None, "timed_out"))
    [creation] = plan_reaction(ctx, ReactionPolicy(), parse, attempts=1, now=0.0).creations
    assert creation.rows and creation.action.outcome == "created"
    assert "tardó demasiado" in creation.reply_text
