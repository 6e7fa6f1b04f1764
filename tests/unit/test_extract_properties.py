"""Whatever text comes in, extraction returns an Extraction and never raises."""

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.domain.records import PolicyRecord
from tracker.extract import Extraction, extract_policies

REPO = Path(__file__).resolve().parents[2]
_DIRS = (REPO / "seed" / "sources", REPO.parent / "shared" / "seeds", REPO.parent.parent / "shared" / "seeds")
SEED_TEXTS = next(
    ([p.read_text(encoding="utf-8") for p in sorted(d.glob("00[0-4]_*.txt"))] for d in _DIRS if d.is_dir() and any(d.glob("00[0-4]_*.txt"))),
    ["本办法自2020年12月1日起施行，有效期至2025年11月30日。\n（一）加强协作。（责任单位：市商务委）"],
)

POLICY_ALPHABET = st.sampled_from(
    list("一二三四五六七八九十、（）()〔〕《》：:，。；年月日号条章本办法自起施行有效期至延注到底末以上万个%")
    + list("0123456789０１２３\n\r \ufffd.—…")
)


def _ok(ex: Extraction) -> None:
    assert isinstance(ex, Extraction)
    # The pipeline's last-resort guard turns a rule crash into a problem; the rules themselves must not crash.
    assert not [p for p in ex.problems if "extraction failed" in p.what]
    assert all(isinstance(p, PolicyRecord) and p.title for p in ex.policies)
    for p in ex.policies:
        if p.effective_from and p.effective_to:
            assert p.effective_from <= p.effective_to or p.window_source.value == "extended"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_random_text_never_raises(text):
    _ok(extract_policies(text))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(POLICY_ALPHABET, max_size=400).map("".join))
def test_policy_shaped_noise_never_raises(text):
    _ok(extract_policies(text))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_truncated_and_spliced_seed_documents_never_raise(data):
    doc = data.draw(st.sampled_from(SEED_TEXTS))
    other = data.draw(st.sampled_from(SEED_TEXTS))
    a = data.draw(st.integers(0, len(doc)))
    b = data.draw(st.integers(a, len(doc)))
    c = data.draw(st.integers(0, len(other)))
    junk = data.draw(st.text(max_size=20))
    _ok(extract_policies(doc[a:b] + junk + other[c : c + 3000]))


def test_extraction_time_grows_linearly_with_the_text():
    """The shape, not the time: four times the text costs about four times as much (a quadratic step, such as
    searching a growing paragraph for every wrapped line, would cost sixteen). Best of three, generous bound."""
    import random
    import time

    from tracker.extract.pipeline import extract_policies

    rng = random.Random(7)
    # Lines that never end a sentence: every one is glued to the paragraph before it.
    unit = "".join(rng.choice("推进建设完成项目 abc 12 ,") for _ in range(200_000)).replace("\n", "")
    lines = [unit[i:i + 40] for i in range(0, len(unit), 40)]

    def cost(n_lines: int) -> float:
        text = "上海市测试政策\n" + "\n".join(lines[:n_lines])
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            extract_policies(text, source_name="shape.txt")
            best = min(best, time.perf_counter() - start)
        return best

    ratio = cost(4_000) / cost(1_000)
    assert ratio < 8, f"4x the text cost {ratio:.1f}x"
