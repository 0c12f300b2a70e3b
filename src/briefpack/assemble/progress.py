"""Build progress: a bar on a terminal, one plain line per job otherwise (logs, CI)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from briefpack.assemble.run import JobResult, Progress


def reporter() -> Progress:
    interactive = sys.stderr.isatty()

    def report(done: int, total: int, result: JobResult) -> None:
        if interactive:
            width = 30
            filled = width * done // max(total, 1)
            click.echo(
                f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {result.job.name:<40}", nl=False, err=True
            )
            if done == total:
                click.echo("", err=True)
        else:
            click.echo(f"[{done}/{total}] {result.job.name} ({result.seconds:.2f} s)", err=True)

    return report
