"""The actor network across documents: who is related to whom and who acts on whom.

``build_graph(con)`` reads the store's ``actors``, ``relations`` and ``events`` tables into a
networkx ``MultiDiGraph``: one node per actor, one edge per (subject, predicate, object) of the
relations and per (source, event type, target) of the events, each with its weight (how many
times it was seen), first and last seen dates and a few evidence sentences. ``around`` cuts the
neighbourhood of one actor; ``write_graph`` exports JSON, GraphML or GEXF; ``actor_profile``
is what ``eventwire actor NAME`` prints.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from typing import Any

import networkx as nx

from ..resolve.actors.normalize import name_key

EVIDENCE_SAMPLES = 3
ACTOR_COLUMNS = ("actor_id", "name", "kind", "country", "sector", "aliases", "parent", "qid",
                 "provisional")

# When a relation or event was seen: the event's own date, else the article's publication date,
# else the date header of its page.
_RELATIONS_SQL = """
SELECT r.subject_id, r.predicate, r.object_id, r.doc_id, r.evidence, r.confidence,
       CAST(coalesce(a.published, d.header_date) AS DATE) AS seen
FROM relations r
LEFT JOIN articles a ON a.doc_id = r.doc_id
LEFT JOIN documents d ON d.doc_id = r.doc_id
ORDER BY seen NULLS LAST, r.doc_id, r.relation_id"""
_EVENTS_SQL = """
SELECT e.source_actor_id, e.event_type, e.target_actor_id, e.doc_id, e.evidence, e.modality,
       coalesce(e.time_start, CAST(a.published AS DATE), d.header_date) AS seen
FROM events e
LEFT JOIN articles a ON a.doc_id = e.doc_id
LEFT JOIN documents d ON d.doc_id = e.doc_id
WHERE e.source_actor_id IS NOT NULL AND e.target_actor_id IS NOT NULL
  AND e.source_actor_id <> e.target_actor_id
ORDER BY seen NULLS LAST, e.doc_id, e.event_id"""


def _rows(con, sql: str, params: list | None = None) -> list[dict[str, Any]]:
    cur = con.execute(sql, params or [])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def _iso(value: Any) -> str | None:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _actor_rows(con) -> dict[str, dict[str, Any]]:
    rows = _rows(con, f"SELECT {', '.join(ACTOR_COLUMNS)} FROM actors")
    return {r["actor_id"]: r for r in rows}


def _add_node(g: nx.MultiDiGraph, actor_id: str, actors: dict[str, dict[str, Any]]) -> None:
    if actor_id in g:
        return
    a = actors.get(actor_id) or {"actor_id": actor_id}
    g.add_node(actor_id, name=a.get("name") or actor_id, kind=a.get("kind"),
               country=a.get("country"), sector=a.get("sector"),
               provisional=bool(a.get("provisional")))


def _add_edge(g: nx.MultiDiGraph, src: str, dst: str, kind: str, label: str, row: dict) -> None:
    """One sighting of an edge: count it, widen its first/last seen dates, keep evidence."""
    key = f"{kind}:{label}"
    seen = _iso(row.get("seen"))
    if g.has_edge(src, dst, key):
        data = g.edges[src, dst, key]
        data["weight"] += 1
        if seen and (data["first_seen"] is None or seen < data["first_seen"]):
            data["first_seen"] = seen
        if seen and (data["last_seen"] is None or seen > data["last_seen"]):
            data["last_seen"] = seen
        if row["doc_id"] not in data["documents"]:
            data["documents"].append(row["doc_id"])
    else:
        g.add_edge(src, dst, key, kind=kind, label=label, weight=1, first_seen=seen,
                   last_seen=seen, documents=[row["doc_id"]], evidence=[])
        data = g.edges[src, dst, key]
    if len(data["evidence"]) < EVIDENCE_SAMPLES and row.get("evidence"):
        data["evidence"].append({"doc_id": row["doc_id"], "date": seen, "text": row["evidence"]})


def build_graph(con, *, relations: bool = True, events: bool = True) -> nx.MultiDiGraph:
    """The whole actor network of the store (see the module doc for what edges hold)."""
    actors = _actor_rows(con)
    g = nx.MultiDiGraph()
    if relations:
        for row in _rows(con, _RELATIONS_SQL):
            for a in (row["subject_id"], row["object_id"]):
                _add_node(g, a, actors)
            _add_edge(g, row["subject_id"], row["object_id"], "relation", row["predicate"], row)
    if events:
        for row in _rows(con, _EVENTS_SQL):
            for a in (row["source_actor_id"], row["target_actor_id"]):
                _add_node(g, a, actors)
            _add_edge(g, row["source_actor_id"], row["target_actor_id"], "event",
                      row["event_type"], row)
    return g


def around(g: nx.MultiDiGraph, actor_id: str, depth: int = 2) -> nx.MultiDiGraph:
    """The actors within ``depth`` hops of ``actor_id`` (either direction) and their edges."""
    if actor_id not in g:
        sub = nx.MultiDiGraph()
        return sub
    return nx.ego_graph(g, actor_id, radius=depth, undirected=True).copy()


# --- finding an actor by name -------------------------------------------------------------------


def find_actor(con, name_or_id: str) -> str | None:
    """The actor id a user means: an exact id, else a name or alias with the same normalised key
    ("hizballah" finds Hezbollah), else the most mentioned actor whose name contains the text."""
    actors = _actor_rows(con)
    if name_or_id in actors:
        return name_or_id
    key = name_key(name_or_id)
    by_key = [a for a in actors.values()
              if key and key in {name_key(n) for n in (a["name"] or "", *(a["aliases"] or []))}]
    if not by_key:
        low = name_or_id.lower()
        by_key = [a for a in actors.values() if low in (a["name"] or "").lower()]
    if not by_key:
        return None
    counts = _mention_counts(con, [a["actor_id"] for a in by_key])
    # KB entries before provisional ones, then the most mentioned
    by_key.sort(key=lambda a: (bool(a["provisional"]), -counts.get(a["actor_id"], 0), a["actor_id"]))
    return by_key[0]["actor_id"]


def _mention_counts(con, ids: list[str]) -> dict[str, int]:
    rows = con.execute("SELECT actor_id, count(*) FROM mentions WHERE actor_id IN (SELECT unnest(?)) "
                       "GROUP BY actor_id", [ids]).fetchall()
    return dict(rows)


# --- the profile -------------------------------------------------------------------------------------


def actor_profile(con, name_or_id: str) -> dict[str, Any] | None:
    """Who an actor is and what the store says about it: aliases, kind, country, sector, parent,
    its relations (both directions, with counts, dates and evidence) and its events as source
    and as target, counted by month and type. None when no actor matches."""
    actor_id = find_actor(con, name_or_id)
    if actor_id is None:
        return None
    actors = _actor_rows(con)
    a = actors[actor_id]
    n_mentions, n_docs = con.execute(
        "SELECT count(*), count(DISTINCT doc_id) FROM mentions WHERE actor_id = ?", [actor_id]).fetchone()
    parent = a["parent"]
    parent_name = (actors.get(parent) or {}).get("name") if parent else None
    if parent and parent_name is None:
        from ..resolve.actors.kb import load_kb  # a parent the store never saw: the KB knows it
        known = load_kb().get(parent)
        parent_name = known.name if known else None
    return {
        "actor_id": actor_id, "name": a["name"], "kind": a["kind"], "country": a["country"],
        "sector": a["sector"], "aliases": list(a["aliases"] or []), "qid": a["qid"],
        "provisional": bool(a["provisional"]),
        "parent": {"actor_id": parent, "name": parent_name} if parent else None,
        "mentions": n_mentions, "documents": n_docs,
        "relations": _profile_relations(con, actor_id, actors),
        "events": {"as_source": _events_by_month(con, actor_id, "source"),
                   "as_target": _events_by_month(con, actor_id, "target")},
        "counterparts": _counterparts(con, actor_id, actors),
    }


def _profile_relations(con, actor_id: str, actors: dict) -> list[dict[str, Any]]:
    g = build_graph(con, events=False)
    out = []
    if actor_id not in g:
        return out
    edges = [("out", u, v, d) for u, v, d in g.out_edges(actor_id, data=True)]
    edges += [("in", u, v, d) for u, v, d in g.in_edges(actor_id, data=True)]
    for direction, u, v, d in edges:
        other = v if direction == "out" else u
        out.append({"direction": direction, "subject_id": u, "predicate": d["label"], "object_id": v,
                    "other_id": other, "other_name": (actors.get(other) or {}).get("name") or other,
                    "count": d["weight"], "first_seen": d["first_seen"], "last_seen": d["last_seen"],
                    "evidence": d["evidence"]})
    out.sort(key=lambda r: (r["direction"] != "out", r["predicate"], -r["count"], r["other_id"]))
    return out


def _events_by_month(con, actor_id: str, role: str) -> list[dict[str, Any]]:
    column = "source_actor_id" if role == "source" else "target_actor_id"
    rows = _rows(con, f"""
        SELECT strftime(coalesce(e.time_start, CAST(a.published AS DATE), d.header_date), '%Y-%m')
                   AS month, e.event_type, count(*) AS n
        FROM events e
        LEFT JOIN articles a ON a.doc_id = e.doc_id
        LEFT JOIN documents d ON d.doc_id = e.doc_id
        WHERE e.{column} = ?
        GROUP BY month, e.event_type ORDER BY month NULLS LAST, e.event_type""", [actor_id])
    return [{"month": r["month"], "event_type": r["event_type"], "count": r["n"]} for r in rows]


def _counterparts(con, actor_id: str, actors: dict, limit: int = 10) -> list[dict[str, Any]]:
    """The actors it acts on and is acted on by most often."""
    rows = con.execute("""
        SELECT CASE WHEN source_actor_id = ? THEN target_actor_id ELSE source_actor_id END AS other,
               CASE WHEN source_actor_id = ? THEN 'target' ELSE 'source' END AS their_role,
               count(*) AS n
        FROM events
        WHERE (source_actor_id = ? OR target_actor_id = ?) AND source_actor_id IS NOT NULL
          AND target_actor_id IS NOT NULL AND source_actor_id <> target_actor_id
        GROUP BY other, their_role ORDER BY n DESC, other LIMIT ?""",
                       [actor_id, actor_id, actor_id, actor_id, limit]).fetchall()
    return [{"actor_id": o, "name": (actors.get(o) or {}).get("name") or o, "their_role": r,
             "count": n} for o, r, n in rows]


# --- export --------------------------------------------------------------------------------------------


def graph_to_json(g: nx.MultiDiGraph) -> dict[str, Any]:
    """Nodes and edges as plain JSON objects (evidence and documents kept as lists)."""
    return {
        "nodes": [{"id": n, **d} for n, d in g.nodes(data=True)],
        "edges": [{"source": u, "target": v, "key": k, **d} for u, v, k, d in g.edges(keys=True, data=True)],
    }


def flat_copy(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """GraphML and GEXF hold only scalar attributes: lists become JSON strings, None is left out."""
    h = nx.MultiDiGraph()
    for n, d in g.nodes(data=True):
        h.add_node(n, **{k: v for k, v in d.items() if v is not None})
    for u, v, k, d in g.edges(keys=True, data=True):
        h.add_edge(u, v, k, **{a: json.dumps(x, ensure_ascii=False) if isinstance(x, (list, dict)) else x
                               for a, x in d.items() if x is not None})
    return h


def write_graph(g: nx.MultiDiGraph, fmt: str, out) -> None:
    """Write ``g`` as ``json``, ``graphml`` or ``gexf`` to a path or a binary file object."""
    if fmt == "json":
        data = json.dumps(graph_to_json(g), ensure_ascii=False, indent=2).encode("utf-8")
        if isinstance(out, (str, Path)):
            Path(out).write_bytes(data)
        else:
            out.write(data)
    elif fmt == "graphml":
        nx.write_graphml(flat_copy(g), out)
    elif fmt == "gexf":
        nx.write_gexf(flat_copy(g), out)
    else:
        raise ValueError(f"unknown graph format {fmt!r}; use json, graphml or gexf")


def summary(g: nx.MultiDiGraph) -> Counter:
    """Edge counts by kind:label, for a one-line report."""
    return Counter(f"{d['kind']}:{d['label']}" for _, _, d in g.edges(data=True))
