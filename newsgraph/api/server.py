"""Running the API with uvicorn."""

from __future__ import annotations

import sys

from newsgraph.api.app import create_app


def run_server(store_url: str, host: str, port: int, *, ingest_token: str | None = None, max_body: int) -> None:
    """Serve the store at ``store_url`` until interrupted."""
    import uvicorn

    from newsgraph.store.postgres import redact_password

    app = create_app(store_url, ingest_token=ingest_token, max_body=max_body)
    ingest = "on (token required)" if ingest_token else "off"
    print(
        f"newsgraph: serving {redact_password(store_url)} at http://{host}:{port}/ (ingest {ingest})",
        file=sys.stderr,
        flush=True,
    )
    uvicorn.run(app, host=host, port=port, log_level="warning")
