"""Control charts against NIST/SEMATECH e-Handbook of Statistical Methods chapter 6.3."""

import pytest

from fuwu.analytics import spc

# e-Handbook 6.3.3.2, p control chart example: misregistered chips on 30 wafers of 50 chips.
WAFER_DEFECTIVES = [12, 15, 8, 10, 4, 7, 16, 9, 14, 10, 5, 6, 17, 12, 22,
                    8, 10, 5, 13, 11, 20, 18, 24, 15, 9, 12, 7, 13, 9, 6]  # fmt: skip

# e-Handbook 6.3.2.4, EWMA example: 20 measurements, EWMA_0 = 50, s = 2.0539, lambda = 0.3.
EWMA_DATA = [52.0, 47.0, 53.0, 49.3, 50.1, 47.0, 51.0, 50.1, 51.2, 50.5,
             49.6, 47.6, 49.9, 51.3, 47.8, 51.2, 52.6, 52.4, 53.6, 52.1]  # fmt: skip


def test_p_chart_nist_wafer_example():
    """e-Handbook 6.3.3.2 p chart example: p-bar 0.2313, UCL 0.4102, LCL 0.0524.

    The two wafers above the UCL (0.44 and 0.48, the 15th and 23rd) are the signals.
    """
    chart = spc.p_chart(WAFER_DEFECTIVES, 50)
    assert chart.center == pytest.approx(0.2313, abs=1e-4)
    assert all(u == pytest.approx(0.4102, abs=1e-4) for u in chart.ucl)
    assert all(lo == pytest.approx(0.0524, abs=1e-4) for lo in chart.lcl)
    assert chart.values[14] == pytest.approx(0.44)
    assert [(s.index, s.rule) for s in chart.signals] == [(14, 1), (22, 1)]


def test_p_chart_per_sample_sizes_give_per_point_limits():
    """6.3.3.2 formula with n_i per sample, computed by hand: 10 of 100 and 30 of 300.

    p-bar = 40/400 = 0.1; n = 100: 0.1 +/- 3 * 0.03 -> 0.19, 0.01;
    n = 300: 0.1 +/- 3 * 0.0173205 -> 0.1520, 0.0480.
    """
    chart = spc.p_chart([10, 30], [100, 300])
    assert chart.ucl == pytest.approx((0.19, 0.1519615), abs=1e-4)
    assert chart.lcl == pytest.approx((0.01, 0.0480385), abs=1e-4)


def test_np_chart_on_the_wafer_data():
    """The np form of the 6.3.3.2 example, computed by hand from the published p-bar.

    n p-bar = 50 * 0.231333 = 11.5667; 3 sqrt(11.5667 * 0.768667) = 8.9453.
    """
    chart = spc.np_chart(WAFER_DEFECTIVES, 50)
    assert chart.center == pytest.approx(11.5667, abs=1e-4)
    assert chart.ucl[0] == pytest.approx(20.5120, abs=1e-4)
    assert chart.lcl[0] == pytest.approx(2.6214, abs=1e-4)
    assert [s.index for s in chart.signals] == [14, 22]


def test_c_chart_by_hand():
    """e-Handbook 6.3.3.1 limits c-bar +/- 3 sqrt(c-bar), computed by hand.

    No published count series was found to copy, so: nine counts of 2 and one of 14 ->
    c-bar 3.2, UCL 3.2 + 3 * 1.788854 = 8.5666, LCL 0 (negative, bounded); 14 signals.
    """
    chart = spc.c_chart([2] * 9 + [14])
    assert chart.center == pytest.approx(3.2)
    assert chart.ucl[0] == pytest.approx(8.5666, abs=1e-4)
    assert chart.lcl[0] == 0.0
    assert [s.index for s in chart.signals] == [9]


def test_u_chart_by_hand():
    """6.3.3.1 / Montgomery 7.3.1 u chart, computed by hand.

    Counts 3, 6, 2 in 1, 2, 1 units: u = 3, 3, 2; u-bar = 11/4 = 2.75;
    n = 1: UCL 2.75 + 3 sqrt(2.75) = 7.7249; n = 2: 2.75 + 3 sqrt(1.375) = 6.2678.
    """
    chart = spc.u_chart([3, 6, 2], [1, 2, 1])
    assert chart.values == pytest.approx((3.0, 3.0, 2.0))
    assert chart.center == pytest.approx(2.75)
    assert chart.ucl == pytest.approx((7.7249, 6.2678, 7.7249), abs=1e-4)
    assert chart.lcl == (0.0, 0.0, 0.0)


def test_xbar_r_by_hand():
    """6.3.2.1 X-bar and R limits with the handbook's constants for n = 3, by hand.

    Means 2, 3, 4, 3 -> 3; ranges 2, 2, 2, 3 -> R-bar 2.25; A2 = 1.023:
    3 +/- 2.30175 -> 5.3018, 0.6983; D4 = 2.574: 5.7915; D3 = 0.
    """
    xbar, r = spc.xbar_r([[1, 2, 3], [2, 3, 4], [3, 5, 4], [2, 2, 5]])
    assert xbar.values == pytest.approx((2.0, 3.0, 4.0, 3.0))
    assert xbar.center == pytest.approx(3.0)
    assert xbar.ucl[0] == pytest.approx(5.3018, abs=1e-4)
    assert xbar.lcl[0] == pytest.approx(0.6983, abs=1e-4)
    assert r.center == pytest.approx(2.25)
    assert r.ucl[0] == pytest.approx(5.7915, abs=1e-4)
    assert r.lcl[0] == 0.0
    assert xbar.signals == () and r.signals == ()


def test_xbar_r_d3_is_used_from_n_7():
    """n = 7: D3 = 0.076, so the R chart has a positive LCL (6.3.2.1 table)."""
    _, r = spc.xbar_r([[1, 2, 3, 4, 5, 6, 7], [1, 1, 1, 1, 1, 1, 3]])
    assert r.center == pytest.approx(4.0)
    assert r.lcl[0] == pytest.approx(0.304, abs=1e-4)


def test_imr_by_hand():
    """6.3.2.2 individuals chart: x-bar +/- 3 MR-bar / 1.128, MR UCL 3.267 MR-bar; by hand.

    10, 12, 11, 15, 13: MR 2, 1, 4, 2 -> 2.25; x-bar 12.2; 3 * 2.25 / 1.128 = 5.98404.
    """
    individuals, moving = spc.imr([10, 12, 11, 15, 13])
    assert individuals.center == pytest.approx(12.2)
    assert individuals.ucl[0] == pytest.approx(18.1840, abs=1e-4)
    assert individuals.lcl[0] == pytest.approx(6.2160, abs=1e-4)
    assert moving.values == pytest.approx((2.0, 1.0, 4.0, 2.0))
    assert moving.ucl[0] == pytest.approx(7.3508, abs=1e-4)


# The 20 EWMA values the handbook prints (2 decimals) for the example above.
EWMA_PUBLISHED = [50.60, 49.52, 50.56, 50.18, 50.16, 49.21, 49.75, 49.85, 50.26, 50.33,
                  50.11, 49.36, 49.52, 50.05, 49.38, 49.92, 50.73, 51.23, 51.94, 51.99]  # fmt: skip


def test_ewma_chart_nist_example():
    """e-Handbook 6.3.2.4 EWMA example: every printed EWMA value and the limits.

    The handbook prints UCL = 52.5884 and LCL = 47.4115, computed with the factor
    sqrt(0.3 / 1.7) truncated to 0.4201; exactly, 50 - 3 * 2.0539 * 0.420084 = 47.41157,
    so the LCL is asserted as 47.4116 to 4 decimals and the printed one to 1e-3. The page
    finds no point out of control.
    """
    chart = spc.ewma_chart(EWMA_DATA, 0.3, 50, 2.0539)
    assert [round(v, 2) for v in chart.values] == EWMA_PUBLISHED
    assert chart.center == 50.0
    assert chart.ucl[0] == pytest.approx(52.5884, abs=1e-4)
    assert chart.lcl[0] == pytest.approx(47.4116, abs=1e-4)
    assert chart.lcl[0] == pytest.approx(47.4115, abs=1e-3)
    assert chart.signals == ()


def test_ewma_chart_signals_a_shift():
    """A sustained shift of 2 sigma crosses the UCL after a few points."""
    chart = spc.ewma_chart([2.0] * 10, 0.3, 0, 1)
    assert chart.signals and chart.signals[0].index == 2


def test_constant_values_give_no_signal():
    """Constant data: zero spread, limits on the center, nothing strictly beyond them."""
    individuals, moving = spc.imr([5, 5, 5, 5])
    assert individuals.ucl[0] == individuals.lcl[0] == 5.0
    assert individuals.signals == () and moving.signals == ()
    assert spc.c_chart([0, 0, 0]).signals == ()


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: spc.p_chart([], 50), "no values"),
        (lambda: spc.p_chart([5, 60], 50), "more defectives"),
        (lambda: spc.p_chart([1, 2], [10]), "1 sizes for 2 samples"),
        (lambda: spc.p_chart([1], [0]), "positive"),
        (lambda: spc.c_chart([1.5]), "whole numbers"),
        (lambda: spc.c_chart([-1]), "whole numbers"),
        (lambda: spc.imr([3]), "at least two"),
        (lambda: spc.xbar_r([]), "no subgroups"),
        (lambda: spc.xbar_r([[1, 2], [1, 2, 3]]), "same size"),
        (lambda: spc.xbar_r([[1], [2]]), "2..10"),
        (lambda: spc.xbar_r([list(range(11))]), "2..10"),
        (lambda: spc.ewma_chart([1], 0, 0, 1), "lam"),
        (lambda: spc.ewma_chart([1], 0.2, 0, 0), "sigma"),
    ],
)
def test_invalid_input_is_a_clear_value_error(call, message):
    with pytest.raises(ValueError, match=message):
        call()
