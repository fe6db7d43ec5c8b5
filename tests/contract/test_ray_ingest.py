"""`newsdesk ingest --ray` on a local Ray (127.0.0.1 only), into either store: the same articles
as a plain ingest, re-runs skip what is in, and a crash keeps every file committed before it."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

from assistant.cli import build_parser
from assistant.distributed import RayOptions
from tests.conftest import SAMPLE_CORPUS, TIME_CORPUS

# Not imported here: the test of the 127.0.0.1-only Ray needs it imported by newsdesk first.
if importlib.util.find_spec("ray") is None:
    pytest.skip("Ray Data is an extra: pip install -e '.[scale]'", allow_module_level=True)
pytestmark = pytest.mark.slow

TWO = RayOptions("local", workers=2)


class DriverKilled(Exception):
    """Stands for the ingesting process dying between two commits."""


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "inputs"
    shutil.copytree(SAMPLE_CORPUS, folder / "sample")
    shutil.copytree(TIME_CORPUS, folder / "time")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 this is not a pdf at all")
    return folder


def _content(desk) -> list[tuple[str, int]]:
    return sorted((Path(a.source).name, a.chunks) for a in desk.articles())


def test_ray_ingest_stores_what_a_plain_ingest_stores(open_desk, inputs, tmp_path) -> None:
    desk = open_desk()
    report = desk.ingest([inputs], progress=False, ray=TWO)
    assert report.summary()["added"] == 16
    assert [o.path for o in report.failed] == [str(inputs / "broken.pdf")]
    plain = open_desk(index_dir=tmp_path / "plain", database_url=None)
    plain.ingest([inputs], progress=False)
    assert _content(desk) == _content(plain)
    assert desk.stats()["stories"] == plain.stats()["stories"]
    question = "When did Japan ban luxury exports?"
    assert desk.ask(question).citations[0].published.isoformat() == "2022-03-25"
    again = desk.ingest([inputs], progress=False, ray=TWO)
    assert again.summary()["unchanged"] == 16 and again.chunks_added == 0


def test_a_crash_keeps_committed_files_and_a_rerun_finishes(open_desk, inputs, monkeypatch) -> None:
    from assistant import distributed

    monkeypatch.setattr(distributed, "COMMIT_CHUNKS", 1)  # one commit per file
    desk = open_desk()
    commits = {"n": 0}
    real_apply = desk.index.apply

    def crash_on_third(*args, **kwargs):
        commits["n"] += 1
        if commits["n"] == 3:
            raise DriverKilled  # the driver dies mid-run
        return real_apply(*args, **kwargs)

    monkeypatch.setattr(desk.index, "apply", crash_on_third)
    with pytest.raises(DriverKilled):
        desk.ingest([inputs], progress=False, ray=TWO)
    kept = _content(desk)
    assert len(kept) == 2  # the two files committed before the crash
    monkeypatch.setattr(desk.index, "apply", real_apply)
    rerun = desk.ingest([inputs], progress=False, ray=TWO)
    assert rerun.summary()["unchanged"] == 2
    assert rerun.summary()["added"] == 14
    assert len(_content(desk)) == 16
    assert set(kept) <= set(_content(desk))


def test_the_ray_flag_takes_no_value_and_the_address_has_its_own_form() -> None:
    parser = build_parser()
    assert parser.parse_args(["ingest", "news"]).ray is None
    assert parser.parse_args(["ingest", "news", "--ray"]).ray == "local"
    # The flag first, as people type it: corpus/ is the folder, not a Ray address.
    first = parser.parse_args(["ingest", "--ray", "corpus/"])
    assert (first.ray, first.ray_address, first.paths) == ("local", None, ["corpus/"])
    for form in (["--ray-address", "ray://head:10001"], ["--ray=ray://head:10001"]):
        chosen = parser.parse_args(["ingest", *form, "--ray-workers", "2", "n"])
        assert (chosen.ray_address, chosen.ray_workers, chosen.paths) == (
            "ray://head:10001", 2, ["n"],
        )  # fmt: skip


def test_a_ray_started_here_listens_on_loopback_only() -> None:
    import psutil

    from assistant.distributed import _ray

    with _ray(RayOptions("local", workers=1)) as (ray, _):
        assert ray.util.get_node_ip_address() == "127.0.0.1"
        family = psutil.Process().children(recursive=True)
        assert any("raylet" in " ".join(p.cmdline()) for p in family)
        listening = {
            (connection.laddr.ip, process.name())
            for process in family
            for connection in process.net_connections("tcp")
            if connection.status == psutil.CONN_LISTEN
        }
    assert listening, "Ray's servers were not found"
    assert {ip for ip, _ in listening} <= {"127.0.0.1", "::1", "::ffff:127.0.0.1"}, listening


def test_the_readme_form_without_a_worker_count_ingests_several_files(tmp_path, capsys) -> None:
    # `newsdesk ingest DIR --ray` exactly as the README writes it (real model, real local Ray).
    import json

    from assistant.cli import main

    folder = tmp_path / "news"
    shutil.copytree(SAMPLE_CORPUS, folder)
    index = tmp_path / "index"
    code = main(["ingest", str(folder), "--ray", "--index", str(index), "--json", "--quiet"])
    report = json.loads(capsys.readouterr().out)
    assert (code, report["added"], report["failed"]) == (0, 5, 0), report


def test_ray_reads_names_that_are_not_utf8_and_keeps_lookalikes_apart(open_desk, tmp_path) -> None:
    import os

    folder = tmp_path / "names"
    folder.mkdir()
    Path(os.fsdecode(bytes(folder) + b"/caf\xe9.txt")).write_text(
        "The café in Osaka reopened after the storm, its owner said."
    )
    (folder / "caf\\xe9.txt").write_text("The bakery in Nantes closed for good on Friday.")
    desk = open_desk()
    report = desk.ingest([folder], progress=False, ray=TWO)
    assert report.summary()["added"] == 2 and not report.failed, report.failed
    again = desk.ingest([folder], progress=False, ray=TWO)
    assert again.summary()["unchanged"] == 2
    assert len(desk.articles()) == 2
