"""Run the benchmarks: ``python -m bench [MODULE ...]`` (``make bench`` runs them all).

Discovers the modules of this package, runs each one's ``run()``, prints every figure, merges them
into ``bench/results.json`` and exits 1 when any figure misses its target (2 when the benchmarks
cannot run at all).
"""

import importlib
import json
import pkgutil
import sys
import time
import traceback
from pathlib import Path

import bench

RESULTS = Path(__file__).resolve().parent / "results.json"


def discover():
    return sorted(
        info.name
        for info in pkgutil.iter_modules([str(Path(__file__).resolve().parent)])
        if not info.name.startswith("_")
    )


def merge(results):
    previous = {}
    if RESULTS.exists():
        try:
            previous = json.loads(RESULTS.read_text(encoding="utf-8"))
        except ValueError:
            previous = {}
    previous.update(results)
    RESULTS.write_text(
        json.dumps(dict(sorted(previous.items())), indent=2, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )


def show(name, result):
    mark = "ok  " if result["ok"] else "FAIL"
    print(
        f"{mark} {name:<44} {result['value']:>10.2f} {result['unit']:<8} target {result['target']}",
        flush=True,
    )


def main(argv):
    available = discover()
    wanted = argv or available
    unknown = sorted(set(wanted) - set(available))
    if unknown:
        print(f"Unknown benchmark(s): {', '.join(unknown)}; have: {', '.join(available)}")
        return 2
    try:
        bench.setup()
    except bench.BenchSetupError as exc:
        print(f"Cannot run the benchmarks: {exc}", file=sys.stderr)
        return 2

    results, broken = {}, []
    started = time.perf_counter()
    for name in wanted:
        print(f"== {name}", flush=True)
        module_started = time.perf_counter()
        try:
            module_results = importlib.import_module(f"bench.{name}").run()
        except Exception:
            traceback.print_exc()
            broken.append(name)
            continue
        for result_name, result in module_results.items():
            show(result_name, result)
        results.update(module_results)
        print(f"   ({time.perf_counter() - module_started:.1f} s)", flush=True)

    merge(results)
    failed = sorted(name for name, result in results.items() if not result["ok"])
    print(
        f"\n{len(results)} figure(s) from {len(wanted) - len(broken)} benchmark(s) in "
        f"{time.perf_counter() - started:.0f} s; written to {RESULTS.name}"
    )
    if broken:
        print(f"BROKEN: {', '.join(broken)}")
    if failed:
        print(f"MISSED TARGETS: {', '.join(failed)}")
    return 1 if failed or broken else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
