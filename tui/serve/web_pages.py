"""The browser door's pages, as HTML: the login form, the page a one-time link opens, and the
app's page around textual-serve's terminal client. Every value is escaped; the style is inline
(the Content-Security-Policy allows no other source)."""

from __future__ import annotations

import html

from tui.presentation.catalogue import t

APP_HEAD = '<link rel="stylesheet" href="/static/css/xterm.css"><script src="/static/js/textual.js"></script>'


def document(lang: str, body: str, head: str = "", body_class: str = "") -> str:
    opening = f"<body class='{body_class}'>" if body_class else "<body>"
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{html.escape(t('app_title', lang))}</title><style>{CSS}</style>{head}</head>"
            f"{opening}{body}</body></html>")


def login_form(lang: str, token: str, message: str = "", user: str = "") -> str:
    error = f'<p class="error" role="alert">{html.escape(message)}</p>' if message else ""
    return (f"<main><h1>{html.escape(t('app_title', lang))}</h1><p>{html.escape(t('web_login_intro', lang))}</p>"
            f"{error}<form method='post' action='/login'>"
            f"<label>{html.escape(t('web_user', lang))}<input name='user' autocomplete='username' "
            f"maxlength='32' required value='{html.escape(user, quote=True)}'></label>"
            f"<label>{html.escape(t('web_code', lang))}<input name='code' autocomplete='one-time-code' "
            f"maxlength='64' required></label>"
            f"<input type='hidden' name='csrf' value='{token}'>"
            f"<button type='submit'>{html.escape(t('web_login', lang))}</button></form></main>")


def link_form(lang: str, user: str, token: str, form: str) -> str:
    """A link only shows a button: chat apps fetch links to preview them, which must not spend it."""
    return (f"<main><h1>{html.escape(t('app_title', lang))}</h1>"
            f"<p>{html.escape(t('web_link_intro', lang, user=user))}</p>"
            f"<form method='post' action='/link'><input type='hidden' name='user' "
            f"value='{html.escape(user, quote=True)}'><input type='hidden' name='token' "
            f"value='{html.escape(token, quote=True)}'><input type='hidden' name='csrf' value='{form}'>"
            f"<button type='submit'>{html.escape(t('web_login', lang))}</button></form></main>")


def app_body(lang: str, user: str, csrf: str, ws_url: str) -> str:
    return (f"<header><span>{html.escape(t('web_signed_in', lang, user=user))}</span>"
            f"<form method='post' action='/logout'><input type='hidden' name='csrf' value='{csrf}'>"
            f"<button type='submit' id='logout'>{html.escape(t('web_logout', lang))}</button></form></header>"
            f"<div id='terminal' class='textual-terminal' data-session-websocket-url='{html.escape(ws_url)}' "
            f"data-font-size='16'></div>")


CSS = """
html, body { height: 100%; }
body { margin: 0; background: #0c181f; color: #e8eef2; font-family: system-ui, sans-serif; }
/* The app's page never scrolls: the terminal is sized to the area under the header. */
body.app { overflow: hidden; }
main { max-width: 26rem; margin: 10vh auto; padding: 2rem; background: #12232d; border-radius: 8px; }
h1 { font-size: 1.3rem; margin-top: 0; }
label { display: block; margin: 1rem 0; }
input { display: block; width: 100%; box-sizing: border-box; margin-top: .3rem; padding: .5rem; font-size: 1rem; }
button { padding: .6rem 1.2rem; font-size: 1rem; cursor: pointer; }
.error { color: #ffb4a8; font-weight: bold; }
header { display: flex; justify-content: space-between; align-items: center; padding: 0 .8rem;
         height: 2.4rem; box-sizing: border-box; background: #12232d; font-size: .9rem; }
header form { margin: 0; }
header button { padding: .2rem .8rem; font-size: .85rem; }
/* textual.js gives .textual-terminal the whole window (100vw x 100vh) and fits the terminal's rows
   and columns to the element: here the element is the area under the header, and a window resize
   fits it again. */
#terminal { position: absolute; top: 2.4rem; left: 0; right: 0; bottom: 0; width: auto; height: auto;
            overflow: hidden; }
"""
