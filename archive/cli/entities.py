"""``archive entities``: people, organizations and places, with mention counts and aliases."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Optional

import typer

from archive.cli.output import MAX_ID, CsvOpt, JsonOpt, LimitOpt, NlOpt, choose_format, emit
from archive.cli.state import state
from archive.query.entities import ENTITY_FIELDS, list_entities


class EntityType(str, Enum):
    person = "person"
    organization = "organization"
    place = "place"


def entities_command(
    ctx: typer.Context,
    type: Annotated[Optional[EntityType], typer.Option("--type", "-t", help="Only this kind of entity.", show_default=False)] = None,
    min_mentions: Annotated[int, typer.Option("--min-mentions", min=1, max=MAX_ID, help="Only entities mentioned at least this often.")] = 1,
    name: Annotated[Optional[str], typer.Option("--name", help="Only the entity with this name or alias.", show_default=False)] = None,
    limit: LimitOpt = 50,
    as_json: JsonOpt = False,
    as_nl: NlOpt = False,
    as_csv: CsvOpt = False,
) -> None:
    """People, organizations and places with mention and article counts and aliases, most mentioned first."""
    fmt = choose_format(as_json, as_nl, as_csv)
    rows = list_entities(
        state(ctx).engine(), type=type.value if type else None, min_mentions=min_mentions, name=name, limit=limit
    )
    emit(rows, ENTITY_FIELDS, fmt, title="entities")
