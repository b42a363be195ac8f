"""Read-side queries shared by the CLI, the Python API and (later) the web layer."""

from __future__ import annotations

from datetime import date
from typing import Any

REALISED = ("asserted", "claimed")

_EVENT_SQL = """
SELECT e.event_id, e.event_type, e.mode, e.modality, e.confidence, e.trigger,
       e.source_actor_id, sa.name AS source_name, sa.country AS source_country,
       sa.sector AS source_sector, e.source_text, e.source_basis,
       e.target_actor_id, ta.name AS target_name, ta.country AS target_country,
       ta.sector AS target_sector, e.target_text, e.target_basis,
       e.place_id, p.name AS place_name, p.lat, p.lon, p.country AS place_country,
       p.precision AS place_precision, e.place_source,
       e.time_start, e.time_end, e.time_precision, e.time_source,
       e.doc_id, e.evidence, e.evidence_start, e.evidence_end
FROM events e
LEFT JOIN actors sa ON sa.actor_id = e.source_actor_id
LEFT JOIN actors ta ON ta.actor_id = e.target_actor_id
LEFT JOIN places p ON p.place_id = e.place_id
"""


def events(con, actor: str | None = None, event_type: str | None = None,
           since: date | None = None, until: date | None = None, place: str | None = None,
           modality: tuple[str, ...] | None = REALISED, doc_id: str | None = None,
           limit: int | None = 100) -> list[dict[str, Any]]:
    """Events matching every given filter, newest first, as nested dicts.

    ``actor`` matches an actor id exactly or a source/target name case-insensitively;
    ``modality=None`` returns every modality (realised events are the default)."""
    where, params = [], []
    if actor:
        where.append("(e.source_actor_id = ? OR e.target_actor_id = ? OR sa.name ILIKE ? "
                     "OR ta.name ILIKE ?)")
        params += [actor, actor, f"%{actor}%", f"%{actor}%"]
    if event_type:
        where.append("e.event_type = ?")
        params.append(event_type.upper())
    if since:
        where.append("e.time_end >= ?")
        params.append(since)
    if until:
        where.append("e.time_start <= ?")
        params.append(until)
    if place:
        where.append("(e.place_id = ? OR p.name ILIKE ? OR p.country = ?)")
        params += [place, f"%{place}%", place.upper()]
    if modality:
        where.append("e.modality IN (SELECT unnest(?))")
        params.append(list(modality))
    if doc_id:
        where.append("e.doc_id = ?")
        params.append(doc_id)
    sql = _EVENT_SQL + (" WHERE " + " AND ".join(where) if where else "")
    sql += " ORDER BY e.time_start DESC NULLS LAST, e.doc_id, e.evidence_start, e.event_id"
    if limit:
        sql += f" LIMIT {int(limit)}"
    cur = con.execute(sql, params)
    cols = [c[0] for c in cur.description]
    return [_nest_event(dict(zip(cols, row))) for row in cur.fetchall()]


def _nest_event(r: dict[str, Any]) -> dict[str, Any]:
    def actor(prefix: str) -> dict[str, Any] | None:
        if r[f"{prefix}_actor_id"] is None and r[f"{prefix}_text"] is None:
            return None
        return {"actor_id": r[f"{prefix}_actor_id"], "name": r[f"{prefix}_name"],
                "country": r[f"{prefix}_country"], "sector": r[f"{prefix}_sector"],
                "text": r[f"{prefix}_text"], "basis": r[f"{prefix}_basis"]}

    return {
        "event_id": r["event_id"], "type": r["event_type"], "mode": r["mode"],
        "modality": r["modality"], "confidence": r["confidence"], "trigger": r["trigger"],
        "source": actor("source"), "target": actor("target"),
        "place": None if r["place_id"] is None else {
            "place_id": r["place_id"], "name": r["place_name"], "lat": r["lat"], "lon": r["lon"],
            "country": r["place_country"], "precision": r["place_precision"],
            "source": r["place_source"]},
        "date": {"start": r["time_start"], "end": r["time_end"],
                 "precision": r["time_precision"], "source": r["time_source"]},
        "doc_id": r["doc_id"],
        "evidence": {"sentence": r["evidence"], "start": r["evidence_start"],
                     "end": r["evidence_end"]},
    }


def actors(con, kind: str | None = None, country: str | None = None,
           provisional: bool | None = None, name: str | None = None,
           limit: int | None = 100) -> list[dict[str, Any]]:
    """Actors seen in the store, with how often they act as event source or target."""
    where, params = [], []
    if kind:
        where.append("a.kind = ?")
        params.append(kind)
    if country:
        where.append("a.country = ?")
        params.append(country.upper())
    if provisional is not None:
        where.append("a.provisional = ?")
        params.append(provisional)
    if name:
        where.append("(a.name ILIKE ? OR a.actor_id = ?)")
        params += [f"%{name}%", name]
    sql = """
    SELECT a.actor_id, a.name, a.kind, a.country, a.sector, a.provisional, a.parent,
           (SELECT count(*) FROM mentions m WHERE m.actor_id = a.actor_id) AS mentions,
           (SELECT count(*) FROM events e WHERE e.source_actor_id = a.actor_id) AS as_source,
           (SELECT count(*) FROM events e WHERE e.target_actor_id = a.actor_id) AS as_target
    FROM actors a""" + (" WHERE " + " AND ".join(where) if where else "")
    sql += " ORDER BY mentions DESC, a.actor_id"
    if limit:
        sql += f" LIMIT {int(limit)}"
    return _dicts(con.execute(sql, params))


def relations(con, actor: str | None = None, predicate: str | None = None,
              limit: int | None = 100) -> list[dict[str, Any]]:
    where, params = [], []
    if actor:
        where.append("(r.subject_id = ? OR r.object_id = ? OR s.name ILIKE ? OR o.name ILIKE ?)")
        params += [actor, actor, f"%{actor}%", f"%{actor}%"]
    if predicate:
        where.append("r.predicate = ?")
        params.append(predicate)
    sql = """
    SELECT r.subject_id, s.name AS subject, r.predicate, r.object_id, o.name AS object,
           r.doc_id, r.evidence, r.evidence_start, r.evidence_end, r.confidence
    FROM relations r
    LEFT JOIN actors s ON s.actor_id = r.subject_id
    LEFT JOIN actors o ON o.actor_id = r.object_id""" + (
        " WHERE " + " AND ".join(where) if where else "")
    sql += " ORDER BY r.subject_id, r.predicate, r.object_id, r.doc_id"
    if limit:
        sql += f" LIMIT {int(limit)}"
    return _dicts(con.execute(sql, params))


def document(con, doc_id: str) -> dict[str, Any] | None:
    """One document: its article, mentions, times, relations, skips and every event.

    ``doc_id`` may be a unique prefix."""
    ids = [r[0] for r in con.execute(
        "SELECT doc_id FROM documents WHERE doc_id LIKE ? ORDER BY doc_id LIMIT 2",
        [doc_id + "%"]).fetchall()]
    if len(ids) != 1:
        return None
    doc_id = ids[0]
    out: dict[str, Any] = {"document": _dicts(con.execute(
        "SELECT * FROM documents WHERE doc_id = ?", [doc_id]))[0]}
    art = _dicts(con.execute("SELECT * FROM articles WHERE doc_id = ?", [doc_id]))
    out["article"] = art[0] if art else None
    out["mentions"] = _dicts(con.execute(
        "SELECT m.start_char, m.end_char, m.text, m.label, m.sentence, m.actor_id, "
        "m.place_id, m.source FROM mentions m WHERE doc_id = ? ORDER BY idx", [doc_id]))
    out["times"] = _dicts(con.execute(
        "SELECT start_char, end_char, text, kind, span_start, span_end, precision, value "
        "FROM times WHERE doc_id = ? ORDER BY idx", [doc_id]))
    out["relations"] = [r for r in relations(con, limit=None) if r["doc_id"] == doc_id]
    out["events"] = events(con, doc_id=doc_id, modality=None, limit=None)
    out["skipped"] = _dicts(con.execute(
        "SELECT stage, reason FROM skipped WHERE doc_id = ? ORDER BY stage", [doc_id]))
    return out


def summary(con) -> dict[str, int]:
    tables = ("documents", "articles", "mentions", "actors", "relations", "places", "events",
              "skipped")
    return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def _dicts(cur) -> list[dict[str, Any]]:
    cols = [c[0] for c in cur.description]
    return [dict(zip(cols, row)) for row in cur.fetchall()]
