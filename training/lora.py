"""Low-rank adapters (LoRA, with peft) on the reader's encoder: the base's weights stay frozen and
only a rank-r update of each linear layer, and the two heads, are trained.

Why: a twelve-layer mpnet reader trained on all its weights is 440 MB a checkpoint (with its
optimizer state, more), kept only on the machine it ran on, and a run longer than a session is
lost with the machine. With adapters of rank 8 on every linear layer of the encoder, what is
trained — and so what a checkpoint holds, optimizer state included — is ~16 MB: small enough to
keep in git between sessions (`training/runs/`), and to ship beside the pinned base.

`train_reader --lora R` uses it; when the run is complete, the adapters are merged into the base
(`merge`) and the reader folder is an ordinary one (`assistant.reader.load_network` reads it),
with `adapter.safetensors` (only what was trained) beside it.
The product never imports this module.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from assistant.store.atomic import atomic_write

# Every linear layer of an encoder layer: MPNet's attention is q, k, v, o and its feed-forward
# intermediate.dense and output.dense; BERT's query, key, value and the three "dense" layers.
TARGETS = ("q", "k", "v", "o", "query", "key", "value", "dense")


def add_adapters(network: Any, rank: int, dropout: float = 0.0) -> frozenset[str]:
    """Wrap the network's encoder in rank-`rank` adapters (alpha = 2 × rank) and freeze the rest
    of it; the heads stay trained. Returns the names of the frozen tensors (state_dict keys), which
    checkpoints leave out."""
    from peft import LoraConfig, get_peft_model

    config = LoraConfig(
        r=rank, lora_alpha=2 * rank, lora_dropout=dropout, target_modules=list(TARGETS)
    )
    network.bert = get_peft_model(network.bert, config)
    trained = {n for n, p in network.named_parameters() if p.requires_grad}
    return frozenset(n for n in network.state_dict() if n not in trained)


def merge(network: Any) -> Any:
    """The encoder with its adapters folded into its weights (a plain encoder again)."""
    network.bert = network.bert.merge_and_unload()
    return network


def save_adapter(network: Any, frozen: frozenset[str], out: Path) -> Path:
    """What the run trained (adapters and heads, float32) as `out/adapter.safetensors`."""
    from safetensors.torch import save_file

    state = {k: v.contiguous() for k, v in network.state_dict().items() if k not in frozen}
    target = out / "adapter.safetensors"
    atomic_write(target, lambda path: save_file(state, str(path)))
    return target
