"""NumPy/SciPy on the inputs programs.mjs recorded: one 'ok <case>' or 'FAIL <case>: why' line each."""
import base64
import json
import sys

import numpy as np
import scipy.sparse as sp
import scipy.sparse.linalg as spla

record = json.load(sys.stdin)


def arr(v):
    return np.frombuffer(base64.b64decode(v["base64"]), dtype=np.dtype(v["dtype"])).reshape(v["shape"]).copy()


def case(name, fn):
    try:
        problem = fn(record[name])
    except Exception as e:  # noqa: BLE001 - reported, never swallowed
        problem = f"{type(e).__name__}: {e}"
    print(f"ok {name}" if not problem else f"FAIL {name}: {problem}")


def near(got, want, rtol=1e-12, atol=1e-12):
    if got.shape != want.shape:
        return f"shape {got.shape} against {want.shape}"
    if not np.allclose(got, want, rtol=rtol, atol=atol):
        return f"max |difference| {np.max(np.abs(got - want)):.3g}"
    return None


def stencil(r):
    v = arr(r["inputs"]["v"])
    for _ in range(20):
        v[1:-1] = (v[:-2] + v[1:-1] + v[2:]) / 3.0
    return near(arr(r["elementwise"]["v"]), v)


def heat(r):
    g = arr(r["inputs"]["grid"])
    for _ in range(10):
        work = 0.2 * (g[1:-1, 1:-1] + g[:-2, 1:-1] + g[2:, 1:-1] + g[1:-1, 2:] + g[1:-1, :-2])
        delta = np.sum(np.abs(work - g[1:-1, 1:-1]))
        g[1:-1, 1:-1] = work
    return near(arr(r["elementwise"]["grid"]), g) or (None if abs(delta - r["reductions"]["delta"]) <= 1e-9 * abs(delta) else "delta")


def cg(r):
    n = 20
    t = sp.diags([-1, 2, -1], [-1, 0, 1], shape=(n, n))
    a = (sp.kron(sp.identity(n), t) + sp.kron(t, sp.identity(n))).tocsr()
    b = arr(r["inputs"]["b"])
    x = spla.spsolve(a.tocsc(), b)
    return near(arr(r["elementwise"]["x"]), x, rtol=1e-8, atol=1e-8) or near(arr(r["elementwise"]["Ax"]), a @ arr(r["elementwise"]["x"]))


def power(r):
    s = arr(r["inputs"]["S"])
    v = np.ones(s.shape[0])
    for _ in range(15):
        y = s @ v
        v = y / np.linalg.norm(y)
    lam = v @ (s @ v)
    return near(arr(r["elementwise"]["v"]), v, rtol=1e-10, atol=1e-12) or (None if abs(lam - r["reductions"]["lambda"]) <= 1e-10 * abs(lam) else "lambda")


def sort(r):
    return near(arr(r["elementwise"]["sorted"]), np.sort(arr(r["inputs"]["a"])), rtol=0, atol=0)


def fft(r):
    return near(arr(r["rounding"]["spectrum"]), np.fft.fft(arr(r["inputs"]["images"]), axis=1), rtol=1e-10, atol=1e-10)


def cumsum(r):
    c = arr(r["inputs"]["c"])
    return near(arr(r["elementwise"]["scan"]), np.cumsum(c), rtol=1e-10) or (None if abs(c @ c - r["reductions"]["dot"]) <= 1e-10 * (c @ c) else "dot")


def matmul(r):
    return near(arr(r["elementwise"]["C"]), arr(r["inputs"]["A"]) @ arr(r["inputs"]["B"]), rtol=1e-10)


def saxpy(r):
    return near(arr(r["elementwise"]["z"]), 2.5 * arr(r["inputs"]["x"]) + arr(r["inputs"]["y"]), rtol=0, atol=0)


def blocked(r):
    c = np.array(r["reductions"]["C"]).reshape(30, 10)
    return near(c, arr(r["inputs"]["A"]) @ arr(r["inputs"]["B"]), rtol=1e-10)


def histogram(r):
    values = arr(r["inputs"]["values"]).astype(np.int64)
    return near(arr(r["elementwise"]["counts"]), np.bincount(values, minlength=16), rtol=0, atol=0)


def unbound(r):
    a = arr(r["inputs"]["a"])
    e = r["elementwise"]
    return (
        near(arr(e["unique"]), np.unique(a), rtol=0, atol=0)
        or near(arr(e["nonzero"]), np.nonzero(a > 40)[0], rtol=0, atol=0)
        or near(arr(e["selected"]), a[a > 40], rtol=0, atol=0)
    )


for name, fn in [
    ("stencil", stencil),
    ("heat2d", heat),
    ("cg", cg),
    ("power", power),
    ("sort", sort),
    ("fft", fft),
    ("cumsum", cumsum),
    ("matmul", matmul),
    ("saxpy", saxpy),
    ("blocked-matmul", blocked),
    ("histogram", histogram),
    ("unbound", unbound),
]:
    case(name, fn)
