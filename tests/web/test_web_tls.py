"""The browser door over TLS: a certificate pair serves HTTPS, and the session cookie is Secure."""

from __future__ import annotations

import datetime
import ssl
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest

from tests.web.conftest import WebServer, start_server, stop_server
from tests.web.test_web_door import form_token


def self_signed(folder: Path) -> tuple[Path, Path]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now)
            .not_valid_after(now + datetime.timedelta(days=1)).sign(key, hashes.SHA256()))
    cert_file, key_file = folder / "cert.pem", folder / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_file, key_file


@pytest.fixture(scope="module")
def tls_web(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebServer]:
    tmp = tmp_path_factory.mktemp("tls")
    cert, key = self_signed(tmp)
    srv = start_server(tmp, "--web-cert", str(cert), "--web-key", str(key))
    yield srv
    stop_server(srv)


async def test_https_login_sets_a_secure_cookie(tls_web: WebServer) -> None:
    assert tls_web.url.startswith("https://")
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    connector = aiohttp.TCPConnector(ssl=context)
    async with aiohttp.ClientSession(connector=connector, cookie_jar=aiohttp.CookieJar(unsafe=True)) as s:
        token = await form_token(s, tls_web.url + "/")
        r = await s.post(tls_web.url + "/login", data={"user": "tia", "code": tls_web.code("tia"), "csrf": token},
                         headers={"Origin": tls_web.url}, allow_redirects=False)
        assert r.status == 303
        session = next(c for c in r.headers.getall("Set-Cookie") if c.startswith("spbe_session="))
        assert "Secure" in session and "HttpOnly" in session


def test_a_certificate_without_its_key_is_refused(tmp_path: Path) -> None:
    from tests.cli.test_cli import run

    cert, _ = self_signed(tmp_path)
    done = run("serve", "--room", tmp_path / "r", "--web", "--web-cert", cert)
    assert done.returncode == 2 and "--web-key" in done.stderr and "Traceback" not in done.stderr


def test_a_broken_certificate_is_one_message(tmp_path: Path) -> None:
    from tests.cli.test_cli import run

    cert, key = tmp_path / "c.pem", tmp_path / "k.pem"
    cert.write_text("bukan sertifikat")
    key.write_text("bukan kunci")
    done = run("serve", "--room", tmp_path / "r", "--web", "--web-cert", cert, "--web-key", key)
    assert done.returncode == 2 and "--web-cert" in done.stderr and "sertifikat dan kunci" in done.stderr
    assert "Traceback" not in done.stderr
