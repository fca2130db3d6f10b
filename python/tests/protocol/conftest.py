"""Fixtures of the protocol tests: libs/protocol's dist must be built (the cross-language tests run it with node)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from .gen_frames import ROOT


def _newest(paths) -> float:
    return max((p.stat().st_mtime for p in paths), default=0.0)


@pytest.fixture(scope="session")
def ts_dist() -> None:
    """Builds libs/protocol/dist when missing or older than its sources."""
    if shutil.which("node") is None:
        pytest.fail("node is required for the cross-language protocol tests")
    lib = ROOT / "libs/protocol"
    outputs = [lib / "dist/src/index.js", lib / "dist/src/verify.js", lib / "dist/gen/layout.js"]
    sources = [*lib.glob("src/*.ts"), *lib.glob("gen/**/*.ts")]
    if not all(p.exists() for p in outputs) or min(p.stat().st_mtime for p in outputs) < _newest(sources):
        subprocess.run(["npx", "tsc", "-p", "libs/protocol/tsconfig.build.json"], cwd=ROOT, check=True, timeout=300)
