"""Reading and storing the talk rules (rules/talk.py): the one function the CLI
(`reactiond talk …`), the API (`/api/talk`) and the daemon's start call, and what each
conversation job reads for the message it handles (so a change applies to the next
message, without a restart)."""

from __future__ import annotations

from reactiond.rules.talk import TalkRules, dumps, loads
from reactiond.settings import Settings
from reactiond.store import conversation_repo as talk
from reactiond.store.interface import Transaction


def default_talk_rules(questions: bool, questions_from_contacts: bool) -> TalkRules:
    """The rules before any are stored: from REACTIOND_QUESTIONS(_FROM_CONTACTS)."""
    return TalkRules(questions=questions, contacts=questions and questions_from_contacts)


def settings_talk_rules(s: Settings) -> TalkRules:
    return default_talk_rules(s.questions, s.questions_from_contacts)


def read_talk_rules(tx: Transaction, default: TalkRules) -> TalkRules:
    return loads(talk.talk_rules(tx), default)


def talk_rules_stored(tx: Transaction) -> bool:
    return talk.talk_rules(tx) is not None


def store_talk_rules(tx: Transaction, rules: TalkRules, now: float) -> TalkRules:
    """Store `rules` and tell the ingest who may ask; returns them."""
    talk.set_talk_rules(tx, dumps(rules), now)
    talk.set_askers(tx, rules.ingest_askers(), now)
    return rules


def start_talk_rules(tx: Transaction, default: TalkRules, now: float) -> None:
    """At the daemon's start: the ingest's list of askers from the stored rules, or from
    the settings while none are stored."""
    talk.set_askers(tx, read_talk_rules(tx, default).ingest_askers(), now)
