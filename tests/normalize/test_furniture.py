import pytest

from archive.normalize.furniture import classify_line, split_authors, split_trailing_editor


@pytest.mark.parametrize("line", ["loading...", "A", "ADVERTISEMENT", "SCROLL TO CONTINUE WITH CONTENT", "Simak Video \"Banjir\"", "[Gambas:Video 20detik]"])
def test_noise_lines(line):
    assert classify_line(line).kind == "noise"


@pytest.mark.parametrize(
    ("line", "title"),
    [("Lihat Juga: Misteri Rudal Hipersonik", "Misteri Rudal Hipersonik"), ("Baca juga: Harga Cabai Naik", "Harga Cabai Naik"), ("Read also - Storm hits", "Storm hits")],
)
def test_related_links_keep_their_title(line, title):
    kind = classify_line(line)
    assert (kind.kind, kind.value) == ("related", title)


def test_editor_initials():
    assert (classify_line("(esn)").kind, classify_line("(esn)").value) == ("editor", "esn")
    assert classify_line("(ant/rin)").value == "ant/rin"
    assert split_trailing_editor("Ini mendukung pemimpin Belarus. (esn)") == ("Ini mendukung pemimpin Belarus.", "esn")
    assert split_trailing_editor("Harga (naik) turun (ok)")[1] is None


def test_bylines():
    kind = classify_line("By Jane Doe and John Roe, Reuters")
    assert kind.kind == "byline"
    assert split_authors(kind.value) == ["Jane Doe", "John Roe"]
    assert classify_line("by the way it rained all day and everyone stayed home").kind == "text"


@pytest.mark.parametrize("line", ["Presiden Rusia Vladimir Putin mengklaim kemenangan.", "A man walked in.", "Share prices fell."])
def test_prose_is_text(line):
    assert classify_line(line).kind == "text"
