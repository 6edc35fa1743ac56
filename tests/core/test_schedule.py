"""序时进度: by the end of month m, m/12 of a yearly amount is due."""

import pytest

from duban.core.schedule import schedule_share


@pytest.mark.parametrize(
    ("month", "share"), [(3, 0.25), (6, 0.5), (9, 0.75), (12, 1.0), (10, 10 / 12)]
)
def test_it_is_m_twelfths_of_the_year(month, share):
    assert schedule_share(month) == pytest.approx(share)


@pytest.mark.parametrize("month", [0, 13, -1])
def test_it_refuses_a_month_outside_the_year(month):
    with pytest.raises(ValueError, match=r"1\.\.12"):
        schedule_share(month)
