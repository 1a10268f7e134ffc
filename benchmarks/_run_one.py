"""Run one benchmark module's ``bench_results(quick)`` in this fresh process; results go to ``run.py``.

    python benchmarks/_run_one.py bench_directory [--quick]

A process per benchmark keeps them apart (memory, caches, Qt state) and lets one crash without
losing the others.
"""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import emit  # noqa: E402

module = importlib.import_module(sys.argv[1])
emit(module.bench_results("--quick" in sys.argv[2:]))
sys.stdout.flush()
# PySide6 can crash while tearing widgets down at interpreter exit; the results are out already.
os._exit(0)
