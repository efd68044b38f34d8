"""Closed word lists that tell a person's name apart from the titles, roles and places around it.

All entries are lower-case; callers compare ``token.casefold()`` (with a trailing period removed).
"""

from __future__ import annotations

from .. import lexicon

# Honorifics, academic titles and police/military ranks: written before a name, never part of it
# (shared with the entity extractor: lexicon/data/<lang>/honorifics.txt).
TITLES = lexicon.words("honorifics")

# Words that head or fill a job title or an institution's name (Indonesian and English).
ROLE_WORDS = frozenset(
    """
    presiden wakil menteri menko mendagri menlu menkeu menhan kepala ketua sekretaris sekjen
    direktur dirut gubernur wagub bupati wabup walikota wali camat lurah kades kapolri kapolda
    kapolres kapolsek kasat kasatreskrim kabid kasubdit kasi kasubag kabag kadis kajati kajari
    kejati kejari kapuspen kapendam pangdam panglima danramil dandim komandan kasad kasal kasau
    jaksa juru bicara jubir humas staf khusus anggota pimpinan pemimpin pendiri
    pengamat peneliti pakar ahli dosen rektor dekan guru besar kuasa hukum pengacara advokat
    manajer pelatih kapten direksi komisaris utama umum eksekutif senior deputi asisten koordinator
    plt plh pj kasubdit penasihat pembina pangeran paus uskup statistik sumber source
    luar negeri dalam keuangan pertahanan agama kesehatan pendidikan kebudayaan perdagangan
    perindustrian perhubungan pertanian kehutanan lingkungan hidup sosial tenaga kerja hukum
    ham pariwisata ekonomi kreatif energi sumber daya mineral pekerjaan perumahan rakyat
    koordinator bidang politik keamanan maritim investasi komunikasi informatika riset teknologi
    negara sekretariat kabinet badan dinas kantor kementerian kementerian lembaga komisi dewan
    majelis mahkamah pengadilan kejaksaan kepolisian polisi polda polres polsek polri tni
    pemerintah pemprov pemkot pemkab provinsi kabupaten kota daerah pusat nasional republik
    partai fraksi universitas institut sekolah rumah sakit bank pt tbk cv persero
    seksi urusan hubungan masyarakat subdit unit divisi biro bagian sub
    president vice prime minister ministry secretary deputy chief executive officer director
    chairman chairwoman chairperson chair head governor mayor senator representative
    congressman congresswoman lawmaker spokesman spokeswoman spokesperson official officials
    ambassador envoy commissioner commander general attorney judge justice chancellor premier
    king queen prince princess pope bishop archbishop cardinal manager coach captain founder
    president-elect ceo cfo coo cto chairman-elect analyst economist professor researcher
    foreign affairs interior defence defense finance treasury health education trade energy
    justice home state security national federal central bank party department agency council
    committee commission board office government university institute company corp corporation
    academy akademi authority prosecution administration service services organization organisation
    center centre foundation society court army navy police forces bureau directorate productions
    inc ltd llc plc group holdings co association union federation league
    administrator adviser advisor counselor counsellor strategist associate superintendent sheriff
    of the for and dan untuk serta urusan
    former then late acting outgoing incoming longtime veteran fellow ex top interim rival
    """.split()
)

# Countries, demonyms and regions that follow a role word ("Presiden Rusia", "Russian President").
PLACES = frozenset(
    """
    indonesia ri rusia russia russian kazakhstan kazakh ukraina ukraine ukrainian as amerika serikat
    america american us u.s usa china tiongkok chinese jepang japan japanese korea korean selatan
    utara south north prancis perancis france french jerman germany german inggris britain british
    uk u.k england english italia italy italian spanyol spain spanish belanda netherlands dutch
    australia australian india indian pakistan pakistani iran iranian irak iraq iraqi suriah syria
    syrian turki turkey turkish turkiye israel israeli palestina palestine palestinian mesir egypt
    egyptian arab saudi emirat uea uae qatar yordania lebanon libanon afghanistan afghan
    malaysia malaysian singapura singapore singaporean thailand thai filipina philippines filipino
    vietnam vietnamese myanmar kamboja cambodia laos brunei timor leste kanada canada canadian
    meksiko mexico mexican brasil brazil brazilian argentina chile kolombia colombia venezuela
    belarus georgia armenia azerbaijan uzbekistan kirgistan kyrgyzstan tajikistan turkmenistan
    polandia poland polish swedia sweden swedish norwegia norway finlandia finland finnish
    denmark danish swiss swiss austria belgia belgium yunani greece greek portugal irlandia ireland
    irish skotlandia scotland afrika africa african nigeria kenya ethiopia sudan eropa europe
    european asia asian pasifik pacific barat timur tengah west east western eastern middle
    uni soviet soviet kremlin nato pbb un eu ue asean jakarta jawa sumatera sumatra kalimantan
    sulawesi papua bali ntb ntt aceh riau jambi bengkulu lampung banten yogyakarta diy dki
    sumut sumsel sumbar jabar jateng jatim kalbar kalteng kalsel kaltim sulsel sulut sultra
    surabaya bandung medan makassar semarang palembang mataram denpasar banjarmasin moskow moscow
    washington beijing london paris tokyo kyiv kiev
    """.split()
)

# Day and month names: a capitalised appositive that is a date, not a name ("kata Putin, Selasa").
TIME_WORDS = frozenset(
    """
    senin selasa rabu kamis jumat jum'at sabtu minggu ahad januari februari maret april mei juni
    juli agustus september oktober november desember monday tuesday wednesday thursday friday
    saturday sunday january february march june july august october december today yesterday
    tomorrow pekan lalu kemarin
    """.split()
)

# Capitalised words that start sentences or clauses but are never a subject's name.
FUNCTION_CAPS = frozenset(
    """
    sementara sedangkan namun tetapi tapi lalu kemudian selain bahkan adapun menurut kata hal
    sebelumnya selanjutnya akhirnya meski meskipun walaupun jika kalau ketika saat dalam di pada
    dengan untuk karena oleh itu ini ya dan atau juga pun bagi secara sejak hingga sampai usai
    meanwhile however but and also then later earlier separately in on at as when while after
    before according yet so still instead indeed it this that these those there here the a an
    speaking asked during
    to for from with by of because although though if since unless until than about into onto
    upon through throughout toward towards under within without despite via per including
    more most some many much any each every all both few several such other only just even
    what which who whom whose where why how now thus therefore moreover furthermore besides
    perhaps maybe finally his her its their our my your we they he she you those
    or nor well yes no had can did does do is was are were
    like unlike amid likewise conversely similarly additionally nonetheless nevertheless otherwise
    accordingly consequently hence shortly last next
    tak tidak bila apabila agar supaya setelah sebelum selama tanpa terkait soal mengenai tentang
    """.split()
)

# Pronouns that stand for the last speaker ("he said", "kata dia", "ia mengatakan").
PRONOUNS = lexicon.heads("pronouns")

# Plural pronouns: a group, not one speaker, so no speaker is returned.
PLURAL_PRONOUNS = lexicon.words("plural_pronouns")

# Lower-case particles inside personal names ("Osama bin Laden", "Ursula von der Leyen").
NAME_PARTICLES = frozenset("bin binti van von der den de del della da dos das du la le al el ibn abu".split())

# Occupations and descriptions that stand before a name ("penyanyi Raisa", "fisherman Raimundo").
OCCUPATIONS = frozenset(
    """
    penyanyi aktor aktris artis pebalap atlet pemain pedagang petani nelayan warga penduduk sopir
    pengemudi mahasiswa siswa pelajar buruh karyawan pegawai korban saksi tetangga psikolog dokter
    perawat bidan wartawan jurnalis penulis sutradara produser politisi politikus pengusaha
    komedian musisi pianis penyerang kiper bek gelandang
    singer actor actress player farmer fisherman resident student worker employee victim witness
    neighbour neighbor psychologist doctor nurse journalist reporter writer author director
    producer politician businessman businesswoman comedian musician runner striker goalkeeper
    lawyer prosecutor defence defense shopkeeper teacher activist
    """.split()
)

# Indonesian role heads that take a place or body right after them ("Bupati Gianyar I Made
# Mahayastra", "Ketua Umum Gaikindo Johannes Nangoi"): a long run of capitalised words after
# one of them starts with that complement, not with the person's given name.
COMPLEMENT_HEADS = frozenset(
    """
    bupati walikota kota gubernur kepala ketua umum direktur eksekutif utama rektor kapolres
    kapolda kapolsek camat lurah sekjen kadis kajari kajati pangdam dandim kasat pemimpin pendiri
    manajer pelatih dekan wabup wagub pt cv
    """.split()
)
