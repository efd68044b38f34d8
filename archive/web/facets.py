"""A Datasette facet by year of an ISO date column (``year: published``): articles per year."""

from __future__ import annotations

from datasette.database import QueryInterrupted
from datasette.facets import Facet
from datasette.utils import escape_sqlite, path_with_added_args, path_with_removed_args


class YearFacet(Facet):
    """Counts rows per year (the first four characters of an ISO date); choosing a year filters
    the table with ``COLUMN__startswith=YYYY``, one of Datasette's own filters."""

    type = "year"

    async def suggest(self) -> list:
        return []  # offered through the metadata only

    async def facet_results(self):
        results, timed_out = [], []
        args = dict(self.get_querystring_pairs())
        size = self.get_facet_size()
        for source_and_config in self.get_configs():
            config = source_and_config["config"]
            column = config.get("column") or config["simple"]
            year = f"substr({escape_sqlite(column)}, 1, 4)"
            sql = (
                f"select {year} as value, count(*) as count from ({self.sql}) "
                f"where {escape_sqlite(column)} glob '[0-9][0-9][0-9][0-9]*' "
                f"group by value order by value desc limit {size + 1}"
            )
            try:
                rows = await self.ds.execute(
                    self.database, sql, self.params, truncate=False,
                    custom_time_limit=self.ds.setting("facet_time_limit_ms"),
                )
            except QueryInterrupted:  # over the facet time limit: left out, as Datasette does
                timed_out.append(column)
                continue
            key = f"{column}__startswith"
            values = []
            for row in rows.rows[:size]:
                selected = args.get(key) == row["value"]
                change = path_with_removed_args if selected else path_with_added_args
                values.append({
                    "value": row["value"],
                    "label": row["value"],
                    "count": row["count"],
                    "toggle_url": self.ds.absolute_url(self.request, change(self.request, {key: row["value"]})),
                    "selected": selected,
                })
            results.append({
                "name": f"{column} (year)",
                "type": self.type,
                "results": values,
                "hideable": source_and_config["source"] != "metadata",
                "toggle_url": path_with_removed_args(self.request, {"_facet_year": column}),
                "truncated": len(rows) > size,
            })
        return results, timed_out

