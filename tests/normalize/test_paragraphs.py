from archive.normalize.paragraphs import dedupe, split_blocks

WRAPPED = """The quick brown fox jumps over the lazy dog and keeps
running across the field until it reaches the old barn
where it rests.

Second paragraph starts here and it is also wrapped at
about sixty characters per line like an email would be."""


def test_hard_wrapped_paragraphs_are_joined():
    assert split_blocks(WRAPPED.split("\n")) == [
        "The quick brown fox jumps over the lazy dog and keeps running across the field until it reaches the old barn where it rests.",
        "Second paragraph starts here and it is also wrapped at about sixty characters per line like an email would be.",
    ]


def test_one_paragraph_per_line_and_short_lists_stay_apart():
    lines = ["First sentence of the story ends here.", "Second paragraph, also on its own line.", "", "Meal 1", "Eat every 2–3 hours"]
    assert split_blocks(lines) == [line for line in lines if line]


def test_a_body_saved_twice_is_kept_once():
    body = [f"Paragraf {i} berisi kalimat yang cukup panjang tentang kerusuhan di Almaty dan Nur Sultan pekan lalu." for i in range(4)]
    assert dedupe(["Pembuka berita.", *body, "Lihat juga lainnya.", *body]) == ["Pembuka berita.", *body, "Lihat juga lainnya."]


def test_short_repeats_are_content():
    items = ["Meal 1", "Eat every 2–3 hours", "Meal 2", "Eat every 2–3 hours", "***", "Meal 3", "***"]
    assert dedupe(items) == items
