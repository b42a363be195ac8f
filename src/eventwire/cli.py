"""The eventwire command line: a thin shell over the library (ingest, store queries, export)."""

from __future__ import annotations

import csv
import json
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

import click

from . import __version__
from .store import DEFAULT_DB

DB_OPTION = click.option("--db", default=DEFAULT_DB, show_default=True, metavar="PATH",
                         help="DuckDB file holding the store.")


def _format_option(choices: tuple[str, ...], default: str):
    return click.option("--format", "fmt", type=click.Choice(choices), default=default,
                        show_default=True, help="Output format.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="eventwire")
def main() -> None:
    """eventwire: news pages in; a geolocated, time-resolved database of political and conflict
    events (PLOVER types) and the actors behind them out.

    \b
    Typical use:
      eventwire run samples/ --db eventwire.duckdb     # ingest pages
      eventwire events --type ASSAULT --since 2020-01-01
      eventwire show 8112dcc9                          # one document, with evidence
      eventwire actor Hezbollah                        # profile, relations, events
      eventwire network --around Hezbollah --format graphml --out net.graphml
      eventwire export --format parquet --out out/     # or plover, acled, gdelt
    """


# --- ingest ----------------------------------------------------------------------------------


@main.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@DB_OPTION
@click.option("--batch-size", default=16, show_default=True,
              help="Documents per batch (one spaCy nlp.pipe call and one transaction).")
@click.option("--workers", default=1, show_default=True,
              help="Worker processes; each loads its own models.")
@click.option("--max-bytes", default=None, type=int, metavar="N",
              help="Skip (with a recorded reason) pages larger than N bytes. "
                   "Default: the sources' limit (10 MB).")
@click.option("--stages", default=None, metavar="A,B,...",
              help="Comma-separated stage names to run, in order "
                   "(default: extract,nlp,actors,places,times,events).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary.")
def run(inputs: tuple[str, ...], db: str, batch_size: int, workers: int, max_bytes: int | None,
        stages: str | None, quiet: bool) -> None:
    """Ingest pages into the store and code their events.

    INPUT is a file, a directory (read recursively), a glob pattern or - for standard input.
    Formats are detected from content: the text-dump format (a leading `date YYYY-MM-DD`),
    plain text, HTML, WARC/WARC.GZ (HTML responses), WET (text conversions) and JSONL
    (news-please style: url, date_publish, title, maintext or html).

    Re-running over the same input adds nothing: documents are keyed by content hash and
    batches commit atomically, so an interrupted run can simply be started again. Pages that
    cannot be read or processed are recorded in the `skipped` table with the reason.
    """
    from .ingest import ingest
    from .pipeline import DEFAULT_STAGES
    from .registry import stage_names

    stage_list = [s.strip() for s in stages.split(",")] if stages else list(DEFAULT_STAGES)
    unknown = [s for s in stage_list if s not in stage_names()]
    if unknown:
        raise click.BadParameter(f"unknown stage(s) {', '.join(unknown)}; "
                                 f"known: {', '.join(stage_names())}", param_hint="--stages")
    try:
        summary = ingest(list(inputs), db, stages=stage_list, batch_size=batch_size,
                         workers=workers, max_bytes=max_bytes, progress=not quiet,
                         stdin=sys.stdin.buffer)
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from None
    if quiet:
        return
    from .store import Store
    from .store.queries import summary as store_summary

    with Store(db, read_only=True) as store:
        totals = store_summary(store.con)
        skipped = store.con.execute(
            "SELECT stage, reason, source FROM skipped WHERE run_id = ? ORDER BY source, stage",
            [summary.run_id]).fetchall()
    click.echo(f"read {summary.documents} documents: {summary.new} new, "
               f"{summary.already} already in {db}, {summary.skipped} with skips; "
               f"{summary.events} events; {summary.seconds:.1f}s "
               f"({summary.docs_per_second:.1f} docs/s)")
    for stage, reason, source in skipped[:20]:
        click.echo(f"  skipped [{stage}] {source}: {reason}")
    if len(skipped) > 20:
        click.echo(f"  ... {len(skipped) - 20} more: `SELECT * FROM skipped` in {db}")
    click.echo("store now holds: " + ", ".join(f"{v} {k}" for k, v in totals.items()))


@main.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@_format_option(("jsonl",), "jsonl")
@click.option("--max-bytes", default=None, type=int, metavar="N",
              help="Skip pages larger than N bytes (default: the sources' limit).")
def extract(inputs: tuple[str, ...], fmt: str, max_bytes: int | None) -> None:
    """Extract articles only (no NLP, no store): one JSON object per document on stdout.

    Keys: doc_id, source, title, subtitle, byline, published, site, language, body (paragraphs
    joined by a blank line), paragraphs, captions, tags, skipped_reason.
    """
    from .pipeline import Pipeline
    from .sources import read_inputs

    pipeline = Pipeline(["extract"])
    options = {"max_bytes": max_bytes} if max_bytes else {}
    try:
        for doc in read_inputs(list(inputs), stdin=sys.stdin.buffer, **options):
            r = pipeline.process(doc)
            a = r.article
            row = {"doc_id": r.doc_id, "source": doc.source, "url": doc.url,
                   "title": a.title if a else None, "subtitle": a.subtitle if a else None,
                   "byline": a.byline if a else [],
                   "published": a.published.isoformat() if a and a.published else None,
                   "site": a.site if a else None, "language": a.language if a else None,
                   "body": a.body if a else "", "paragraphs": a.paragraphs if a else [],
                   "captions": a.captions if a else [], "tags": a.tags if a else [],
                   "skipped_reason": "; ".join(f"[{s.stage}] {s.reason}" for s in r.skips)
                   or None}
            click.echo(json.dumps(row, ensure_ascii=False))
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from None


# --- queries ----------------------------------------------------------------------------------


def _open(db: str):
    from .store import Store

    try:
        return Store(db, read_only=True)
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from None


def _date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD") from None


@main.command()
@DB_OPTION
@click.option("--actor", help="Actor id or (part of) a name, as source or target.")
@click.option("--type", "event_type", help="PLOVER event type, e.g. ASSAULT, THREATEN.")
@click.option("--since", help="Events whose date span ends on or after YYYY-MM-DD.")
@click.option("--until", help="Events whose date span starts on or before YYYY-MM-DD.")
@click.option("--place", help="Place id, (part of) a place name, or an ISO3 country code.")
@click.option("--modality", default="realised", show_default=True,
              help="Comma-separated modalities (asserted, negated, hypothetical, intended, "
                   "claimed, historical), 'realised' (asserted + claimed) or 'all'.")
@click.option("--limit", default=100, show_default=True, help="At most this many events (0: all).")
@_format_option(("table", "json", "csv"), "table")
def events(db: str, actor: str | None, event_type: str | None, since: str | None,
           until: str | None, place: str | None, modality: str, limit: int, fmt: str) -> None:
    """List events, newest first, each with its evidence sentence."""
    from .store.queries import REALISED
    from .store.queries import events as query_events

    if modality == "all":
        modalities = None
    elif modality == "realised":
        modalities = REALISED
    else:
        modalities = tuple(m.strip() for m in modality.split(","))
    with _open(db) as store:
        rows = query_events(store.con, actor=actor, event_type=event_type, since=_date(since),
                            until=_date(until), place=place, modality=modalities,
                            limit=limit or None)
    if fmt == "json":
        click.echo(json.dumps(rows, default=_json_default, ensure_ascii=False, indent=2))
        return
    flat = [_flatten_event(r) for r in rows]
    if fmt == "csv":
        _write_csv(flat)
    else:
        _print_table(flat, ["date", "type", "mode", "source", "target", "place", "modality",
                            "evidence"])


def _flatten_event(r: dict[str, Any]) -> dict[str, Any]:
    def name(actor: dict | None) -> str:
        if not actor:
            return ""
        return actor["name"] or actor["text"] or actor["actor_id"] or ""

    d, p, s, t = r["date"], r["place"] or {}, r["source"] or {}, r["target"] or {}
    start, end = d["start"], d["end"]
    when = "" if start is None else (str(start) if start == end else f"{start}..{end}")
    return {
        "event_id": r["event_id"], "date": when, "date_start": start, "date_end": end,
        "date_precision": d["precision"], "date_source": d["source"], "type": r["type"],
        "mode": r["mode"], "modality": r["modality"],
        "source": name(r["source"]), "source_id": s.get("actor_id"),
        "source_country": s.get("country"), "source_sector": s.get("sector"),
        "target": name(r["target"]), "target_id": t.get("actor_id"),
        "target_country": t.get("country"), "target_sector": t.get("sector"),
        "place": p.get("name", ""), "lat": p.get("lat"), "lon": p.get("lon"),
        "place_country": p.get("country"), "place_precision": p.get("precision"),
        "doc_id": r["doc_id"], "evidence": r["evidence"]["sentence"],
        "evidence_start": r["evidence"]["start"], "evidence_end": r["evidence"]["end"],
        "confidence": r["confidence"],
    }


@main.command()
@DB_OPTION
@click.option("--kind", help="Actor kind, e.g. armed_group, person, state.")
@click.option("--country", help="ISO 3166-1 alpha-3 country code.")
@click.option("--name", help="(Part of) a name, or an actor id.")
@click.option("--provisional/--no-provisional", default=None,
              help="Only provisional (discovered, not in the KB) actors, or only KB actors.")
@click.option("--limit", default=100, show_default=True, help="At most this many (0: all).")
@_format_option(("table", "json", "csv"), "table")
def actors(db: str, kind: str | None, country: str | None, name: str | None,
           provisional: bool | None, limit: int, fmt: str) -> None:
    """List actors in the store with their mention and event counts."""
    from .store.queries import actors as query_actors

    with _open(db) as store:
        rows = query_actors(store.con, kind=kind, country=country, name=name,
                            provisional=provisional, limit=limit or None)
    _emit(rows, fmt, ["actor_id", "name", "kind", "country", "sector", "provisional",
                      "mentions", "as_source", "as_target"])


@main.command()
@DB_OPTION
@click.option("--actor", help="Actor id or (part of) a name, as subject or object.")
@click.option("--predicate", help="leader_of, member_of, part_of, spokesperson_of, ...")
@click.option("--limit", default=100, show_default=True, help="At most this many (0: all).")
@_format_option(("table", "json", "csv"), "table")
def relations(db: str, actor: str | None, predicate: str | None, limit: int, fmt: str) -> None:
    """List relations between actors, each with its evidence sentence."""
    from .store.queries import relations as query_relations

    with _open(db) as store:
        rows = query_relations(store.con, actor=actor, predicate=predicate, limit=limit or None)
    _emit(rows, fmt, ["subject", "predicate", "object", "doc_id", "evidence"])


@main.command()
@click.argument("doc")
@DB_OPTION
@_format_option(("text", "json"), "text")
def show(doc: str, db: str, fmt: str) -> None:
    """Show one document (DOC is its id or a unique prefix): article, mentions, events."""
    from .store.queries import document

    with _open(db) as store:
        data = document(store.con, doc)
    if data is None:
        raise click.ClickException(f"no single document matches {doc!r} in {db}; "
                                   "list ids with `eventwire events` or use a longer prefix")
    if fmt == "json":
        click.echo(json.dumps(data, default=_json_default, ensure_ascii=False, indent=2))
        return
    a, d = data["article"], data["document"]
    click.echo(f"doc {d['doc_id']}  ({d['format']}, {d['source']})")
    if a:
        click.echo(f"title:     {a['title']}")
        if a["subtitle"]:
            click.echo(f"subtitle:  {a['subtitle']}")
        click.echo(f"byline:    {', '.join(a['byline'] or [])}")
        click.echo(f"published: {a['published']} ({a['published_precision']})   "
                   f"site: {a['site']}   language: {a['language']}")
        if a["tags"]:
            click.echo(f"tags:      {', '.join(a['tags'])}")
        for c in a["captions"] or []:
            click.echo(f"caption:   {c}")
        click.echo("")
        for p in a["paragraphs"] or []:
            click.echo(p + "\n")
    for s in data["skipped"]:
        click.echo(f"skipped [{s['stage']}]: {s['reason']}")
    if data["mentions"]:
        click.echo("mentions:")
        for m in data["mentions"]:
            link = m["actor_id"] or m["place_id"] or ""
            click.echo(f"  {m['start_char']:>6}-{m['end_char']:<6} {m['label']:<7} "
                       f"{m['text']}" + (f"  -> {link}" if link else ""))
    if data["relations"]:
        click.echo("relations:")
        for r in data["relations"]:
            click.echo(f"  {r['subject']} {r['predicate']} {r['object']}")
    click.echo(f"events ({len(data['events'])}):")
    for e in data["events"]:
        f = _flatten_event(e)
        click.echo(f"  {f['type']:<9} {f['source'] or '?'} -> {f['target'] or '?'}  "
                   f"[{f['modality']}] {f['date']} {f['place']}")
        click.echo(f"      \"{f['evidence']}\"")


@main.command()
@DB_OPTION
@click.option("--format", "fmt",
              type=click.Choice(("parquet", "csv", "jsonl", "plover", "acled", "gdelt")),
              default="parquet", show_default=True,
              help="parquet, csv, jsonl: every table, one file each. plover: PLOVER JSON "
                   "records (events.plover.jsonl); acled: ACLED-style CSV (events.acled.csv); "
                   "gdelt: GDELT-style TSV with CAMEO root codes and a header row "
                   "(events.gdelt.tsv).")
@click.option("--out", required=True, type=click.Path(file_okay=False), metavar="DIR",
              help="Folder to write into (created if missing).")
@click.option("--modality", default="realised", show_default=True,
              help="For plover, acled and gdelt: comma-separated modalities (asserted, negated, "
                   "hypothetical, intended, claimed, historical), 'realised' (asserted + "
                   "claimed) or 'all'. The table formats always hold every event.")
def export(db: str, fmt: str, out: str, modality: str) -> None:
    """Export the store for other tools.

    \b
    Table formats (parquet, csv, jsonl) write every table (documents, articles, mentions,
    actors, relations, places, events, skipped, runs...) as one file each, for pandas,
    polars and DuckDB.

    \b
    Event formats write one file of events with their evidence sentence:
      plover  events.plover.jsonl  one PLOVER record per line (type, mode, source/target
                                   agent codes, location, modality, text, provenance)
      acled   events.acled.csv     ACLED columns (event_date, event_type, sub_event_type,
                                   actor1/2, inter1/2, country, iso, admin1, location,
                                   latitude, longitude, geo_precision, time_precision,
                                   source, notes); events ACLED does not code are left out
      gdelt   events.gdelt.tsv     GDELT event columns with CAMEO root codes, QuadClass,
                                   Goldstein value, ActionGeo_* and SOURCEURL
    """
    from .export import EVENT_FORMATS, export_events, export_tables, parse_modality

    if fmt in EVENT_FORMATS:
        try:
            modalities = parse_modality(modality)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--modality") from None
        with _open(db) as store:
            result = export_events(store.con, Path(out), fmt, modalities)
        click.echo(f"{result.written} events  {result.path}")
        if result.left_out:
            click.echo(f"{result.left_out} events left out: their type has no ACLED "
                       "event type (talks, statements, aid...)")
        return
    with _open(db) as store:
        written = export_tables(store.con, Path(out), fmt)
    for table, path, n in written:
        click.echo(f"{table:<10} {n:>8} rows  {path}")


@main.command()
@click.argument("name")
@DB_OPTION
@_format_option(("text", "json"), "text")
def actor(name: str, db: str, fmt: str) -> None:
    """Profile one actor (NAME is an id, a name or an alias): aliases, kind, country, parent,
    relations with evidence, and its events as source and as target by month."""
    from .store.network import actor_profile

    with _open(db) as store:
        profile = actor_profile(store.con, name)
    if profile is None:
        raise click.ClickException(f"no actor matches {name!r} in {db}; list them with `eventwire actors`")
    if fmt == "json":
        click.echo(json.dumps(profile, default=_json_default, ensure_ascii=False, indent=2))
        return
    p = profile
    click.echo(f"{p['name']}  [{p['actor_id']}]" + ("  (provisional)" if p["provisional"] else ""))
    click.echo(f"kind: {p['kind']}   country: {p['country'] or '-'}   sector: {p['sector'] or '-'}"
               + (f"   part of: {p['parent']['name'] or p['parent']['actor_id']}" if p["parent"] else ""))
    if p["aliases"]:
        click.echo(f"aliases: {', '.join(p['aliases'])}")
    click.echo(f"mentions: {p['mentions']} in {p['documents']} documents")
    if p["relations"]:
        click.echo("relations:")
        for r in p["relations"]:
            subj = p["name"] if r["direction"] == "out" else r["other_name"]
            obj = r["other_name"] if r["direction"] == "out" else p["name"]
            click.echo(f"  {subj} {r['predicate']} {obj}  x{r['count']} "
                       f"({r['first_seen']}..{r['last_seen']})")
            for ev in r["evidence"][:1]:
                click.echo(f"      \"{ev['text']}\"")
    for role in ("as_source", "as_target"):
        rows = p["events"][role]
        if rows:
            click.echo(f"events {role.replace('_', ' ')}:")
            for r in rows:
                click.echo(f"  {r['month'] or '?':<8} {r['event_type']:<12} {r['count']}")
    if p["counterparts"]:
        click.echo("counterparts: " + ", ".join(
            f"{c['name']} ({c['their_role']} x{c['count']})" for c in p["counterparts"]))


@main.command()
@DB_OPTION
@click.option("--around", "center", metavar="NAME", help="Only the actors near this one (id or name).")
@click.option("--depth", default=2, show_default=True, help="Hops from --around, either direction.")
@click.option("--format", "fmt", type=click.Choice(("json", "graphml", "gexf")), default="json",
              show_default=True, help="Output format (GraphML and GEXF open in Gephi, yEd, networkx).")
@click.option("--out", type=click.Path(dir_okay=False), metavar="FILE",
              help="File to write (default: standard output).")
def network(db: str, center: str | None, depth: int, fmt: str, out: str | None) -> None:
    """Export the actor network: relations and event interactions between actors, with
    weights (counts), first and last seen dates and evidence sentences."""
    from .store.network import around, build_graph, find_actor, write_graph

    with _open(db) as store:
        graph = build_graph(store.con)
        if center:
            actor_id = find_actor(store.con, center)
            if actor_id is None:
                raise click.ClickException(f"no actor matches {center!r} in {db}")
            graph = around(graph, actor_id, depth)
    write_graph(graph, fmt, out or sys.stdout.buffer)
    if out:
        click.echo(f"{graph.number_of_nodes()} actors, {graph.number_of_edges()} edges -> {out}",
                   err=True)


# --- benchmarks ------------------------------------------------------------------------------

BENCHMARKS = {
    "pipeline": "end-to-end docs/s of the default pipeline on samples/ and the seed page",
    "extraction": "shingle P/R/F1 and pages/s on ../shared/eval/extraction (aeb, aeb-text)",
    "geo": "toponym resolution accuracy@161km on ../shared/eval/geo",
    "time": "TempEval-3 platinum relaxed-span and value F1 on ../shared/eval/time",
    "events": "PLOVER coding on ../shared/eval/events and the seed gold",
    "actors": "actor and relation recall/precision on the seed gold",
    "seed": "article, actor, relation, place and event recall on ../shared/gold",
}


_BENCH_HELP = (
    "Run a benchmark over ../shared/eval (or $EVENTWIRE_EVAL_DIR) and print its numbers.\n\n\b\n"
    + "\n".join(f"{k:<11} {v}" for k, v in sorted(BENCHMARKS.items()))
    + "\n\nExtra arguments go to the benchmark (try `eventwire bench NAME --help`).")


@main.command(help=_BENCH_HELP, add_help_option=False,
              context_settings={"ignore_unknown_options": True})
@click.argument("name", required=False, metavar="NAME")
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
@click.pass_context
def bench(ctx: click.Context, name: str | None, args: tuple[str, ...]) -> None:
    # Help is handled here so that `eventwire bench NAME --help` reaches the benchmark.
    import importlib

    if name in (None, "-h", "--help"):
        click.echo(ctx.get_help())
        return
    if name not in BENCHMARKS:
        raise click.BadParameter(f"{name!r} is not a benchmark; choose from "
                                 f"{', '.join(sorted(BENCHMARKS))}", param_hint="NAME")
    module = importlib.import_module(f"eventwire.bench.{name}")
    code = module.main(list(args))
    sys.exit(code or 0)


# --- output helpers ------------------------------------------------------------------------------


def _json_default(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


def _emit(rows: list[dict[str, Any]], fmt: str, columns: list[str]) -> None:
    if fmt == "json":
        click.echo(json.dumps(rows, default=_json_default, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        _write_csv(rows)
    else:
        _print_table(rows, columns)


def _write_csv(rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _json_default(v) if v is not None and not isinstance(
            v, (str, int, float)) else v for k, v in row.items()})


def _print_table(rows: list[dict[str, Any]], columns: list[str], width: int = 60) -> None:
    if not rows:
        click.echo("(no rows)")
        return

    def cell(v: Any) -> str:
        s = "" if v is None else str(v)
        s = " ".join(s.split())
        return s if len(s) <= width else s[: width - 1] + "…"

    table = [[cell(r.get(c)) for c in columns] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in table)) for i, c in enumerate(columns)]
    click.echo("  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip())
    click.echo("  ".join("-" * w for w in widths))
    for row in table:
        click.echo("  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip())


if __name__ == "__main__":  # pragma: no cover
    main()
