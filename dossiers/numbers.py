"""Numbers and sizes as Vietnamese write them: a dot groups thousands, a comma marks the
decimals (1.234 đơn vị; 25,0 MB). Explicit filters rather than USE_THOUSAND_SEPARATOR,
which would also group the ids printed into forms and links."""

from django.utils.numberformat import format as number_format

MEGABYTE = 1024 * 1024


def so(value, decimals=None) -> str:
    """`value` with Vietnamese separators; `decimals` digits after the comma if given."""
    if value is None or value == "":
        return ""
    if decimals is not None:
        decimals = int(decimals)
        value = round(float(value), decimals)  # numberformat cuts digits, never rounds
    return number_format(
        value,
        ",",
        decimal_pos=decimals,
        grouping=3,
        thousand_sep=".",
        force_grouping=True,
        use_l10n=False,
    )


def dung_luong(size) -> str:
    """A file size in bytes, in kB below a megabyte, else in MB with one decimal."""
    if size is None:
        return ""
    if size < MEGABYTE:
        return f"{so(max(1, round(size / 1024)))} kB"
    return f"{so(size / MEGABYTE, 1)} MB"
