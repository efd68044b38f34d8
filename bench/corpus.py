"""A deterministic synthetic corpus of seed-shaped news scrapes (Indonesian and English .txt files).

Article ``i`` depends only on ``(seed, i)``, so any N is a prefix of a larger N and generation
streams: one article is built, written and forgotten at a time. Files go 1000 to a folder
(``00000/000000123.txt``) so no directory grows huge at 1M articles.
"""

from __future__ import annotations

import os
import random
from pathlib import Path

PER_FOLDER = 1000
VERSION = 2  # bump when the generator changes: cached corpora are rebuilt
DONE_MARK = ".complete"  # hidden: `archive ingest` skips it

ID_FIRST = "Budi Siti Agus Dewi Eka Joko Rina Ahmad Sri Yusuf Hendra Wulan Bambang Retno Andi Fitri Rizal Maya Taufik Lestari".split()
ID_LAST = "Santoso Wibowo Hidayat Kurniawan Saputra Pratama Nugroho Setiawan Lubis Siregar Harahap Wijaya Gunawan Halim Rahman Susanto".split()
EN_FIRST = "John Mary David Sarah Michael Emma James Laura Robert Anna Peter Kate Thomas Helen Daniel Grace".split()
EN_LAST = "Smith Johnson Brown Taylor Wilson Clark Lewis Walker Hall Allen Young King Wright Scott Green Baker".split()
FAMOUS = ["Vladimir Putin", "Joko Widodo", "Kassym-Jomart Tokayev", "Emmanuel Macron", "Olaf Scholz", "Anthony Albanese"]
ID_ROLES = ["Presiden", "Menteri Luar Negeri", "Juru bicara Kementerian Keuangan", "Kepala Dinas Kesehatan", "Gubernur", "Ketua DPR"]
EN_ROLES = ["President", "Foreign Minister", "Finance Ministry spokesman", "health chief", "Governor", "chairman"]
ORGS = ["CSTO", "NATO", "PBB", "ASEAN", "KPK", "Bank Indonesia", "Pertamina", "WHO", "IMF", "Bank Dunia", "OJK", "BMKG"]
PLACES_ID = ["Jakarta", "Surabaya", "Bandung", "Medan", "Makassar", "Semarang", "Rusia", "Kazakhstan", "Ukraina", "Jepang", "Almaty", "Moskow"]
PLACES_EN = ["London", "Paris", "Berlin", "Tokyo", "Sydney", "Jakarta", "Russia", "Kazakhstan", "Ukraine", "Japan", "Canberra", "Moscow"]
DATELINES_ID = ["JAKARTA - ", "NUR SULTAN - ", "SURABAYA, KOMPAS.com - ", "BANDUNG - ", "MEDAN, KOMPAS.com - "]
DATELINES_EN = ["LONDON (Reuters) - ", "PARIS - ", "SYDNEY (Reuters) - ", "TOKYO - ", "BERLIN (Reuters) - "]
ID_MONTHS = "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember".split()
EN_MONTHS = "January February March April May June July August September October November December".split()
ID_DAYS = "Senin Selasa Rabu Kamis Jumat Sabtu Minggu".split()

ID_WORDS = """pemerintah akan terus mendorong pembangunan infrastruktur di seluruh wilayah negara dengan anggaran
    yang cukup besar pada tahun ini sementara masyarakat berharap harga kebutuhan pokok tetap stabil setelah
    kenaikan bahan bakar minyak dan kebijakan baru tentang pajak yang dinilai memberatkan pelaku usaha kecil
    menengah namun para pejabat menyatakan langkah tersebut perlu untuk menjaga keuangan negara dalam jangka
    panjang serta meningkatkan kualitas layanan publik kesehatan pendidikan dan transportasi bagi warga kota
    maupun desa yang selama ini tertinggal dari daerah lain""".split()
EN_WORDS = """the government will continue to push infrastructure development across the country with a large
    budget this year while residents hope prices of basic goods remain stable after the rise in fuel costs
    and a new tax policy that small businesses say is a burden but officials argue the measure is needed to
    keep public finances sound over the long term and to improve the quality of health education and
    transport services for people in cities and villages that have lagged behind other regions""".split()
RARE = "zamrud kelelawar orkestra xilofon quokka zeppelin".split()  # each in ~1 article in 1000


def _sentence(rng: random.Random, words: list[str], low: int = 10, high: int = 22) -> str:
    n = rng.randint(low, high)
    text = " ".join(rng.choice(words) for _ in range(n))
    return text[0].upper() + text[1:]


def _person(rng: random.Random, lang: str) -> str:
    if rng.random() < 0.15:
        return rng.choice(FAMOUS)
    if lang == "id":
        return f"{rng.choice(ID_FIRST)} {rng.choice(ID_LAST)}"
    return f"{rng.choice(EN_FIRST)} {rng.choice(EN_LAST)}"


def _quote_paragraphs(rng: random.Random, lang: str, words: list[str], people: list[str], places: list[str]) -> list[str]:
    """Quotes with every attribution pattern the extractor knows."""
    a, b = people[0], people[1]
    last_a, last_b = a.split()[-1], b.split()[-1]
    q = lambda: _sentence(rng, words, 8, 16)  # noqa: E731
    org = rng.choice(ORGS)
    place = rng.choice(places)
    if lang == "id":
        role = rng.choice(ID_ROLES)
        options = [
            f"\"{q()},\" kata {role} {a} di {place}, Senin.",
            f"\"{q()},\" ujar {last_a}.",
            f"\"{q()},\" lanjutnya.",
            f"{b} mengatakan pada pertemuan {org} itu bahwa negaranya telah melewati \"{q()}\".",
            f"Menurut {b}, \"{q()}.\"",
            f"“{q()},” tutur {last_b} seperti dikutip dari Reuters.",
            f"\"{q()},\" katanya. \"{q()},\" tambahnya.",
            f"{a} mengatakan: \"{q()}.\"",
            f"Rusia menyalahkan Barat karena mengobarkan apa yang disebut \"revolusi warna\" di {place}.",
        ]
    else:
        role = rng.choice(EN_ROLES)
        options = [
            f"\"{q()},\" {role} {a} said in {place} on Monday.",
            f"\"{q()},\" said {last_a}.",
            f"{b} told Reuters: \"{q()}.\"",
            f"According to {b}, \"{q()}.\"",
            f"“{q()},” {last_b} added.",
            f"\"{q()},\" he added.",
            f"\"{q()},\" the spokesman said.",
            f"{a} said: \"{q()}.\"",
            f"Critics called it a \"{rng.choice(words)} {rng.choice(words)}\" policy.",
        ]
    chosen = rng.sample(options, rng.randint(3, 5))
    # a -nya / pronoun cue must follow a named speaker: keep the order the options were written in
    return [options[i] for i in sorted(options.index(c) for c in chosen)]


def article_text(i: int, seed: int = 0) -> str:
    """The text of synthetic article ``i`` (a seed-shaped scrape)."""
    rng = random.Random(seed * 1_000_003 + i)
    lang = "id" if rng.random() < 0.6 else "en"
    words = ID_WORDS if lang == "id" else EN_WORDS
    places = PLACES_ID if lang == "id" else PLACES_EN
    people = [_person(rng, lang) for _ in range(2)]
    if people[0] == people[1]:
        people[1] = _person(rng, lang) + " Jr" if lang == "en" else people[1] + " Putra"
    year, month, day = rng.randint(2015, 2024), rng.randint(1, 12), rng.randint(1, 28)
    place, org = rng.choice(places), rng.choice(ORGS)
    token = f"{i:x}"  # unique per article: distinct content hashes
    if lang == "id":
        title = f"{people[0]} Bicara soal {org} dan {place} di Tengah Krisis {token}"
        dated = f"Kota {place} kembali tenang pada hari {rng.choice(ID_DAYS)} ({day}/{month}/{year}), kata warga."
        if rng.random() < 0.5:
            dated = f"Pertemuan {org} berlangsung pada {day} {ID_MONTHS[month - 1]} {year} di {place}."
        lead = rng.choice(DATELINES_ID) + f"{people[0]} menghadiri pertemuan {org} di {place} untuk membahas {_sentence(rng, words, 6, 10).lower()}."
        related = f"Lihat Juga: {_sentence(rng, words, 5, 9)}"
    else:
        title = f"{people[0]} speaks on {org} and {place} amid crisis {token}"
        dated = f"The meeting of {org} took place on {EN_MONTHS[month - 1]} {day}, {year} in {place}."
        lead = rng.choice(DATELINES_EN) + f"{people[0]} attended a meeting of {org} in {place} to discuss {_sentence(rng, words, 6, 10).lower()}."
        related = f"Read also: {_sentence(rng, words, 5, 9)}" if rng.random() < 0.3 else f"Lihat Juga: {_sentence(rng, words, 5, 9)}"
    body = [lead, dated]
    body += [_sentence(rng, words) + f" {token}." for _ in range(rng.randint(2, 5))]
    body[2] = body[2][:-1] + f" di {rng.choice(places)} {'bersama' if lang == 'id' else 'with'} {org}."
    if rng.random() < 0.006:
        body.append(f"{_sentence(rng, words, 4, 8)} {rng.choice(RARE)}.")
    if rng.random() < 0.05:  # a fixed phrase for the phrase query
        body.append("Harga kebutuhan pokok tetap stabil menjelang hari raya." if lang == "id"
                    else "Prices of basic goods remained stable ahead of the holidays.")
    quotes = _quote_paragraphs(rng, lang, words, people, places)
    middle = rng.randint(1, len(body))
    body = body[:middle] + quotes + body[middle:]
    lines = [title, "loading...", "A", "A", "A", *body, related]
    if rng.random() < 0.7:  # the scraper saved the body twice
        lines += [*body, related]
    lines.append(f"({rng.choice(['esn', 'rds', 'ian', 'mhd'])})")
    return "\n".join(lines)


def path_of(root: Path, i: int) -> Path:
    return root / f"{i // PER_FOLDER:05d}" / f"{i:09d}.txt"


def ensure_corpus(root: Path, n: int, seed: int = 0, log=print) -> Path:
    """Write articles 0..n-1 under ``root`` (reused when already complete); returns ``root``."""
    root = Path(root)
    mark = root / DONE_MARK
    if mark.exists() and mark.read_text().strip() == f"{n} {seed} v{VERSION}":
        return root
    root.mkdir(parents=True, exist_ok=True)
    folder = None
    for i in range(n):
        path = path_of(root, i)
        if path.parent != folder:
            folder = path.parent
            folder.mkdir(exist_ok=True)
            if i and i % 100_000 == 0:
                log(f"  generated {i} articles")
        data = article_text(i, seed).encode("utf-8")
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        try:
            os.write(fd, data)
        finally:
            os.close(fd)
    mark.write_text(f"{n} {seed} v{VERSION}")
    return root


def iter_files(root: Path, n: int):
    """The corpus files in ingest order (sorted folders, sorted names)."""
    for i in range(n):
        yield path_of(root, i)
