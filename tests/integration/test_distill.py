"""A student reader taught by a teacher: the teacher's readings stored on the student's pieces,
resumable, refused for other examples, and a student run that learns from them."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from tests.integration.test_reader_training import _args
from tests.unit.test_reader_data import _squad
from training.distill import TeacherLogits, compute
from training.encoding import piece_counts
from training.reader_data import by_length
from training.train_reader import load_base, train, training_examples

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def _teacher(tmp_path: Path, squad: Path) -> tuple[Path, argparse.Namespace]:
    teacher = train(_args(tmp_path, squad, "teacher", 2))
    return teacher, _args(tmp_path, squad, "student", 4)


def test_the_stored_readings_are_the_teachers_own_on_the_student_pieces(tmp_path: Path) -> None:
    from assistant.reader import load_network
    from training.encoding import tokenize

    squad = _squad(tmp_path)
    teacher, args = _teacher(tmp_path, squad)
    data = training_examples(args)
    tokenizer = load_base("minilm")[0]
    stored = TeacherLogits(compute(teacher, data, tokenizer, tmp_path / "logits", batch=3), data)
    torch, _, network = load_network(teacher)
    # The teacher reads a shard in order of length: the readings must come back in place.
    assert by_length(piece_counts(tokenizer, data), range(len(data))) != list(range(len(data)))
    encoded = tokenize(tokenizer, data)
    with torch.no_grad():
        start, end, answerable = network(
            encoded["input_ids"], encoded["attention_mask"], encoded["token_type_ids"]
        )
    length = encoded["input_ids"].shape[1]
    kept_start, kept_end, kept_answerable = stored.of(list(range(len(data))), length)
    # The same tokenizer on both sides: every window piece and [CLS] carry the teacher's logits
    # (to float16's precision), the question's pieces and the separators none.
    for row in range(len(data)):
        sides = encoded.sequence_ids(row)
        for piece in range(length):
            if piece == 0 or sides[piece] == 1:
                near = pytest.approx((float(start[row, piece]), float(end[row, piece])), abs=0.02)
                assert (float(kept_start[row, piece]), float(kept_end[row, piece])) == near
            else:
                assert float(kept_start[row, piece]) < -1000
    assert kept_answerable.tolist() == pytest.approx(answerable.tolist(), abs=0.02)


def test_a_stopped_teacher_run_resumes_and_other_examples_are_refused(tmp_path: Path) -> None:
    from safetensors.torch import load_file

    import training.distill as distill

    squad = _squad(tmp_path)
    teacher, args = _teacher(tmp_path, squad)
    data = training_examples(args)
    tokenizer = load_base("minilm")[0]
    original, distill.SHARD = distill.SHARD, 2
    try:
        out = compute(teacher, data, tokenizer, tmp_path / "logits")
        shards = sorted(out.glob("shard-*.safetensors"))
        assert len(shards) == (len(data) + 1) // 2
        whole = {p.name: load_file(str(p)) for p in shards}
        shards[-1].unlink()  # as a run stopped before its last shard leaves the folder
        with pytest.raises(SystemExit, match="not complete"):
            TeacherLogits(out, data)
        compute(teacher, data, tokenizer, out)
        again = load_file(str(shards[-1]))
        assert all(again[k].equal(whole[shards[-1].name][k]) for k in again)
        with pytest.raises(SystemExit, match="another list"):
            compute(teacher, data[::-1], tokenizer, out)
        with pytest.raises(SystemExit, match="other examples"):
            TeacherLogits(out, data[1:])
    finally:
        distill.SHARD = original


def test_a_student_learns_from_the_teacher_and_says_so(tmp_path: Path) -> None:
    from safetensors.torch import load_file

    squad = _squad(tmp_path)
    teacher, args = _teacher(tmp_path, squad)
    data = training_examples(args)
    logits = compute(teacher, data, load_base("minilm")[0], tmp_path / "logits")
    plain = load_file(str(train(args) / "model.safetensors"))
    taught_args = _args(tmp_path, squad, "taught", 4)
    taught_args.teacher_logits, taught_args.alpha, taught_args.temperature = logits, 0.5, 2.0
    taught_folder = train(taught_args)
    taught = load_file(str(taught_folder / "model.safetensors"))
    assert not all(plain[k].equal(taught[k]) for k in plain)  # the teacher changed the student
    record = (taught_folder / "training.json").read_text()
    assert '"alpha": 0.5' in record and str(logits) in record
    # As `make student` runs it: a trained reader taught further, in batches of like length (each
    # batch its own readings).
    grouped_args = _args(tmp_path, squad, "grouped", 4)
    grouped_args.teacher_logits, grouped_args.group_by_length = logits, True
    grouped_args.init = args.out
    grouped = json.loads((train(grouped_args) / "training.json").read_text())
    assert grouped["group_by_length"] is True and grouped["teacher_logits"] == str(logits)
    assert grouped["init"] == str(args.out)
