"""Time one training step (forward, loss, backward, update) of the numpy network engine.

Prints the median, p90 and p95 in ms for four configurations. If PyTorch happens to
be installed, the same networks (identical float64 weights) are also timed in torch
eager mode on the CPU with one thread, the ratio is printed, and the gradients of
the two engines are compared. PyTorch is not a dependency of the workbook: without
it the script says so and times numpy only.

Both engines run on one thread (OPENBLAS_NUM_THREADS=1 is set before numpy loads),
so the comparison is like for like.

Run: .venv/bin/python benchmarks/bench_nn.py
"""
from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import time  # noqa: E402
from dataclasses import dataclass  # noqa: E402

import numpy as np  # noqa: E402

from helpers.nn import Network, loss_and_gradients  # noqa: E402
from helpers.training import Trainer  # noqa: E402


@dataclass
class Config:
    name: str
    sizes: tuple[int, ...]
    hidden: str
    loss: str
    batch: int
    repeats: int


CONFIGS = [
    Config("2-16-16-1 tanh, sigmoid output (BCE), batch 200", (2, 16, 16, 1), "tanh",
           "binary_cross_entropy", 200, 2000),
    Config("64-32-10 ReLU, softmax cross-entropy, batch 32", (64, 32, 10), "relu",
           "softmax_cross_entropy", 32, 2000),
    Config("64-32-10 ReLU, softmax cross-entropy, batch 1797", (64, 32, 10), "relu",
           "softmax_cross_entropy", 1797, 500),
    Config("2-[8 × 10]-1 sigmoid, sigmoid output (BCE), batch 100", (2,) + (10,) * 8 + (1,),
           "sigmoid", "binary_cross_entropy", 100, 1000),
]


def problem(cfg: Config, seed: int = 0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(cfg.batch, cfg.sizes[0]))
    if cfg.loss == "softmax_cross_entropy":
        y = rng.integers(0, cfg.sizes[-1], cfg.batch)
    else:
        y = rng.integers(0, 2, cfg.batch)
    init = "he" if cfg.hidden == "relu" else "xavier"
    net = Network(cfg.sizes, cfg.hidden, "identity", init=init, seed=seed)
    return net, X, y


def timings_ms(step, repeats: int) -> np.ndarray:
    for _ in range(20):  # warm up
        step()
    out = np.empty(repeats)
    for i in range(repeats):
        start = time.perf_counter()
        step()
        out[i] = (time.perf_counter() - start) * 1e3
    return out


def summary(ms: np.ndarray) -> str:
    return (f"median {np.median(ms):7.4f} ms   p90 {np.percentile(ms, 90):7.4f} ms   "
            f"p95 {np.percentile(ms, 95):7.4f} ms")


def numpy_step(cfg: Config):
    net, X, y = problem(cfg)
    trainer = Trainer(net, X, y, cfg.loss, lr=1e-3)  # full batch: one update = one step
    return trainer.update


def torch_model(torch, cfg: Config, net: Network):
    """The same network in torch, with the numpy weights copied in (float64)."""
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
    return torch.nn.Sequential(*layers)


def torch_loss(torch, cfg: Config, y):
    if cfg.loss == "softmax_cross_entropy":
        return torch.nn.CrossEntropyLoss(), torch.from_numpy(y.astype(np.int64))
    return torch.nn.BCEWithLogitsLoss(), torch.from_numpy(y.astype(np.float64)[:, None])


def compare_with_torch(torch, cfg: Config) -> tuple[np.ndarray, float]:
    """Time a torch eager step and return (timings, max relative gradient difference)."""
    net, X, y = problem(cfg)
    model = torch_model(torch, cfg, net)
    criterion, target = torch_loss(torch, cfg, y)
    inputs = torch.from_numpy(X)
    optimiser = torch.optim.SGD(model.parameters(), lr=1e-3)

    _, grads, _ = loss_and_gradients(net, X, y, cfg.loss)
    model.zero_grad()
    criterion(model(inputs), target).backward()
    linears = [m for m in model if isinstance(m, torch.nn.Linear)]
    worst = 0.0
    for l, linear in enumerate(linears):
        for ours, theirs in ((grads.weights[l], linear.weight.grad.numpy().T),
                             (grads.biases[l], linear.bias.grad.numpy())):
            scale = max(np.linalg.norm(ours), np.linalg.norm(theirs), 1e-300)
            worst = max(worst, float(np.linalg.norm(ours - theirs) / scale))

    def step():
        optimiser.zero_grad()
        criterion(model(inputs), target).backward()
        optimiser.step()

    return timings_ms(step, cfg.repeats), worst


def main() -> None:
    try:
        import torch
    except ImportError:
        torch = None
    print("One training step (forward, loss, backward, update), numpy engine, float64, 1 thread")
    results = {}
    for cfg in CONFIGS:
        ms = timings_ms(numpy_step(cfg), cfg.repeats)
        results[cfg.name] = ms
        print(f"  {cfg.name:<56} {summary(ms)}")
    if torch is None:
        print("\nPyTorch is not installed: skipping the torch eager comparison "
              "(it is optional; install torch in a separate environment to run it).")
        return
    torch.set_num_threads(1)
    print(f"\nPyTorch {torch.__version__} eager, CPU, 1 thread, same float64 weights")
    for cfg in CONFIGS:
        ms, worst = compare_with_torch(torch, cfg)
        ratio = np.median(ms) / np.median(results[cfg.name])
        print(f"  {cfg.name:<56} {summary(ms)}")
        print(f"  {'':<56} numpy is {ratio:.1f}× faster (median); "
              f"max relative gradient difference {worst:.1e}")


if __name__ == "__main__":
    main()
