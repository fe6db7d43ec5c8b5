"""Training checkpoints of the reader: safetensors + JSON (no pickle), written atomically, the
newest two and every 1,000th kept; and a clean stop on Ctrl-C or SIGTERM.
The product never imports this module."""

from __future__ import annotations

import contextlib
import json
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from assistant.store.atomic import atomic_write_json


def save_checkpoint(
    folder: Path, step: int, network: Any, optimizer: Any, frozen: frozenset[str] = frozenset()
) -> None:
    from safetensors.torch import save_file

    folder.mkdir(parents=True, exist_ok=True)
    state = network.state_dict()
    tensors = {f"model.{k}": v.contiguous() for k, v in state.items() if k not in frozen}
    names = {id(p): n for n, p in network.named_parameters()}
    steps: dict[str, float] = {}
    for group in optimizer.param_groups:
        for parameter in group["params"]:
            state = optimizer.state.get(parameter)
            if not state:
                continue
            name = names[id(parameter)]
            tensors[f"adam.{name}.exp_avg"] = state["exp_avg"].contiguous()
            tensors[f"adam.{name}.exp_avg_sq"] = state["exp_avg_sq"].contiguous()
            steps[name] = float(state["step"])
    partial = folder / f"step-{step:06d}.safetensors.part"
    save_file(tensors, str(partial))
    partial.replace(folder / f"step-{step:06d}.safetensors")
    atomic_write_json(folder / f"step-{step:06d}.json", {"step": step, "adam_steps": steps})
    _prune(folder)


KEEP_NEWEST = 2
KEEP_EVERY = 1000  # a checkpoint every this many steps stays, to compare them on the dev sets


def _prune(folder: Path) -> None:
    """Delete all but the newest checkpoints and the milestones (each is ~270 MB)."""
    found = sorted(folder.glob("step-*.json"))
    for meta in found[:-KEEP_NEWEST]:
        if int(meta.stem.split("-")[1]) % KEEP_EVERY:
            meta.with_suffix(".safetensors").unlink(missing_ok=True)
            meta.unlink()


def model_state(tensors: dict[str, Any]) -> dict[str, Any]:
    """The network's tensors of a checkpoint (keys "model.…"; the optimizer's are "adam.…")."""
    return {k[len("model.") :]: v for k, v in tensors.items() if k.startswith("model.")}


def load_checkpoint(
    folder: Path, network: Any, optimizer: Any, frozen: frozenset[str] = frozenset()
) -> int:
    """Restore the newest checkpoint; returns its step (0 when there is none)."""
    import torch
    from safetensors.torch import load_file

    found = sorted(folder.glob("step-*.json")) if folder.exists() else []
    if not found:
        return 0
    meta = json.loads(found[-1].read_text())
    tensors = load_file(str(found[-1].with_suffix(".safetensors")))
    missing, unexpected = network.load_state_dict(model_state(tensors), strict=False)
    if unexpected or set(missing) - frozen:
        raise SystemExit(f"{found[-1]} does not fit this network: {unexpected or missing}")
    for name, parameter in network.named_parameters():
        if name in meta["adam_steps"]:
            optimizer.state[parameter] = {
                "step": torch.tensor(meta["adam_steps"][name]),
                "exp_avg": tensors[f"adam.{name}.exp_avg"],
                "exp_avg_sq": tensors[f"adam.{name}.exp_avg_sq"],
            }
    return int(meta["step"])


@contextlib.contextmanager
def stop_requests() -> Iterator[list[int]]:
    """A list that gets the signal's number when Ctrl-C or SIGTERM asks the run to stop (the loop
    then ends its step and checkpoints); the handlers before are put back afterwards."""
    requests: list[int] = []
    numbers = (signal.SIGINT, signal.SIGTERM)
    before = [signal.signal(n, lambda got, _frame: requests.append(got)) for n in numbers]
    try:
        yield requests
    finally:
        for number, handler in zip(numbers, before, strict=True):
            signal.signal(number, handler)
