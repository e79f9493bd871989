"""The atheris fuzz target for the readers, run for about 20 seconds (slow; skipped without atheris)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_fuzz_readers_for_twenty_seconds(tmp_path):
    pytest.importorskip("atheris")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, str(ROOT / "fuzz" / "fuzz_readers.py"), "-max_total_time=20", f"-artifact_prefix={tmp_path}/"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        timeout=180,
    )
    report = result.stderr.decode(errors="replace")
    assert result.returncode == 0, report[-3000:]
    assert "Done" in report
