"""Shared helpers for the benchmark commands: where the evaluation data lives, timing."""

from __future__ import annotations

import os
import platform
import sys
from pathlib import Path

ENV_VAR = "EVENTWIRE_EVAL_DIR"


def shared_dir() -> Path | None:
    """``../shared`` beside the checkout (or $EVENTWIRE_SHARED_DIR), if present."""
    env = os.environ.get("EVENTWIRE_SHARED_DIR")
    candidates = [Path(env)] if env else []
    here = Path(__file__).resolve()
    candidates += [p / "shared" for p in here.parents] + [Path.cwd().parent / "shared"]
    for c in candidates:
        if (c / "eval").is_dir() or (c / "seeds").is_dir():
            return c
    return None


def eval_dir(required: str | None = None) -> Path:
    """The evaluation folder, or exit with a message that says what to do."""
    env = os.environ.get(ENV_VAR)
    base = Path(env) if env else (shared_dir() / "eval" if shared_dir() else None)
    target = base / required if base and required else base
    if target is None or not target.exists():
        sys.exit(f"evaluation data not found{f' ({required})' if required else ''}: put the "
                 f"shared folder beside the checkout as ../shared/eval, or set {ENV_VAR}=PATH")
    return target


def machine() -> str:
    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
