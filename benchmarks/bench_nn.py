"""Time one training step of the numpy engine against a hand-written numpy step (and torch).

For five networks (the sizes the notebooks and panels train) this times, per update:

* ``Trainer.run``      — the path notebooks and panels use (full batch, ≥ 25 epochs per call,
  so the one evaluation after the last epoch is shared by many updates);
* ``Trainer.update``   — one update on its own;
* bare step            — ``loss_and_gradients`` followed by θ ← θ − η g, no bookkeeping;
* numpy reference      — the same step written out by hand in a dozen numpy lines (below);
* torch eager          — only if PyTorch is importable (it is not a dependency of the workbook).

Each candidate is timed in blocks of a few milliseconds; blocks of all candidates alternate
(interleaved rounds in one process), so a change of machine load hits them alike. The figure
is the median over rounds of the block's time per step, with the 95th percentile beside it.
One BLAS thread (threadpoolctl if installed, else OPENBLAS/OMP/MKL_NUM_THREADS set before numpy
is imported). Before timing, the gradients of every candidate are compared with the engine's.

Run: .venv/bin/python benchmarks/bench_nn.py [--rounds N] [--clock wall|cpu]
"""
from __future__ import annotations

import os

for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

import argparse  # noqa: E402
import time  # noqa: E402
from dataclasses import dataclass  # noqa: E402

import numpy as np  # noqa: E402

from helpers.nn import Network, loss_and_gradients  # noqa: E402
from helpers.training import Trainer  # noqa: E402

LEARNING_RATE = 1e-3  # small, so thousands of timed steps never diverge
BLOCK_MS = 4.0  # target duration of one timed block
RUN_EPOCHS = 25  # Trainer.run is called with at least this many epochs, as notebooks do


@dataclass(frozen=True)
class Config:
    name: str
    sizes: tuple[int, ...]
    hidden: str
    loss: str
    batch: int


CONFIGS = [
    Config("2-16-16-1 tanh, BCE, batch 200", (2, 16, 16, 1), "tanh", "binary_cross_entropy", 200),
    Config("64-32-10 ReLU, softmax CE, batch 32", (64, 32, 10), "relu", "softmax_cross_entropy", 32),
    Config("64-32-10 ReLU, softmax CE, batch 1797", (64, 32, 10), "relu",
           "softmax_cross_entropy", 1797),
    Config("2-[8]×10-1 tanh, BCE, batch 100", (2,) + (8,) * 10 + (1,), "tanh",
           "binary_cross_entropy", 100),
    Config("2-[32]×30-1 sigmoid, BCE, batch 64", (2,) + (32,) * 30 + (1,), "sigmoid",
           "binary_cross_entropy", 64),
]


def one_blas_thread():
    """Limit BLAS to one thread for the whole run (the environment variables already ask it)."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        return None
    return threadpool_limits(limits=1, user_api="blas")


def problem(cfg: Config, seed: int = 0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(cfg.batch, cfg.sizes[0]))
    n_classes = cfg.sizes[-1] if cfg.loss == "softmax_cross_entropy" else 2
    y = rng.integers(0, n_classes, cfg.batch)
    init = "he" if cfg.hidden == "relu" else "xavier"
    return Network(cfg.sizes, cfg.hidden, "identity", init=init, seed=seed), X, y


# -- the hand-written reference -----------------------------------------------------------------

SLOPE_FROM_OUTPUT = {"tanh": lambda A: 1 - A * A, "sigmoid": lambda A: A * (1 - A),
                     "relu": lambda A: (A > 0).astype(A.dtype)}
ACTIVATION = {"tanh": np.tanh, "sigmoid": lambda Z: 1 / (1 + np.exp(-Z)),
              "relu": lambda Z: np.maximum(Z, 0)}


def reference_step(Ws, bs, X, Y, hidden, softmax_output, lr):
    """Forward, loss, backward and θ ← θ − η g for an MLP, written out once; returns (J, grads)."""
    f, slope, m = ACTIVATION[hidden], SLOPE_FROM_OUTPUT[hidden], len(X)
    As = [X]
    for W, b in zip(Ws[:-1], bs[:-1]):
        As.append(f(As[-1] @ W + b))
    Z = As[-1] @ Ws[-1] + bs[-1]
    if softmax_output:
        top = Z.max(axis=1, keepdims=True)
        E = np.exp(Z - top)
        J = np.mean(np.log(E.sum(axis=1)) + top[:, 0] - np.sum(Y * Z, axis=1))
        delta = (E / E.sum(axis=1, keepdims=True) - Y) / m
    else:
        J = np.mean(np.maximum(Z, 0) + np.log1p(np.exp(-np.abs(Z))) - Y * Z)
        delta = (1 / (1 + np.exp(-Z)) - Y) / m
    grads = []
    for l in reversed(range(len(Ws))):
        grads.append((As[l].T @ delta, delta.sum(axis=0)))
        if l > 0:
            delta = (delta @ Ws[l].T) * slope(As[l])
        Ws[l] -= lr * grads[-1][0]
        bs[l] -= lr * grads[-1][1]
    return J, grads[::-1]


# -- candidates: each returns (step function, steps per call, gradients for the check) -----------

def engine_gradients(cfg: Config):
    net, X, y = problem(cfg)
    _, grads, _ = loss_and_gradients(net, X, y, cfg.loss)
    return list(zip(grads.weights, grads.biases))


def trainer_run(cfg: Config, steps: int):
    net, X, y = problem(cfg)
    trainer = Trainer(net, X, y, cfg.loss, lr=LEARNING_RATE)
    return lambda: trainer.run(steps)  # full batch: one update per epoch


def trainer_update(cfg: Config, steps: int):
    net, X, y = problem(cfg)
    trainer = Trainer(net, X, y, cfg.loss, lr=LEARNING_RATE)

    def block():
        for _ in range(steps):
            trainer.update()
    return block


def bare_step(cfg: Config, steps: int):
    net, X, y = problem(cfg)

    def block():
        for _ in range(steps):
            _, grads, _ = loss_and_gradients(net, X, y, cfg.loss)
            for p, g in zip(net.parameters(), grads.as_list()):
                p -= LEARNING_RATE * g
    return block


def reference(cfg: Config, steps: int):
    net, X, y = problem(cfg)
    Ws, bs = [w.copy() for w in net.weights], [b.copy() for b in net.biases]
    softmax_output = cfg.loss == "softmax_cross_entropy"
    Y = np.eye(cfg.sizes[-1])[y] if softmax_output else y[:, None].astype(float)

    def block():
        for _ in range(steps):
            reference_step(Ws, bs, X, Y, cfg.hidden, softmax_output, LEARNING_RATE)
    return block


def reference_gradients(cfg: Config):
    net, X, y = problem(cfg)
    softmax_output = cfg.loss == "softmax_cross_entropy"
    Y = np.eye(cfg.sizes[-1])[y] if softmax_output else y[:, None].astype(float)
    return reference_step(net.weights, net.biases, X, Y, cfg.hidden, softmax_output, 0.0)[1]


def torch_parts(torch, cfg: Config):
    net, X, y = problem(cfg)
    layers = []
    for l, (W, b) in enumerate(zip(net.weights, net.biases)):
        linear = torch.nn.Linear(*W.shape, dtype=torch.float64)
        with torch.no_grad():
            linear.weight.copy_(torch.from_numpy(W.T.copy()))
            linear.bias.copy_(torch.from_numpy(b.copy()))
        layers.append(linear)
        if l < net.n_layers - 1:
            layers.append({"tanh": torch.nn.Tanh, "relu": torch.nn.ReLU,
                           "sigmoid": torch.nn.Sigmoid}[cfg.hidden]())
    model = torch.nn.Sequential(*layers)
    if cfg.loss == "softmax_cross_entropy":
        criterion, target = torch.nn.CrossEntropyLoss(), torch.from_numpy(y.astype(np.int64))
    else:
        criterion, target = torch.nn.BCEWithLogitsLoss(), torch.from_numpy(y.astype(float)[:, None])
    return model, criterion, torch.from_numpy(X), target


def torch_eager(torch, cfg: Config, steps: int):
    model, criterion, inputs, target = torch_parts(torch, cfg)
    optimiser = torch.optim.SGD(model.parameters(), lr=LEARNING_RATE)

    def block():
        for _ in range(steps):
            optimiser.zero_grad()
            criterion(model(inputs), target).backward()
            optimiser.step()
    return block


def torch_gradients(torch, cfg: Config):
    model, criterion, inputs, target = torch_parts(torch, cfg)
    criterion(model(inputs), target).backward()
    linears = [m for m in model if isinstance(m, torch.nn.Linear)]
    return [(m.weight.grad.numpy().T, m.bias.grad.numpy()) for m in linears]


def largest_difference(ours, theirs) -> float:
    """max over arrays of ‖g − g_other‖ / max(‖g‖, ‖g_other‖)."""
    worst = 0.0
    for pair_a, pair_b in zip(ours, theirs):
        for a, b in zip(pair_a, pair_b):
            scale = max(np.linalg.norm(a), np.linalg.norm(b), 1e-300)
            worst = max(worst, float(np.linalg.norm(a - b) / scale))
    return worst


# -- timing ------------------------------------------------------------------------------------

def steps_per_block(cfg: Config) -> int:
    """Steps that take about BLOCK_MS with the reference."""
    block = reference(cfg, 5)
    block()
    start = time.perf_counter()
    block()
    per_step_ms = (time.perf_counter() - start) * 1e3 / 5
    return int(BLOCK_MS / per_step_ms)


CLOCKS = {"wall": time.perf_counter, "cpu": time.process_time}


def interleaved(blocks: dict, steps: int, rounds: int, clock=time.perf_counter) -> dict[str, np.ndarray]:
    """ms per step of each block, over ``rounds`` rounds that alternate the candidates."""
    for block in blocks.values():  # warm-up
        block()
    names = list(blocks)
    out = {name: np.empty(rounds) for name in names}
    for r in range(rounds):
        order = names[r % len(names):] + names[:r % len(names)]  # rotate who goes first
        for name in order:
            start = clock()
            blocks[name]()
            out[name][r] = (clock() - start) * 1e3 / steps
    return out


def compared(a_ms: float, b_ms: float) -> str:
    """'1.15× slower' or '2.3× faster': a against b, by the ratio of medians."""
    ratio = a_ms / b_ms
    if ratio >= 1:
        return f"{ratio:.2f}× slower"
    return f"{1 / ratio:.2f}× faster"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--clock", choices=sorted(CLOCKS), default="wall",
                        help="wall time (what a reader waits), or this process's CPU time "
                             "(steadier on a machine shared with other work)")
    args = parser.parse_args()
    try:
        import torch
        torch.set_num_threads(1)
    except ImportError:
        torch = None
    limits = one_blas_thread()
    load = os.getloadavg()
    print(f"One training step, float64, one BLAS thread ({'threadpoolctl' if limits else 'env vars'}); "
          f"{args.rounds} interleaved rounds, {args.clock} clock; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    print("median ms per step (p95 over rounds)\n")
    columns = ["Trainer.run", "Trainer.update", "bare step", "numpy reference"]
    if torch is not None:
        columns.append("torch eager")
    print(f"{'net':<40}" + "".join(f"{c:>18}" for c in columns))
    summaries = []
    for cfg in CONFIGS:
        steps = max(steps_per_block(cfg), RUN_EPOCHS)
        blocks = {"Trainer.run": trainer_run(cfg, steps), "Trainer.update": trainer_update(cfg, steps),
                  "bare step": bare_step(cfg, steps), "numpy reference": reference(cfg, steps)}
        checks = [f"numpy reference {largest_difference(engine_gradients(cfg), reference_gradients(cfg)):.0e}"]
        if torch is not None:
            blocks["torch eager"] = torch_eager(torch, cfg, steps)
            checks.append(f"torch {largest_difference(engine_gradients(cfg), torch_gradients(torch, cfg)):.0e}")
        ms = interleaved(blocks, steps, args.rounds, CLOCKS[args.clock])
        medians = {name: float(np.median(v)) for name, v in ms.items()}
        print(f"{cfg.name:<40}" + "".join(
            f"{medians[c]:>9.3f} ({np.percentile(ms[c], 95):6.3f})" for c in columns))
        line = f"    Trainer.run is {compared(medians['Trainer.run'], medians['numpy reference'])} " \
               f"than the numpy reference"
        if torch is not None:
            line += f", {compared(medians['Trainer.run'], medians['torch eager'])} than torch eager"
        summaries.append(f"{cfg.name}\n{line}\n    gradients vs the engine's, largest relative "
                         f"difference: {', '.join(checks)}")
    print()
    print("\n".join(summaries))
    if torch is None:
        print("\nPyTorch is not installed: no torch comparison (it is optional, not a dependency).")
    else:
        print(f"\nPyTorch {torch.__version__}, eager mode, CPU, 1 thread, the same float64 weights.")
    load = os.getloadavg()
    print(f"load average at the end {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


if __name__ == "__main__":
    main()
