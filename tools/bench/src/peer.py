"""The Python peer of the benchmark harness: times NumPy/SciPy code exactly as the harness times
ours (warm-up runs, then timed runs with perf_counter). One JSON request per line."""
import json
import sys
import time
import traceback

import numpy as np
import scipy
import scipy.sparse
import scipy.sparse.linalg


def run_case(request):
    namespace = {"np": np, "scipy": scipy, "sp": scipy.sparse, "spla": scipy.sparse.linalg}
    for name, path in request["inputs"].items():
        namespace[name] = np.load(path)
    exec(request.get("setup") or "", namespace)
    code = compile(request["run"], "<peer run>", "exec")
    repeat = request.get("repeat", 1)
    for _ in range(request["warmup"] * repeat):
        exec(code, namespace)
    times = []
    for _ in range(request["runs"]):
        start = time.perf_counter()
        for _ in range(repeat):
            exec(code, namespace)
        times.append((time.perf_counter() - start) * 1e3 / repeat)
    return times


def main():
    sys.stdout.write(json.dumps({"numpy": np.__version__, "scipy": scipy.__version__,
                                 "python": sys.version.split()[0]}) + "\n")
    sys.stdout.flush()
    for line in sys.stdin:
        request = json.loads(line)
        try:
            reply = {"times": run_case(request)}
        except Exception:
            reply = {"error": traceback.format_exc()}
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


main()
