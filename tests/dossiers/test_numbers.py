"""Numbers and sizes as Vietnamese write them (issue 13: "25,0 MB", "1.234 đơn vị")."""

from django.template import Context, Template

from dossiers.numbers import dung_luong, so


def test_counts_group_thousands_with_a_dot():
    assert so(1234) == "1.234"
    assert so(1234567) == "1.234.567"
    assert so(12) == "12"
    assert so(None) == ""


def test_decimals_take_a_comma_and_are_rounded():
    assert so(45.678, 1) == "45,7"
    assert so(1234.5, 1) == "1.234,5"


def test_sizes_print_in_vietnamese():
    assert dung_luong(25 * 1024 * 1024) == "25,0 MB"
    assert dung_luong(1536 * 1024) == "1,5 MB"
    assert dung_luong(2048) == "2 kB"


def test_template_filters():
    html = Template("{% load vn %}{{ n|so }} đơn vị; {{ b|dung_luong }}").render(
        Context({"n": 1234, "b": 25 * 1024 * 1024})
    )
    assert html == "1.234 đơn vị; 25,0 MB"
