"""`minutes serve`: the recorder's local review page (the web extra)."""
from __future__ import annotations

import click


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Keep 127.0.0.1 unless others must reach the page.")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@click.option("--data-dir", type=click.Path(file_okay=False), metavar="DIR",
              help="Where the database and uploads live  [default: $MINUTES_DATA_DIR or the user data dir]")
@click.option("--extractors", type=click.Choice(["rules", "model", "both"]), default="both", show_default=True,
              help="Which extractors draft new meetings.")
@click.option("--max-upload-mb", default=500, show_default=True, type=click.IntRange(1),
              help="Largest recording accepted, in MiB (text files: 5 MiB).")
def serve(host, port, data_dir, extractors, max_upload_mb):
    """Serve the review page: paste a chat log or upload a file, review each item, sign off, export, send.

    Every request needs the session token: $MINUTES_TOKEN, or a random one printed as a login link.

    \b
    Example:
      minutes serve
      minutes serve --port 9000 --data-dir ~/meetings
    """
    import os
    import secrets

    try:
        import fastapi  # noqa: F401
        import jinja2  # noqa: F401
        import multipart  # noqa: F401  (python-multipart)
        import uvicorn
    except ImportError as err:
        raise click.ClickException(f"the review page needs the web extra ({err.name} is not installed): "
                                   f"pip install 'minutes[web]'") from None
    from web import create_app

    token = os.environ.get("MINUTES_TOKEN") or secrets.token_urlsafe(24)
    app = create_app(data_dir, token=token, extractors=extractors, max_upload_bytes=max_upload_mb * 1024 * 1024)
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: listening on {host}; anyone who can reach it and has the token can read the "
                   f"meetings (plain HTTP)", err=True)
    click.echo(f"data in {app.state.store.data_dir}", err=True)
    if os.environ.get("MINUTES_TOKEN"):
        click.echo(f"review page: http://{shown}:{port}/login?token=$MINUTES_TOKEN", err=True)
    else:
        click.echo(f"review page: http://{shown}:{port}/login?token={token}", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
