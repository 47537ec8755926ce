"""Credentials with control characters are refused at configuration, never shown."""

from __future__ import annotations

import base64
import urllib.parse

import pytest

from xapi import LRS, ConfigurationError

SECRET = "Zk9x-s3cr3t-Q7"
BAD_TAILS = ["\r", "\n", "\r\n", "\x00", "\t", "\x1b[2J", "\x7f", "\x85"]


def forms(secret: str) -> list[str]:
    """The secret as it could leak: whole, escaped, encoded, or its visible part."""
    return [
        secret,
        repr(secret),
        repr(secret)[1:-1],
        secret.strip(),
        SECRET,
        SECRET[:6],
        SECRET[-6:],
        urllib.parse.quote(secret),
        base64.b64encode(f"key:{secret}".encode()).decode(),
    ]


def assert_hidden(message: str, secret: str) -> None:
    for form in forms(secret):
        assert form not in message


@pytest.mark.parametrize("tail", BAD_TAILS)
def test_password_with_a_control_character(tail: str) -> None:
    secret = SECRET + tail
    with pytest.raises(ConfigurationError) as caught:
        LRS("http://lrs.test/xAPI/", username="key", password=secret)
    message = str(caught.value)
    assert "password contains a control character" in message
    assert_hidden(message + repr(caught.value), secret)


@pytest.mark.parametrize("tail", BAD_TAILS)
def test_token_with_a_control_character(tail: str) -> None:
    secret = SECRET + tail
    with pytest.raises(ConfigurationError) as caught:
        LRS("http://lrs.test/xAPI/", token=secret)
    assert "token contains a control character" in str(caught.value)
    assert_hidden(str(caught.value) + repr(caught.value), secret)


@pytest.mark.parametrize("secret", [SECRET + " x", SECRET + "é", ""])
def test_token_that_cannot_be_sent_verbatim(secret: str) -> None:
    with pytest.raises(ConfigurationError) as caught:
        LRS("http://lrs.test/xAPI/", token=secret)
    if secret:
        assert_hidden(str(caught.value), secret)


@pytest.mark.parametrize("user", ["ke\ry", "key\n", "ke:y", "\x00key"], ids=["cr", "lf", "colon", "nul"])
def test_username_refused_without_echo(user: str) -> None:
    with pytest.raises(ConfigurationError) as caught:
        LRS("http://lrs.test/xAPI/", username=user, password=SECRET)
    assert "username" in str(caught.value)
    assert user not in str(caught.value) and repr(user) not in str(caught.value)
    assert SECRET not in str(caught.value)


def test_scheme_refused_without_echo() -> None:
    with pytest.raises(ConfigurationError) as caught:
        LRS("http://lrs.test/xAPI/", token=SECRET, token_scheme=f"Bearer {SECRET}")
    assert_hidden(str(caught.value), SECRET)


@pytest.mark.parametrize(
    "endpoint",
    [
        f"http://key:{SECRET}%0D@lrs.test/xAPI/",
        f"http://key:{SECRET}%00@lrs.test/xAPI/",
        f"http://key:{SECRET}\r@lrs.test/xAPI/",
        f"http://key:{SECRET}@lrs.test/xAPI/\n",
        f"http://key%0A:{SECRET}@lrs.test/xAPI/",
    ],
)
def test_endpoint_userinfo_with_control_characters(endpoint: str) -> None:
    with pytest.raises(ConfigurationError) as caught:
        LRS(endpoint)
    message = str(caught.value)
    assert "control character" in message
    assert_hidden(message, SECRET)


def test_endpoint_with_a_bad_port_is_a_configuration_error() -> None:
    with pytest.raises(ConfigurationError, match="invalid port"):
        LRS(f"http://key:{SECRET}@lrs.test:99999999/xAPI/")


def test_good_credentials_still_work() -> None:
    for lrs in (
        LRS("http://lrs.test/xAPI/", username="clé", password="pâss wörd:ok"),
        LRS("http://lrs.test/xAPI/", token="abc.DEF-123_~+/="),
        LRS(f"http://key:{urllib.parse.quote('p@ss wörd')}@lrs.test/xAPI/"),
    ):
        assert lrs.endpoint == "http://lrs.test/xAPI/"
        lrs.close()
