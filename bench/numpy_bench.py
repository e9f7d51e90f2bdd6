"""numpy (OpenBLAS) as a benchmark contender: `python3 numpy_bench.py W1|W2|W3`.

The same networks as bpnet's with hand-written backprop in float32 (W1, W3) and float64 (W2),
speaking bench/protocol.ts: one JSON command per line on stdin, one JSON answer per line on stdout.
"""
import json
import os
import resource
import sys
import time

try:
    import numpy as np
except ImportError:
    print(json.dumps({"skip": "numpy is not installed"}), flush=True)
    sys.exit(0)

CACHE = os.path.join(os.path.dirname(os.path.abspath(__file__)), ".cache")
GEMM_SHAPES = [(256, 784, 128), (1024, 1024, 1024)]


def load(split):
    x = np.fromfile(os.path.join(CACHE, f"digits-{split}-inputs.f32"), dtype=np.float32).reshape(-1, 784)
    y = np.fromfile(os.path.join(CACHE, f"digits-{split}-targets.f32"), dtype=np.float32).reshape(-1, 10)
    return x, y


def digits_mlp():
    x, y = load("train")
    tx, ty = load("test")
    rng = np.random.default_rng(1)
    sizes = [784, 128, 64, 10]
    W = [(rng.standard_normal((o, i)) * np.sqrt(2 / i)).astype(np.float32) for i, o in zip(sizes, sizes[1:])]
    b = [np.zeros(o, dtype=np.float32) for o in sizes[1:]]
    eta, batch = np.float32(0.05), 64
    state = {"epochs": 0}

    def forward(a0):
        zs, acts = [], [a0]
        for l in range(3):
            z = acts[-1] @ W[l].T
            z += b[l]
            zs.append(z)
            acts.append(np.maximum(z, 0) if l < 2 else z)
        z = zs[-1]
        e = np.exp(z - z.max(axis=1, keepdims=True))
        acts[-1] = e / e.sum(axis=1, keepdims=True)
        return zs, acts

    def epoch():
        order = rng.permutation(len(x))
        for start in range(0, len(x), batch):
            idx = order[start:start + batch]
            a0, t = x[idx], y[idx]
            m = np.float32(len(idx))
            zs, acts = forward(a0)
            delta = acts[3] - t  # softmax + cross-entropy: δ = a − y
            for l in (2, 1, 0):
                gW = delta.T @ acts[l]
                gb = delta.sum(axis=0)
                if l > 0:
                    delta = (delta @ W[l]) * (zs[l - 1] > 0)
                W[l] -= (eta / m) * gW
                b[l] -= (eta / m) * gb
        state["epochs"] += 1

    def run():
        t = time.perf_counter()
        epoch()
        return {"seconds": time.perf_counter() - t}

    def finish(target):
        while state["epochs"] < target:
            epoch()
        _, acts = forward(tx)
        accuracy = float((acts[3].argmax(axis=1) == ty.argmax(axis=1)).mean())
        return {"accuracy": accuracy, "epochs": state["epochs"]}

    return run, finish


def classic():
    x = np.array([[0.05, 0.10]])
    y = np.array([[0.01, 0.99]])
    b1, b2 = 0.35, 0.60

    def run():
        W1 = np.array([[0.15, 0.20], [0.25, 0.30]])
        W2 = np.array([[0.40, 0.45], [0.50, 0.55]])
        t = time.perf_counter()
        for _ in range(10_000):
            h = 1 / (1 + np.exp(-(x @ W1.T + b1)))
            o = 1 / (1 + np.exp(-(h @ W2.T + b2)))
            d2 = (o - y) * o * (1 - o)
            d1 = (d2 @ W2) * h * (1 - h)
            W2 -= 0.5 * (d2.T @ h)
            W1 -= 0.5 * (d1.T @ x)
        return {"seconds": time.perf_counter() - t}

    return run, lambda target: {}


def gemm():
    rng = np.random.default_rng(1)

    def per_call(f, min_seconds):
        f()
        reps, t = 0, time.perf_counter()
        while True:
            f()
            reps += 1
            elapsed = time.perf_counter() - t
            if elapsed >= min_seconds:
                return elapsed / reps

    def run():
        gflops = {}
        for m, k, n in GEMM_SHAPES:
            A = rng.standard_normal((m, k), dtype=np.float32)
            At = np.ascontiguousarray(A.T)
            B = rng.standard_normal((k, n), dtype=np.float32)
            Bt = np.ascontiguousarray(B.T)
            C = np.empty((m, n), dtype=np.float32)
            variants = {"nn": lambda: np.matmul(A, B, out=C), "nt": lambda: np.matmul(A, Bt.T, out=C),
                        "tn": lambda: np.matmul(At.T, B, out=C)}
            for v, f in variants.items():
                seconds = per_call(f, 0.3 if m > 500 else 0.15)
                gflops[f"{m}×{k}×{n} {v}"] = 2 * m * n * k / seconds / 1e9
        return {"gflops": gflops}

    return run, lambda target: {}


def main():
    workload = sys.argv[1]
    run, finish = {"W1": digits_mlp, "W2": classic, "W3": gemm}[workload]()
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        message = json.loads(line)
        answer = run() if message["cmd"] == "run" else {**finish(message.get("epochs", 0)), "maxRssMB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
        print(json.dumps(answer), flush=True)


main()
