"""The OAuth pieces for real: the loopback redirect answering a "browser" (requests), a fake
Mastodon instance registering the app and exchanging the code (the PKCE verifier checked
against the challenge the browser carried), X's token endpoint, OAuth 1.0a signing."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from cmplanner.networks.errors import AuthExpired, AuthFailed, InsecureURL
from cmplanner.networks.oauth import (
    LoopbackRedirect,
    SignInCancelled,
    mastodon_authorize_url,
    mastodon_exchange_code,
    mastodon_pasted_token,
    mastodon_register_app,
    new_pkce,
    oauth1_header,
    oauth1_signature,
    pkce_challenge,
    x_authorize_url,
    x_exchange_code,
    x_refresh,
)

NOW = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)


def test_pkce_is_s256_of_the_verifier() -> None:
    # RFC 7636 appendix B.
    assert (
        pkce_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
        == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
    )
    pkce = new_pkce()
    assert 43 <= len(pkce.verifier) <= 128
    assert pkce.challenge == pkce_challenge(pkce.verifier)
    assert pkce.verifier not in repr(pkce)


def test_loopback_redirect_hands_back_the_code() -> None:
    with LoopbackRedirect() as redirect:
        uri = redirect.redirect_uri
        assert uri.startswith("http://127.0.0.1:") and uri.endswith("/callback")
        answer = requests.get(uri, params={"code": "the-code", "state": redirect.state}, timeout=5)
        assert answer.status_code == 200
        assert "close this tab" in answer.text
        assert redirect.wait(5) == "the-code"


def test_loopback_redirect_ignores_a_wrong_state_and_keeps_waiting() -> None:
    with LoopbackRedirect() as redirect:
        forged = requests.get(
            redirect.redirect_uri, params={"code": "evil", "state": "not-ours"}, timeout=5
        )
        assert forged.status_code == 400
        assert "does not belong" in forged.text
        good = requests.get(
            redirect.redirect_uri, params={"code": "good", "state": redirect.state}, timeout=5
        )
        assert good.status_code == 200
        assert redirect.wait(5) == "good"


def test_loopback_redirect_reports_a_refusal() -> None:
    with LoopbackRedirect() as redirect:
        answer = requests.get(
            redirect.redirect_uri,
            params={
                "error": "access_denied",
                "error_description": "The resource owner denied the request.",
                "state": redirect.state,
            },
            timeout=5,
        )
        assert answer.status_code == 400
        with pytest.raises(AuthFailed, match="denied the request"):
            redirect.wait(5)


def test_loopback_redirect_can_be_cancelled_from_another_thread() -> None:
    with LoopbackRedirect() as redirect:
        threading.Thread(target=redirect.cancel).start()
        with pytest.raises(SignInCancelled):
            redirect.wait(5)


def test_mastodon_sign_in_end_to_end(server: HTTPServer) -> None:
    """Register → authorize URL (the browser) → loopback → code exchange with PKCE."""
    base = server.url_for("/").rstrip("/")
    seen: dict[str, str] = {}

    def register(request: Request) -> Response:
        seen.update(request.form.to_dict())
        return Response(
            '{"id":"563419","name":"cmplanner","website":"https://github.com/cmplanner/cmplanner",'
            f'"redirect_uri":"{request.form["redirect_uris"]}",'
            '"client_id":"TWhM-tNSuncnqN7DBJmoyeLnk6K3iJJ71KKXxgL1hPM",'
            '"client_secret":"ZEaFUFmF0umgBX1qKJDjaU99Q31lDkOU8NutzTOoliw",'
            '"vapid_key":"BCk-QqERU0q-CfYZjcuB6lnyyOYfJ2AifKqfeGIm7Z-HiTU5T9eTG5GxVA0_OH5mMlI4UkkDTpaZwozy0TzdZ2M="}',
            content_type="application/json",
        )

    server.expect_request("/api/v1/apps", method="POST").respond_with_handler(register)

    with LoopbackRedirect() as redirect:
        app = mastodon_register_app(base, redirect.redirect_uri)
        assert seen["redirect_uris"] == redirect.redirect_uri
        assert seen["scopes"] == "read write"
        assert "ZEaF" not in repr(app)

        pkce = new_pkce()
        url = mastodon_authorize_url(app, pkce, redirect.state)
        query = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
        assert url.startswith(f"{base}/oauth/authorize?")
        assert query["code_challenge_method"] == "S256"
        assert query["response_type"] == "code"

        def token(request: Request) -> Response:
            form = request.form
            ok = (
                form["grant_type"] == "authorization_code"
                and form["code"] == "qDFUEaYrRK5c-HNmTCJbAzazwLRInJ7VHFat0wcMgCU"
                and form["redirect_uri"] == redirect.redirect_uri
                and form["client_id"] == app.client_id
                and pkce_challenge(form["code_verifier"]) == query["code_challenge"]
            )
            if not ok:
                return Response(
                    '{"error":"invalid_grant","error_description":"The provided authorization '
                    'grant is invalid"}',
                    status=400,
                    content_type="application/json",
                )
            return Response(
                '{"access_token":"ZA-Yj3aBD8U8Cm7lKUp-lm9O9BmDgdhHzDeqsY8tlL0",'
                '"token_type":"Bearer","scope":"read write","created_at":1573979017}',
                content_type="application/json",
            )

        server.expect_request("/oauth/token", method="POST").respond_with_handler(token)

        # The "browser": the instance redirects it to the loopback URI with code + state.
        requests.get(
            query["redirect_uri"],
            params={"code": "qDFUEaYrRK5c-HNmTCJbAzazwLRInJ7VHFat0wcMgCU", "state": query["state"]},
            timeout=5,
        )
        code = redirect.wait(5)

    secret = mastodon_exchange_code(app, code, pkce)
    assert secret["access_token"] == "ZA-Yj3aBD8U8Cm7lKUp-lm9O9BmDgdhHzDeqsY8tlL0"
    assert secret["client_id"] == app.client_id

    # Another verifier than the one behind the challenge: the instance refuses.
    with pytest.raises(AuthFailed, match="authorization grant is invalid"):
        mastodon_exchange_code(app, code, new_pkce())


def test_mastodon_register_refuses_plain_http_off_loopback() -> None:
    with pytest.raises(InsecureURL):
        mastodon_register_app("http://mastodon.example", "http://127.0.0.1:1/callback")


def test_pasted_token() -> None:
    assert mastodon_pasted_token("  abc \n") == {"access_token": "abc"}
    with pytest.raises(AuthFailed):
        mastodon_pasted_token("   ")


def test_x_authorize_and_exchange_with_pkce(server: HTTPServer) -> None:
    pkce = new_pkce()
    url = x_authorize_url("cl-id", "http://127.0.0.1:8765/callback", pkce, "st")
    query = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
    assert url.startswith("https://x.com/i/oauth2/authorize?")
    assert "offline.access" in query["scope"].split()
    assert "media.write" in query["scope"].split()

    def token(request: Request) -> Response:
        assert request.form["grant_type"] == "authorization_code"
        assert request.form["client_id"] == "cl-id"
        assert pkce_challenge(request.form["code_verifier"]) == query["code_challenge"]
        return Response(
            '{"token_type":"bearer","expires_in":7200,"access_token":"AT-1",'
            '"scope":"tweet.write users.read tweet.read offline.access","refresh_token":"RT-1"}',
            content_type="application/json",
        )

    server.expect_request("/2/oauth2/token", method="POST").respond_with_handler(token)
    secret = x_exchange_code(
        "cl-id",
        "code",
        "http://127.0.0.1:8765/callback",
        pkce,
        token_url=server.url_for("/2/oauth2/token"),
        now=lambda: NOW,
    )
    assert secret == {
        "access_token": "AT-1",
        "refresh_token": "RT-1",
        "expires_at": "2026-11-26T12:00:00Z",
        "client_id": "cl-id",
    }


def test_x_refresh_rotates_the_refresh_token(server: HTTPServer) -> None:
    server.expect_request(
        "/2/oauth2/token",
        method="POST",
        data="grant_type=refresh_token&refresh_token=RT-1&client_id=cl-id",
        headers={"Authorization": "Basic Y2wtaWQ6c2Vj"},  # cl-id:sec
    ).respond_with_json(
        {
            "token_type": "bearer",
            "expires_in": 7200,
            "access_token": "AT-2",
            "refresh_token": "RT-2",
        }
    )
    new = x_refresh(
        {
            "access_token": "AT-1",
            "refresh_token": "RT-1",
            "client_id": "cl-id",
            "client_secret": "sec",
        },
        token_url=server.url_for("/2/oauth2/token"),
        now=lambda: NOW,
    )
    assert (new["access_token"], new["refresh_token"]) == ("AT-2", "RT-2")
    assert new["client_secret"] == "sec"


def test_x_refresh_refused_means_reconnect(server: HTTPServer) -> None:
    server.expect_request("/2/oauth2/token").respond_with_json(
        {
            "error": "invalid_request",
            "error_description": "Value passed for the token was invalid.",
        },
        status=400,
    )
    with pytest.raises(AuthExpired, match="reconnect"):
        x_refresh(
            {"refresh_token": "RT-old", "client_id": "cl-id"},
            token_url=server.url_for("/2/oauth2/token"),
        )
    with pytest.raises(AuthExpired):
        x_refresh({"access_token": "AT"})


def test_oauth1_signature_matches_the_documented_example() -> None:
    """docs.x.com "Creating a signature" (computed on the api.twitter.com host)."""
    params = {
        "status": "Hello Ladies + Gentlemen, a signed OAuth request!",
        "include_entities": "true",
        "oauth_consumer_key": "xvz1evFS4wEEPTGEFPHBog",
        "oauth_nonce": "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg",
        "oauth_signature_method": "HMAC-SHA1",
        "oauth_timestamp": "1318622958",
        "oauth_token": "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb",
        "oauth_version": "1.0",
    }
    assert (
        oauth1_signature(
            "POST",
            "https://api.twitter.com/1.1/statuses/update.json",
            params,
            "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw",
            "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE",
        )
        == "hCtSmYh+iHYCEqBWrE7C7hYmtUk="
    )
    header = oauth1_header(
        "POST",
        "https://api.twitter.com/1.1/statuses/update.json?include_entities=true",
        consumer_key="xvz1evFS4wEEPTGEFPHBog",
        consumer_secret="kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw",
        token="370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb",
        token_secret="LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE",
        params={"status": "Hello Ladies + Gentlemen, a signed OAuth request!"},
        nonce="kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg",
        timestamp=1318622958,
    )
    assert 'oauth_signature="hCtSmYh%2BiHYCEqBWrE7C7hYmtUk%3D"' in header
    assert "LswwdoUa" not in header and "kAcSOqF2" not in header
