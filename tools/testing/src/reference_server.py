"""The Python end of PythonReference: one JSON request per line on stdin, one reply per line."""
import base64
import json
import sys
import traceback

import numpy as np
import scipy
import scipy.sparse
import scipy.sparse.linalg

namespace = {"np": np, "scipy": scipy, "sp": scipy.sparse, "spla": scipy.sparse.linalg}


def decode(value):
    if isinstance(value, dict) and value.get("__nd__"):
        raw = base64.b64decode(value["b64"])
        return np.frombuffer(raw, dtype=np.dtype(value["dtype"])).reshape(value["shape"]).copy()
    return value


def encode(value):
    if isinstance(value, np.ndarray):
        array = value if value.flags.c_contiguous else value.copy(order="C")  # keeps 0-d arrays 0-d
        return {"__nd__": True, "dtype": str(array.dtype), "shape": list(array.shape),
                "b64": base64.b64encode(array.tobytes()).decode("ascii")}
    if isinstance(value, (complex, np.complexfloating)):
        return {"__complex__": True, "re": float(value.real), "im": float(value.imag)}
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, (float, np.floating)):
        value = float(value)
        # JSON has no NaN or infinities.
        return value if np.isfinite(value) else {"__float__": repr(value)}
    if isinstance(value, (list, tuple)):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {str(k): encode(v) for k, v in value.items()}
    return value


def main():
    for line in sys.stdin:
        request = json.loads(line)
        try:
            for name, value in request["inputs"].items():
                namespace[name] = decode(value)
            exec(request["code"], namespace)
            value = eval(request["result"], namespace)
            reply = {"id": request["id"], "ok": True, "value": encode(value)}
        except Exception:  # the test sees the traceback
            reply = {"id": request["id"], "ok": False, "error": traceback.format_exc()}
        sys.stdout.write(json.dumps(reply, allow_nan=False) + "\n")
        sys.stdout.flush()


main()
