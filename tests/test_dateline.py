import pytest

from archive.dateline import split_dateline


@pytest.mark.parametrize(
    ("paragraph", "place", "rest"),
    [
        ("NUR SULTAN - Presiden Rusia", "NUR SULTAN", "Presiden Rusia"),
        ("JAKARTA, KOMPAS.com - Sebanyak 29", "JAKARTA", "Sebanyak 29"),
        ("Liputan6.com, Jakarta - Polisi menangkap", "Jakarta", "Polisi menangkap"),
        ("LONDON (Reuters) - Britain said", "LONDON", "Britain said"),
        ("Mataram, NTB (ANTARA News) - Sebanyak", "Mataram", "Sebanyak"),
        ("NEW YORK, Jan 5 (Reuters) - Stocks", "NEW YORK", "Stocks"),
        ("WASHINGTON -- The", "WASHINGTON", "The"),
    ],
)
def test_datelines(paragraph, place, rest):
    assert split_dateline(paragraph) == (place, rest)


@pytest.mark.parametrize("paragraph", ["Sementara itu - kata dia", "Kota besar - kecil", "Harga naik 5 - 10 persen"])
def test_prose_is_not_a_dateline(paragraph):
    assert split_dateline(paragraph) == (None, paragraph)
