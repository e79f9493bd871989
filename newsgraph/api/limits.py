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


class RequestLimits:
    """Refuse request bodies over ``max_body`` bytes with 413 and a JSON error; add security headers.

    A declared Content-Length over the limit is refused before the body is read; a body without one
    (chunked) is read up to the limit and refused when it goes past it, before the application sees it.
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
        if scope["method"] in ("POST", "PUT", "PATCH"):
            body = await self._read_body(receive)
            if body is None:
                await self._refuse(send)
                return
            receive = _replay(body)

        async def send_with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *SECURITY_HEADERS]}
            await send(message)

        await self.app(scope, receive, send_with_headers)

    async def _read_body(self, receive: Any) -> bytes | None:
        """The whole body, or None as soon as it passes the limit."""
        parts, size = [], 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return b"".join(parts)
            parts.append(message.get("body", b""))
            size += len(parts[-1])
            if size > self.max_body:
                return None
            if not message.get("more_body", False):
                return b"".join(parts)

    async def _refuse(self, send: Any) -> None:
        body = json.dumps(
            {"detail": f"request body too large: the limit is {self.max_body} bytes", "limit": self.max_body}
        ).encode()
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": 413, "headers": [*headers, *SECURITY_HEADERS]})
        await send({"type": "http.response.body", "body": body})


def _replay(body: bytes) -> Any:
    """A ``receive`` giving the application the body already read, then reporting the client gone."""
    sent = False

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return {"type": "http.disconnect"}

    return receive
