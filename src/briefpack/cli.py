"""The `briefpack` command. User errors print as located messages and exit 1; bugs keep their traceback."""

from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path

import click

from briefpack import __version__
from briefpack.errors import UserError

DEFAULT_DATA = Path("data/mekong-2007")


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except UserError as err:
            click.echo(err.render(), err=True)
            ctx.exit(1)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefpack")
def cli() -> None:
    """Turn one set of event data (YAML) into the event's printed and sent documents.

    \b
    Example:
      briefpack check data/mekong-2007
      briefpack build data/mekong-2007 -o out
    """


data_argument = click.argument("data", type=click.Path(path_type=Path), default=DEFAULT_DATA, required=False)


@cli.command()
@data_argument
def check(data: Path) -> None:
    """Validate an event folder and summarise it.

    Runs every check a build runs before rendering (fields, references, times, and fonts for every
    character with the layouts the build uses) and reports every problem with its file, line and
    column; exits 1 if there are any.

    \b
    Example:
      briefpack check data/mekong-2007
    """
    from briefpack.assemble.context import BuildOptions
    from briefpack.assemble.run import checked_event
    from briefpack.model.summary import advice, summarise

    loaded = checked_event(data, BuildOptions())[0]
    for warning in advice(loaded.data, loaded.source):
        click.echo(f"warning: {warning.render()}", err=True)
    click.echo(summarise(loaded.data))


@cli.command()
@click.argument("directory", type=click.Path(path_type=Path))
@click.option(
    "--from",
    "sheet",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A registration export (.xlsx or .csv) to take the participants from.",
)
@click.option("--sheet", "sheet_name", help="The workbook's sheet holding the participants (default: its first).")
def new(directory: Path, sheet: Path | None, sheet_name: str | None) -> None:
    """Write a small, valid starter event into DIRECTORY to edit into a new forum.

    \b
    Example:
      briefpack new data/my-forum && briefpack check data/my-forum
      briefpack new data/my-forum --from registrations.xlsx
    """
    from briefpack.starter import write_from_sheet, write_starter

    unmapped: list[str] = []
    if sheet is None:
        written = write_starter(directory)
    else:
        written, unmapped = write_from_sheet(directory, sheet, sheet_name)
    for path in written:
        click.echo(f"wrote {path}")
    for header in unmapped:
        click.echo(f"not read: column `{header}` (no field found for it: map it in sheets.yaml, or leave it)")
    click.echo(f"next: edit the files, then `briefpack check {directory}`")


@cli.command()
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write to this file instead of stdout.")
def schema(output: Path | None) -> None:
    """Print the JSON Schema of the data files, for editor completion and checking.

    Every data file of an event validates against this one schema.

    \b
    Example:
      briefpack schema -o briefpack.schema.json
      # VS Code (YAML extension): "yaml.schemas": {"briefpack.schema.json": "data/**/*.yaml"}
    """
    from briefpack.model.schema import data_schema

    text = json.dumps(data_schema(), indent=2, ensure_ascii=False) + "\n"
    if output:
        output.write_text(text, encoding="utf-8")
        click.echo(f"wrote {output}")
    else:
        click.echo(text, nl=False)


@cli.command()
@data_argument
@click.option(
    "-o",
    "--out",
    "out",
    type=click.Path(path_type=Path),
    default=Path("out"),
    show_default=True,
    help="Folder the pack is written into (one subfolder per event).",
)
@click.option(
    "--only",
    multiple=True,
    type=click.Choice(["booklet", "press-kit", "packets", "cards", "calendar"]),
    help="Build only this product (repeatable).",
)
@click.option(
    "--format",
    "formats",
    multiple=True,
    type=click.Choice(["pdf", "docx", "ics"]),
    help="Build only this format (repeatable).",
)
@click.option(
    "--delegation",
    "delegations",
    multiple=True,
    metavar="ID|COUNTRY",
    help="Build only this delegation's packet (repeatable), e.g. VN or 'Lao PDR'.",
)
@click.option(
    "--layout",
    "layouts",
    multiple=True,
    metavar="[PRODUCT=]LAYOUT",
    help="Layout for every product, or for one (`booklet=PATH`; repeatable): a name in layouts/ or a path.",
)
@click.option(
    "--reference-docx",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A .docx whose Word styles the DOCX outputs use.",
)
@click.option(
    "--no-embed-fonts",
    "no_embed_fonts",
    is_flag=True,
    help="Do not embed font subsets in DOCX outputs (for policies that forbid it; readers then need the fonts).",
)
@click.option(
    "--cards",
    type=click.Choice(["default", "all"]),
    default="default",
    show_default=True,
    help="Cards for contacts, heads and spokespeople, or for everyone.",
)
@click.option("-j", "--jobs", type=click.IntRange(1, 64), help="Worker processes [default: the machine's cores].")
@click.option("--force", is_flag=True, help="Rebuild everything, ignoring what is up to date.")
@click.option("--watch", is_flag=True, help="Rebuild whenever a data or layout file is saved; Ctrl-C stops.")
@click.option(
    "--preflight",
    type=click.Choice(["fail", "warn"]),
    default="fail",
    show_default=True,
    help="What a PDF preflight finding (overprinted or clipped text, a missing glyph, a font not embedded, "
    "a dead link, an empty page) does: fail the build, or only warn (drafts).",
)
def build(
    data: Path,
    out: Path,
    only: tuple[str, ...],
    formats: tuple[str, ...],
    delegations: tuple[str, ...],
    layouts: tuple[str, ...],
    reference_docx: Path | None,
    no_embed_fonts: bool,
    cards: str,
    jobs: int | None,
    force: bool,
    watch: bool,
    preflight: str,
) -> None:
    """Build the event's pack into OUT/<event-id>/.

    Only what changed since the last build is rebuilt. A failed build leaves the previous outputs
    untouched.

    \b
    Example:
      briefpack build data/mekong-2007 -o out
      briefpack build data/mekong-2007 --only packets --delegation VN --format pdf
    """
    from briefpack.assemble.context import FORMATS, BuildOptions
    from briefpack.assemble.progress import reporter
    from briefpack.assemble.run import run_build

    every, per_product = _layout_options(layouts)
    options = BuildOptions(
        layout=every,
        layouts=per_product,
        reference_docx=reference_docx,
        embed_fonts=not no_embed_fonts,
        only=frozenset(only) | ({"packets"} if delegations and not only else frozenset()),
        formats=frozenset(formats or FORMATS),
        delegations=delegations,
        cards=cards,
        jobs=jobs,
        force=force,
        preflight=preflight,
    )
    if watch:
        from briefpack.assemble.watch import watch_and_build

        watch_and_build(data, out, options)
        return
    result = run_build(data, out, options, progress=reporter())
    for line in result.summary_lines():
        click.echo(line)


def _layout_options(values: tuple[str, ...]) -> tuple[str | None, tuple[tuple[str, str], ...]]:
    """`--layout NAME` (every product) and `--layout PRODUCT=NAME` (one product) values, split."""
    from briefpack.assemble.products import PRODUCTS

    every: str | None = None
    per_product: list[tuple[str, str]] = []
    for value in values:
        product, sep, layout = value.partition("=")
        if not sep:
            every = value
        elif product in PRODUCTS and layout:
            per_product.append((product, layout))
        else:
            products = ", ".join(PRODUCTS)
            raise click.BadParameter(f"`{value}`: use LAYOUT or PRODUCT=LAYOUT with a product of {products}")
    return every, tuple(per_product)


@cli.command()
@data_argument
@click.option("--layout", default="base", show_default=True, help="Layout whose font roles to report (name or path).")
def fonts(data: Path, layout: str) -> None:
    """Show which font draws each script found in the data, and where the font file is.

    Fails (exit 1) naming the text and its line if some character has no font at all.

    \b
    Example:
      briefpack fonts data/mekong-2007 --layout booklet-a5
    """
    from briefpack.assemble.context import BuildOptions, Workshop
    from briefpack.layout.load import load_layout
    from briefpack.model.texts import iter_texts
    from briefpack.model.validate import load_event

    loaded = load_event(data)
    shop = Workshop(BuildOptions(layout=layout))
    chosen = load_layout(layout)
    uses = shop.fonts(chosen).report(text for _, text in iter_texts(loaded.data))
    for use in uses:
        face = use.face
        where = f"{face.family} {'Bold' if face.weight >= 700 else 'Regular'}  ({face.path})" if face else "NO FONT"
        click.echo(f"{use.role:<10} {use.script.name.title():<10} {where}\n{'':<21}e.g. {use.sample}")
    shop.check_fonts(loaded, [chosen])


class Terminated(BaseException):
    """SIGTERM (a CI timeout, `kill PID`), raised where the build is, so it unwinds like Ctrl-C."""


_MAIN = os.getpid()


def _terminate(signum: int, frame: object) -> None:
    if os.getpid() != _MAIN:  # a worker forked before it reset the handler: end it the default way
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGTERM)
        return
    raise Terminated


INTERRUPTED = "interrupted; previous outputs unchanged"


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit status: 0 ok, 1 user error, 2 usage error, 130 interrupted
    (Ctrl-C), 143 terminated (SIGTERM). An interrupted build has written nothing it had not finished."""
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        status = cli.main(args=argv, prog_name="briefpack", standalone_mode=False)
    except (click.exceptions.Abort, KeyboardInterrupt):
        click.echo(INTERRUPTED, err=True)
        return 130
    except Terminated:
        click.echo(INTERRUPTED, err=True)
        return 143
    except click.ClickException as err:
        err.show()
        return err.exit_code
    finally:
        signal.signal(signal.SIGTERM, previous)
    return status if isinstance(status, int) else 0


if __name__ == "__main__":
    sys.exit(main())
