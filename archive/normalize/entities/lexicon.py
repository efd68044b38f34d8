"""Word lists that give or deny entity evidence: titles, roles, organization heads, stop words.

Everything is casefolded; lookups are set/dict membership on casefolded tokens or token tuples.
"""

from __future__ import annotations

import os
from functools import lru_cache

from archive.normalize import lexicon as shared_lexicon


def _words(text: str) -> frozenset[str]:
    return frozenset(w.casefold() for w in text.split())


def _phrases(text: str) -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(p.casefold().split()) for p in text.split("|") if p.strip())


# Titles and honorifics written before a name (capitalized in running text). Multi-word titles are
# matched longest-first; a title may be followed by a place or organization before the name
# ("Presiden Rusia Vladimir Putin", "Kepala Polda Lampung Irjen Ike Edwin").
TITLES = _phrases(
    "Presiden|Wakil Presiden|Wapres|Perdana Menteri|PM|Menteri|Wakil Menteri|Menlu|Menhan|Menkeu|Mendagri|"
    "Menko|Menteri Koordinator|Sekretaris|Sekjen|Sekretaris Jenderal|Gubernur|Wakil Gubernur|Wagub|Bupati|"
    "Wakil Bupati|Wali Kota|Walikota|Wakil Wali Kota|Camat|Lurah|Kepala|Kepala Desa|Ketua|Wakil Ketua|Ketum|"
    "Ketua Umum|Direktur|Direktur Utama|Dirut|Presiden Direktur|Wakil Presiden Direktur|Direktur Jenderal|"
    "Dirjen|Kapolri|Wakapolri|Kapolda|Wakapolda|Kapolres|Kapolsek|Kasat|Kasubdit|Kabid|Kabag|Kasi|Kajari|"
    "Kajati|Jaksa Agung|Panglima|Panglima TNI|Jenderal|Letjen|Mayjen|Brigjen|Kolonel|Irjen|Kombes|AKBP|AKP|"
    "Kompol|Iptu|Ipda|Aiptu|Bripka|Laksamana|Marsekal|Hakim|Jaksa|Senator|Raja|Ratu|Pangeran|Putri|Paus|"
    "Syekh|Ustaz|Ustadz|Kiai|KH|Habib|Haji|Hj|Pak|Bu|Bapak|Ibu|Saudara|Sdr|Prof|Profesor|Dr|Ir|Drs|"
    "Juru Bicara|Jubir|Kanselir|Kaisar|Emir|Sultan|Pendiri|Komisaris|Komisaris Utama|Anggota|Pelatih|"
    "Kapten|Duta Besar|Dubes|Rektor|Dekan|Dirreskrimum|Kasatreskrim|Kabareskrim|Kapuspen|Kadiv Humas|"
    "President|Vice President|Prime Minister|Minister|Foreign Minister|Defense Minister|Defence Minister|"
    "Finance Minister|Secretary|Secretary of State|Secretary-General|Secretary General|Chancellor|Governor|"
    "Mayor|Senator|Sen|Rep|Representative|Gov|Congressman|Congresswoman|Speaker|Chairman|Chairwoman|Chair|"
    "Chief Executive|CEO|CFO|COO|Founder|Co-founder|Director|General|Gen|Lt|Col|Colonel|Admiral|Sgt|"
    "Sergeant|Captain|Capt|Judge|Justice|Chief Justice|Attorney General|Ambassador|King|Queen|Prince|"
    "Princess|Pope|Sheikh|Sir|Dame|Lord|Lady|Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Rev|Reverend|Father|"
    "Sens|Reps|Coach|Commissioner|Deputy|Spokesman|Spokeswoman|Spokesperson|Detective|Officer|Inspector|Sheriff|"
    "Premier|Emperor|Crown Prince|Attorney|U.S. Attorney|District Attorney|Lawmaker|Leader|Opposition Leader|Chief|Executive"
)

# The honorifics and ranks the quote extractor strips from speaker names (lexicon/data/<lang>/
# honorifics.txt: "Briptu", "dokter", "Sen."): one list, so both extractors agree on what a title is.
TITLES = TITLES | frozenset((w,) for w in shared_lexicon.words("honorifics"))

# Common nouns that open with a title ("Ibu Kota" is a capital city, "Ibu Pertiwi" the motherland):
# the title word in them is no title.
NOT_TITLES = _phrases("ibu kota|ibu pertiwi")

# First words of the titles: a token that is none of them cannot open a title (a cheap pre-check).
TITLE_FIRST_WORDS = frozenset(t[0] for t in TITLES)

# Lower-case role nouns that, written right before a capitalized name, mark a person
# ("kata juru bicara Kremlin Dmitry Peskov", "pelatih Dejan Antonic", "said spokesman John Kirby").
ROLES = _phrases(
    "juru bicara|jubir|pelatih|aktor|aktris|penyanyi|artis|presenter|sutradara|produser|penulis|pengacara|"
    "kuasa hukum|pengamat|ekonom|analis|peneliti|dosen|guru|mahasiswa|tersangka|terdakwa|saksi|korban|"
    "pelaku|pemain|penyerang|gelandang|bek|kiper|pebulu tangkis|petenis|pembalap|politikus|politisi|"
    "legislator|anggota|pendiri|bos|pengusaha|miliarder|istri|suami|putra|putri|anak|ayah|ibu|adik|kakak|"
    "rekan|sang|almarhum|mendiang|tokoh|ulama|ustaz|advokat|jaksa|hakim|komedian|model|rapper|vokalis|"
    "gitaris|drummer|pianis|pesepak bola|atlet|perenang|wartawan|jurnalis|kolumnis|fotografer|dokter|"
    "spokesman|spokeswoman|spokesperson|actor|actress|singer|director|producer|author|writer|lawyer|attorney|"
    "analyst|economist|researcher|professor|student|resident|suspect|defendant|witness|victim|player|striker|"
    "midfielder|defender|goalkeeper|coach|manager|politician|lawmaker|founder|billionaire|entrepreneur|"
    "wife|husband|son|daughter|father|mother|brother|sister|colleague|columnist|journalist|reporter|"
    "photographer|doctor|comedian|rapper|guitarist|chef|designer|executive|chairman|investor|candidate|"
    "envoy|official|adviser|advisor|aide|administrator|incumbent|challenger|rival|nominee|activist|scientist|historian|novelist|poet|artist|officer|"
    "dr|pebalap|host|judge|astronaut|dancer|musician|pianist|drummer|bassist|vocalist|songwriter|host"
)

# Last words of the roles: a word that is none of them ends no role (a cheap pre-check).
ROLE_LAST_WORDS = frozenset(r[-1] for r in ROLES)

# Speech verbs around a name ("kata Putin", "ujar Yasir", "Johnson said"), from the lists the quote
# extractor reads (lexicon/data/<lang>/speech_*.txt). Before a name: the Indonesian stems and the
# English verbs that invert ("said X"; "told X" names the listener); after it: the Indonesian meN-
# verbs and the commonest English ones (the whole English list makes "EU announced" a person).
SPEECH_BEFORE = (
    shared_lexicon.words("speech_cues", ("id",)) | shared_lexicon.words("speech_cues_weak", ("id",))
    | _words("said says added wrote")
)
SPEECH_AFTER = shared_lexicon.words("speech_verbs", ("id",)) | _words(
    "said says told added wrote stated argued noted warned explained insisted"
)

ORG_WORDS_ID = _words(
    "Kementerian Kemenkeu Kemenlu Kemendagri Kemenkes Kemendikbud Kemenpan Kemenag Kemenhan Kemenkumham "
    "Partai Organisasi Badan Komisi Lembaga Dewan Majelis Mahkamah Pengadilan Kejaksaan Kejari Kejati "
    "Kepolisian Polda Polres Polresta Polrestabes Polsek Kodim Kodam Korem Koramil Pemkot Pemkab Pemprov "
    "Pemerintah DPRD Dinas Universitas Institut Sekolah Akademi Politeknik Yayasan Perusahaan Persatuan "
    "Ikatan Asosiasi Himpunan Gabungan Federasi Serikat Koperasi Bank Bursa PT CV Perum Persero Tbk "
    "Rumah Sakit RSUD Bandara Kantor Direktorat Ditreskrimum Ditreskrimsus Satreskrim Inspektorat "
    "Sekretariat Kesatuan Tentara Angkatan Komando Kopassus Brimob Densus Bareskrim Bawaslu Kedutaan "
    "Konsulat Fraksi Kongres Parlemen Senat Klub Tim Grup Group Puskesmas Radio Pemda"
)
ORG_WORDS_EN = _words(
    "Ministry Department Party University College Institute Academy School Bank Corporation Corp Inc "
    "Incorporated Ltd Limited LLC PLC GmbH Company Co Holdings Agency Commission Council Association "
    "Foundation Organization Organisation Committee Court Bureau Federation Authority Board Airlines "
    "Airways Motors Technologies Systems Pharmaceuticals Industries Enterprises Partners Capital "
    "Reserve Parliament Senate Congress Assembly Police Army Navy Force Forces Guard Office Embassy "
    "Consulate Hospital Society Institution Fund Trust Club Administration Service Services Times Post "
    "Journal News Press Network Studios Records Labs Laboratories Alliance Coalition Cabinet Center Centre "
    "Securities Union Airport Directorate Facility Robotics Aerospace Electronics Entertainment Production "
    "Productions Pictures Group Media Communications Telecom Ventures Insurance Logistics Therapeutics "
    "Semiconductor Software Solutions Dynamics"
)
# Heads of organization names. Indonesian heads come first ("Kementerian Luar Negeri"), English ones
# usually last ("Labour Party") or first with "of" ("Ministry of Defence"); Indonesian heads are only
# read in Indonesian text ("Tim" is a team there, a first name in English).
ORG_WORDS = ORG_WORDS_ID | ORG_WORDS_EN
# Legal-form suffixes end an organization name ("PT Astra Otoparts Tbk Yusak Kristian").
ORG_SUFFIXES = _words("Tbk Inc Incorporated Ltd Limited LLC PLC GmbH Corp Co AG")

# Organizations recognised by name alone (news agencies, seats of power, very common brands).
KNOWN_ORGS = _phrases(
    "Reuters|AFP|AP|Antara|ANTARA|Bloomberg|Xinhua|Kyodo|Yonhap|TASS|RIA Novosti|Interfax|Al Jazeera|"
    "Associated Press|Agence France-Presse|BBC|CNN|Sputnik|Bernama|Anadolu|Kremlin|Gedung Putih|"
    "White House|Pentagon|Downing Street|Elysee|Capitol Hill|Kompas|Tempo|Detik|Liputan6|Okezone|Republika|"
    "Google|Facebook|Meta|Microsoft|Apple|Amazon|Twitter|Instagram|YouTube|TikTok|Samsung|Huawei|Xiaomi|"
    "Alibaba|Tencent|Tesla|Netflix|Intel|Nvidia|Pertamina|Telkomsel|Garuda Indonesia|Gojek|Tokopedia|"
    "Hamas|Hizbullah|Hezbollah|Taliban|Wall Street|Uni Eropa|European Union|Perserikatan Bangsa-Bangsa|"
    "United Nations|PBB|African Union|Uni Afrika|ASEAN|NATO|"
    # international bodies, agencies and very common companies and media
    "WHO|UNESCO|UNICEF|UNHCR|IMF|World Bank|Bank Dunia|WTO|OPEC|OECD|APEC|FIFA|UEFA|IOC|AFC|PSSI|"
    "FBI|CIA|NSA|NASA|ESA|FDA|CDC|SEC|FTC|FCC|EPA|IRS|ICE|DHS|DOJ|Pentagon|Congress|Kongres|"
    "NPR|PBS|CBS|NBC|ABC News|MSNBC|CNBC|ESPN|HBO|Fox News|Associated Press|New York Times|Washington Post|"
    "Wall Street Journal|Financial Times|The Guardian|Al Arabiya|"
    "Boeing|Airbus|SpaceX|Blue Origin|Uber|Lyft|Walmart|IBM|Oracle|Qualcomm|Sony|Toyota|Honda|Nissan|"
    "Hyundai|Volkswagen|BMW|Goldman Sachs|JPMorgan|Citigroup|Morgan Stanley|HSBC|PayPal|eBay|Spotify|Snapchat|"
    "LinkedIn|WhatsApp|Reddit|Pinterest|Tumblr|Weibo|WeChat|Baidu|ByteDance|Shopee|Lazada|Bukalapak|Traveloka|"
    "Grab|Indosat|Telkom|Petronas|Aramco|Gazprom|Rosneft|Volvo|Siemens|Nokia|Ericsson|Lenovo|Oppo|Vivo Mobile|"
    # Indonesian state bodies, parties and companies
    "KPK|DPR|MPR|DPD|KPU|Bawaslu|TNI|Polri|BNPB|BPBD|BMKG|BPS|OJK|BPK|BPKP|BNN|BNPT|Basarnas|BIN|BRIN|LIPI|"
    "BPJS|MUI|NU|PBNU|Muhammadiyah|PDIP|PDI-P|Golkar|Gerindra|PKB|PKS|PPP|NasDem|Hanura|Perindo|PSI|"
    "KONI|Kadin|Apindo|YLKI|ICW|KontraS|Komnas HAM|Ombudsman|PLN|PGN|KAI|Jasa Marga|Lion Air|AirAsia|"
    "BCA|BRI|BNI|BTN|Tribunnews|Metro TV|TVRI|RCTI|SCTV|Antaranews|KapanLagi"
)

# All-caps tokens that are not organization acronyms (units, common nouns, time zones, roles).
NON_ORG_ACRONYMS = _words(
    "CEO CFO COO CTO PM AM TV HP PC IT AI OK VIP DNA HIV AIDS COVID PCR GDP PDB APBN APBD BBM LPG LNG WIB "
    "WITA WIT UTC GMT PNS ASN PSK OTT OTG BTS UMKM KTP SIM NIK RT RW PR SMS GPS USD IDR EUR RP UU RUU PP "
    "KUHP SD SMP SMA SMK PHK THR PSBB PPKM ATM SUV MPV EV URL PDF CCTV UFO LGBT ID TKI TKW PAUD BUMN BUMD "
    "SARA HAM KTT NIP PPN PPH PPh NPWP KK DPO BAP SP3 SPDP LP OK NO YES THE AND FOR OF US UK EU"
)

# Particles inside personal names ("Ahmad bin Ali", "Ursula von der Leyen").
NAME_PARTICLES = _words("bin binti van von der den de da del della al el ibn")
# Capitalized, the same particles and a few more join a name when between its words ("Van Der Beek").
CAP_PARTICLES = NAME_PARTICLES | _words("du la le dos das ter ten")
# Lower-case words that may sit inside an organization name.
ORG_CONNECTORS = _words("of for and dan the on in &")


@lru_cache(maxsize=1)
def calendar_words() -> frozenset[str]:
    """Day and month names (wide and abbreviated) in Indonesian and English, from CLDR."""
    from babel import Locale

    out: set[str] = set()
    for code in ("id", "en"):
        loc = Locale(code)
        for ctx in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                out.update(v.casefold().rstrip(".") for v in loc.days[ctx][width].values())
                out.update(v.casefold().rstrip(".") for v in loc.months[ctx][width].values())
    out.update({"ahad", "jumat", "jum'at", "sept", "tues", "thurs", "pekan", "weekend"})
    return frozenset(out)


@lru_cache(maxsize=1)
def stop_or_calendar_words() -> frozenset[str]:
    """:data:`STOPWORDS` and :func:`calendar_words` in one set: words that never open a name."""
    return STOPWORDS | calendar_words()


@lru_cache(maxsize=1)
def indonesian_roots() -> frozenset[str]:
    """Indonesian root words shipped with PySastrawi (a declared dependency), or empty if absent."""
    try:
        import Sastrawi

        path = os.path.join(os.path.dirname(Sastrawi.__file__), "Stemmer", "data", "kata-dasar.txt")
        with open(path, encoding="utf-8") as fh:
            return frozenset(w.strip().casefold() for w in fh if w.strip())
    except Exception:  # pragma: no cover - the dependency is declared; degrade rather than fail
        return frozenset()


_ID_PREFIXES = ("meng", "meny", "mem", "men", "me", "peng", "peny", "pem", "pen", "per", "pe", "ber", "be",
                "ter", "di", "ke", "se")
_ID_SUFFIXES = ("kannya", "annya", "kan", "an", "nya", "lah", "kah", "i")


@lru_cache(maxsize=1 << 14)
def is_indonesian_word(word: str) -> bool:
    """True when ``word`` is an Indonesian root word or a root with common affixes (Pengerahan, Puluhan).

    Pure and called for the same capitalized words over and over, so it is cached."""
    w = word.casefold()
    roots = indonesian_roots()
    if w in roots or w in STOPWORDS:
        return True
    if "-" in w:  # reduplication: "langkah-langkah", "negara-negara"
        return all(is_indonesian_word(p) for p in w.split("-") if p)
    for suf in ("",) + _ID_SUFFIXES:
        stem = w[: len(w) - len(suf)] if suf and w.endswith(suf) else (w if not suf else None)
        if not stem or len(stem) < 3:
            continue
        if stem in roots:
            return True
        for pre in _ID_PREFIXES:
            if stem.startswith(pre) and len(stem) - len(pre) >= 3:
                rest = stem[len(pre):]
                # nasal prefixes drop the root's first consonant: pengerahan <- kerah, penjualan <- jual
                if rest in roots or any(c + rest in roots for c in "kptsg"):
                    return True
    return False


# Indonesian function words (conjunctions, prepositions, pronouns, determiners, adverbs): no part of
# a name, so one ends a name written in title case ("Kerajaan Banggai Pada Saat itu ...").
FUNCTION_WORDS_ID = _words(
    "Dan Atau Tetapi Tapi Namun Sementara Sedangkan Selain Sejauh Setelah Sebelum Saat Ketika Jika Kalau "
    "Apabila Bila Karena Sebab Meski Meskipun Walau Walaupun Dengan Dalam Dari Di Ke Pada Untuk Bagi Oleh "
    "Tentang Terhadap Menurut Sejak Hingga Sampai Antara Ini Itu Tersebut Yang Ia Dia Mereka Kami Kita Saya "
    "Aku Anda Kamu Beliau Para Sang Si Seorang Sebuah Semua Setiap Banyak Beberapa Sejumlah "
    "Sebanyak Tidak Bukan Belum Sudah Telah Akan Masih Juga Pun Bahkan Hanya Lalu Kemudian Kini Sekarang "
    "Apa Siapa Mengapa Kenapa Bagaimana "
    "Kapan Dimana Mana Tentu Memang Ya Oh Wah Nah Adapun Berikut Sebagai Seperti Agar Supaya Sehingga Maka"
)
# Capitalized function words and sentence openers that are never names by themselves.
STOPWORDS = FUNCTION_WORDS_ID | _words(
    "Satu Dua Tiga Kemarin Besok Hari Tahun Bulan Minggu Pekan Pagi Siang Sore Malam "
    "Lihat Juga Baca Simak Foto Video Sumber Editor Penulis Reporter Berita Terkait Selengkapnya Klik "
    "Kota Kabupaten Provinsi Desa Kecamatan Negara Pemerintah Presiden Menteri Barat Timur Utara Selatan "
    "Tengah Pusat Raya Baru Lama Besar Kecil Agung Nasional Internasional Umum Khusus Dunia Indonesia-nya "
    "The A An And But Or If When While After Before Since Until As At By For From In Into Of On Onto To "
    "With Without About Above Across Against Among Around Behind Below Beneath Beside Between Beyond "
    "During Except Inside Like Near Off Over Past Through Throughout Toward Under Up Upon Within This That "
    "These Those It Its He She They We You I Me Him Her Them Us His Their Our Your My There Here What "
    "Which Who Whom Whose Why How Where All Any Some Many Much More Most Few Several Each Every Both "
    "Either Neither No Not None Nothing Also Still Yet Even Just Only Then Now Today Yesterday Tomorrow "
    "However Meanwhile Moreover Furthermore Although Though Because So Thus Therefore Instead Indeed Yes "
    "One Two Three First Second Last Next New Old Read More Related See Also Photo Source Updated Share "
    "According Despite Following Including Last Earlier Later Once Other Others Another Such Same "
    "West East North South Western Eastern Northern Southern Central Government President Minister "
    "Police City State Country Day Week Month Year Morning Evening Night Monday-based Breaking Live Watch "
    "Is Are Was Were Be Been Has Have Had Does Did Can Could Should Might Must "
    "Democrat Democrats Republican Republicans Click Subscribe Advertisement Sponsored Please Thanks Thank Hello Hi Dear Sorry"
)

# Common English words that geonames also lists as cities (never places by themselves).
EN_COMMON_PLACE_NAMES = _words(
    "Mobile Reading Orange Surprise Independence Concord Split Nice Union Bath Of Temple Normal Gary Sandy "
    "Bend Eagle Deal Sale Derby Cork March Mesa Buffalo Phoenix Aurora Columbia Hampton Fairfield Bury Troy "
    "Marina Bello Mira Mata Pati Kota Bandar Sungai Tanjung Lubuk Muara Metro Tual Santa Wayne Warren "
    "Most Along Nord Sur Amor Vitoria Victoria Ocean Gold Coast Middle Chase Cape Independent Liberty"
)
