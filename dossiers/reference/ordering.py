"""Vietnamese order of the points of a criterion (a, b, c, d, đ, e, g, h …).

Python and PostgreSQL sort "đ" (U+0111) after every ASCII letter, so ordering on the letter
puts point đ after g. Each criterion stores instead an integer ``position`` computed here
from its number and letter in the Vietnamese alphabet; every list orders on it. Pure
functions: the migrations import them too.
"""

VIETNAMESE_LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxy"

NUMBER_STEP = 10000  # criterion number
REFERENCE_STEP = 100  # clause number of a referenced row (Art. 5 cl. 2, Art. 7 cl. 3)


def letter_rank(letter: str) -> int:
    """0 for no point, then 1, 2, … in the Vietnamese alphabet (đ between d and e)."""
    if not letter:
        return 0
    letter = letter.lower()
    if letter in VIETNAMESE_LETTERS:
        return VIETNAMESE_LETTERS.index(letter) + 1
    return REFERENCE_STEP - 1  # an unknown letter sorts last within its criterion


def criterion_position(
    number: int, letter: str = "", ref_number: int | None = None, ref_letter: str = ""
) -> int:
    """The sort key of a criterion row. A row that refers to another article's clause or
    point (e.g. Art. 5 cl. 2 → Art. 4 cl. 3 point a) sorts under its own criterion by the
    referenced clause and point."""
    position = number * NUMBER_STEP + letter_rank(letter)
    if ref_number is not None:
        position += ref_number * REFERENCE_STEP + letter_rank(ref_letter)
    return position
