"""numpy (OpenBLAS) as a benchmark contender: `python3 numpy_bench.py W1|W2|W3|W4 [IMAGES LABELS]`.

The same networks as bpnet's with hand-written backprop in float32 (W1, W3, W4) and float64 (W2),
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


def read_idx(path):
    raw = np.fromfile(path, dtype=np.uint8)
    ndims = int(raw[3])
    dims = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i].tobytes(), "big") for i in range(ndims)]
    return raw[4 + 4 * ndims:].reshape(dims)


def w4(images, labels):
    """784-256-10 ReLU / softmax + cross-entropy, float32 sgd (η 0.05), batch 64: images read as a
    user would, all scaled to float32 at once."""
    x = read_idx(images).reshape(-1, 784).astype(np.float32) / np.float32(255)
    lab = read_idx(labels)
    y = np.zeros((len(lab), 10), dtype=np.float32)
    y[np.arange(len(lab)), lab] = 1
    rng = np.random.default_rng(1)
    sizes = [784, 256, 10]
    W = [(rng.standard_normal((o, i)) * np.sqrt(2 / i)).astype(np.float32) for i, o in zip(sizes, sizes[1:])]
    b = [np.zeros(o, dtype=np.float32) for o in sizes[1:]]
    eta, batch = np.float32(0.05), 64
    state = {"loss": 0.0}

    def epoch():
        order = rng.permutation(len(x))
        total = 0.0
        for start in range(0, len(x), batch):
            idx = order[start:start + batch]
            a0, t = x[idx], y[idx]
            m = np.float32(len(idx))
            z0 = a0 @ W[0].T
            z0 += b[0]
            a1 = np.maximum(z0, 0)
            z1 = a1 @ W[1].T
            z1 += b[1]
            e = np.exp(z1 - z1.max(axis=1, keepdims=True))
            a2 = e / e.sum(axis=1, keepdims=True)
            total += float(-np.log(np.maximum((a2 * t).sum(axis=1), 1e-30)).sum())
            d1 = a2 - t
            gW1, gb1 = d1.T @ a1, d1.sum(axis=0)
            d0 = (d1 @ W[1]) * (z0 > 0)
            gW0, gb0 = d0.T @ a0, d0.sum(axis=0)
            W[1] -= (eta / m) * gW1
            b[1] -= (eta / m) * gb1
            W[0] -= (eta / m) * gW0
            b[0] -= (eta / m) * gb0
        state["loss"] = total / len(x)

    def run():
        t = time.perf_counter()
        epoch()
        return {"seconds": time.perf_counter() - t}

    return run, lambda target: {"loss": state["loss"]}


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
    run, finish = {"W1": digits_mlp, "W2": classic, "W3": gemm, "W4": w4}[workload](*sys.argv[2:])
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        message = json.loads(line)
        answer = run() if message["cmd"] == "run" else {**finish(message.get("epochs", 0)), "maxRssMB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
        print(json.dumps(answer), flush=True)


main()
