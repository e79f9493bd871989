"""ASGI middleware guarding the API: a cap on request bodies, and headers that keep pages inert."""

from __future__ import annotations

import json
from typing import Any

Scope = dict[str, Any]

# Pages load only our own scripts, styles and data: injected markup can neither run nor fetch anything.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


class BodyTooLarge(Exception):
    """A request body went past the limit while it was being read."""


class RequestLimits:
    """Refuse request bodies over ``max_body`` bytes with 413 and a JSON error; add security headers.

    A declared Content-Length over the limit is refused before the body is read; a body without one
    (chunked) is counted as it arrives and refused when it passes the limit.
    """

    def __init__(self, app: Any, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_body):
            await self._refuse(send)
            return
        started = False

        async def send_with_headers(message: dict[str, Any]) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message = {**message, "headers": [*message.get("headers", []), *SECURITY_HEADERS]}
            await send(message)

        try:
            await self.app(scope, self._counting(receive), send_with_headers)
        except BodyTooLarge:
            if not started:
                await self._refuse(send)

    def _counting(self, receive: Any) -> Any:
        seen = 0

        async def counted() -> dict[str, Any]:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise BodyTooLarge
            return message

        return counted

    async def _refuse(self, send: Any) -> None:
        body = json.dumps(
            {"detail": f"request body too large: the limit is {self.max_body} bytes", "limit": self.max_body}
        ).encode()
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": 413, "headers": [*headers, *SECURITY_HEADERS]})
        await send({"type": "http.response.body", "body": body})
