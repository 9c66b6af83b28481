"""The pages' sessions, CSRF tokens, login throttle and language choice: pure pieces,
with the clock and the token as values."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reactiond.store.web_sessions_repo import LoginTries
from reactiond.web.pages.session import LOGIN_TRIES, LOGIN_TRY_WINDOW, SESSION_SECONDS, Sessions
from reactiond.web.pages.text import PAGE_LANGUAGES, choose_language, keys, words


class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


def with_key(sessions: Sessions, key: bytes = b"k" * 32) -> Sessions:
    """The house's key, as the pages read it from the store (frame.house_ready)."""
    sessions.house_key = key
    return sessions


def test_a_session_reads_back_until_it_expires() -> None:
    clock = Clock()
    sessions = Sessions(lambda: "token-0123456789abcdef", clock)
    cookie, session = sessions.new()
    assert sessions.read(cookie) == session
    clock.now += SESSION_SECONDS + 1
    assert sessions.read(cookie) is None


def test_rotating_the_token_ends_every_session() -> None:
    token = {"now": "token-0123456789abcdef"}
    sessions = Sessions(lambda: token["now"], Clock())
    cookie, _ = sessions.new()
    token["now"] = "another-token-fedcba9876543210"
    assert sessions.read(cookie) is None


def test_a_session_never_holds_the_token() -> None:
    sessions = Sessions(lambda: "token-0123456789abcdef", Clock())
    cookie, session = sessions.new()
    assert "token-0123456789abcdef" not in cookie and session.csrf not in cookie


def test_an_open_session_reads_on_every_process_with_the_house_key() -> None:
    one, other = (with_key(Sessions(lambda: None, Clock())) for _ in range(2))
    cookie, session = one.new()
    assert other.read(cookie) == session
    stranger = with_key(Sessions(lambda: None, Clock()), b"x" * 32)
    assert stranger.read(cookie) is None


@given(st.text(max_size=300))
def test_a_forged_cookie_is_no_session(cookie: str) -> None:
    sessions = Sessions(lambda: "token-0123456789abcdef", Clock())
    assert sessions.read(cookie) is None


def test_a_tampered_expiry_is_no_session() -> None:
    sessions = Sessions(lambda: "token-0123456789abcdef", Clock())
    cookie, _ = sessions.new()
    expiry, rest = cookie.split(".", 1)
    assert sessions.read(f"{int(expiry) + 10**6}.{rest}") is None


def test_the_login_form_token_belongs_to_its_nonce() -> None:
    sessions = with_key(Sessions(lambda: "token-0123456789abcdef", Clock()))
    nonce = sessions.login_nonce(None)
    assert sessions.login_nonce(nonce) == nonce  # a valid one is kept
    assert sessions.login_csrf_ok(nonce, sessions.login_csrf(nonce))
    other = sessions.login_nonce(None)
    assert not sessions.login_csrf_ok(other, sessions.login_csrf(nonce))


def test_a_login_form_from_one_process_is_taken_by_another_of_the_house() -> None:
    one, other = (with_key(Sessions(lambda: "token-0123456789abcdef", Clock())) for _ in range(2))
    nonce = one.login_nonce(None)
    assert other.login_csrf_ok(nonce, one.login_csrf(nonce))


def test_wrong_tokens_from_one_address_are_throttled_for_a_window() -> None:
    clock = Clock()
    sessions = Sessions(lambda: "token-0123456789abcdef", clock)
    assert not sessions.login_blocked(None)
    for n in range(1, LOGIN_TRIES):
        assert not sessions.login_blocked(LoginTries("192.0.2.7", clock.now, n))
    assert sessions.login_blocked(LoginTries("192.0.2.7", clock.now, LOGIN_TRIES))
    tries = LoginTries("192.0.2.7", clock.now, LOGIN_TRIES)
    clock.now += LOGIN_TRY_WINDOW + 1
    assert not sessions.login_blocked(tries)


def test_the_language_comes_from_the_switch_then_the_browser_then_the_default() -> None:
    assert choose_language("pt", "es-MX,es;q=0.9", "en") == "pt"
    assert choose_language(None, "de-DE, fr;q=0.8, es;q=0.9", "en") == "es"
    assert choose_language(None, "de, it", "pt") == "pt"
    assert choose_language(None, "es;q=0, en;q=0.5", "pt") == "en"
    assert choose_language("xx", None, "zz") == "en"


@given(st.text(max_size=200), st.text(max_size=10))
def test_any_accept_language_gives_a_page_language(header: str, cookie: str) -> None:
    assert choose_language(cookie, header, "es") in PAGE_LANGUAGES


def test_every_word_exists_in_every_language() -> None:
    for lang in PAGE_LANGUAGES:
        shown = words(lang)
        assert set(shown) == keys()
        assert all(text.strip() for text in shown.values()), lang


def test_every_word_a_template_names_exists() -> None:
    import re
    from importlib import resources

    folder = resources.files("reactiond.web.pages") / "templates"
    named = set()
    for entry in folder.iterdir():
        named |= set(re.findall(r"t\['([a-z_.-]+)'\]", entry.read_text(encoding="utf-8")))
    assert named and named - keys() == set()
