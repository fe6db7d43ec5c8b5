"""Distillation's pieces: teacher pieces matched to the student's by the characters they cover,
the loss that pulls a student toward its teacher, and the examples' fingerprint."""

from __future__ import annotations

import pytest

from training.distill import align, fingerprint, soft_loss
from training.reader_data import Example


def test_pieces_are_matched_by_their_window_characters_across_different_separators() -> None:
    # MiniLM: [CLS] who ? [SEP] the mayor [SEP]; MPNet: <s> who ? </s> </s> the mayor </s>.
    student = [None, None, None, None, (0, 3), (4, 9), None]
    teacher = [None, None, None, None, None, (0, 3), (4, 9), None]
    assert align(student, teacher) == [0, -1, -1, -1, 5, 6, -1]


def test_a_piece_the_teacher_cut_otherwise_gets_no_teacher_piece() -> None:
    student = [None, (0, 3), (3, 6), (7, 9)]  # "kiz" "##o" …
    teacher = [None, None, (0, 2), (2, 6), (7, 9)]
    assert align(student, teacher) == [0, -1, -1, 4]


def test_the_loss_is_least_when_the_student_reads_as_the_teacher_does() -> None:
    torch = pytest.importorskip("torch")
    generator = torch.Generator().manual_seed(0)
    teacher = (
        torch.randn(4, 12, generator=generator),
        torch.randn(4, 12, generator=generator),
        torch.randn(4, generator=generator),
    )
    other = tuple(t + torch.randn(t.shape, generator=generator) for t in teacher)
    same = soft_loss(teacher, teacher, 2.0)
    assert float(same) < float(soft_loss(other, teacher, 2.0))
    # Of the same loss, the divergences are nil: what remains is the answerability's entropy.
    p = torch.sigmoid(teacher[2])
    entropy = -(p * p.log() + (1 - p) * (1 - p).log()).mean()
    assert float(same) == pytest.approx(float(entropy), abs=1e-5)
    # The gradient moves a student toward the teacher: one step lowers the loss.
    student = tuple(t.clone().requires_grad_(True) for t in other)
    before = soft_loss(student, teacher, 2.0)
    before.backward()
    with torch.no_grad():
        stepped = tuple(s - 0.5 * s.grad for s in student)
    assert float(soft_loss(stepped, teacher, 2.0)) < float(before.detach())


def test_the_fingerprint_tells_lists_of_examples_apart() -> None:
    one = [Example("Who?", "Kizo did.", 0, 4), Example("When?", "In March.", 3, 8)]
    assert fingerprint(one) == fingerprint(list(one))
    assert fingerprint(one) != fingerprint(one[::-1])
    assert fingerprint(one) != fingerprint([one[0], Example("When?", "In March.", None, None)])
