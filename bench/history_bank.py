"""Bank details for the synthetic history (bench/gen_history.py): values that becguard's payment
parser (src/payment/) accepts, i.e. IBANs with correct mod-97 check digits, BICs with an ISO
country, ABA routing numbers with a valid checksum, UK sort code + account, and Japanese
銀行/支店/種目/口座番号/名義 blocks, each rendered the way real invoices write them."""

import string

# BBAN layout per country: 'n' digit, 'a' upper-case letter, 'c' either. Lengths match the
# SWIFT registry that src/payment/iban_bic.cc checks.
IBAN_LAYOUTS = {
    "DE": "n" * 18,
    "GB": "aaaa" + "n" * 14,
    "NL": "aaaa" + "n" * 10,
    "FR": "n" * 23,
    "BE": "n" * 12,
    "AT": "n" * 16,
    "CH": "n" * 17,
    "ES": "n" * 20,
    "SE": "n" * 20,
    "DK": "n" * 14,
    "IT": "a" + "n" * 10 + "c" * 12,
    "PL": "n" * 24,
}

EN_BANK_NAMES = [
    "Northern Commerce Bank", "Baltic Trade Bank", "Rhine Savings Bank", "Albion Merchant Bank",
    "Hanseatic Credit", "Lowlands Cooperative Bank", "Alpine Private Bank", "Iberia Capital Bank",
    "Nordic Business Bank", "Danube Commercial Bank", "Thames Clearing Bank", "Atlantic Union Bank",
]
JA_BANKS = ["八雲", "北辰", "東都", "みどりネット", "さくら", "瀬戸内", "大和川", "富岳", "若葉",
            "青葉", "湊", "千歳", "朝日野", "白鷺", "葵"]
JA_BANK_SUFFIXES = ["銀行", "銀行", "銀行", "信用金庫"]
JA_BRANCHES = ["本町", "本店", "渋谷", "新宿", "梅田", "名駅", "仙台", "博多", "横浜", "京橋",
               "品川", "神田", "栄", "天神", "札幌", "難波", "上野", "池袋", "丸の内", "日本橋"]
JA_DEPOSIT = ["普通", "普通", "普通", "当座"]

_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _mod97(digits):
    r = 0
    for ch in digits:
        r = (r * 10 + int(ch)) % 97
    return r


def _numeric(s):
    return "".join(str(ord(c) - 55) if c.isalpha() else c for c in s)


def make_iban(rng, country):
    bban = "".join(
        rng.choice(string.digits) if k == "n" else rng.choice(string.ascii_uppercase)
        if k == "a" else rng.choice(string.digits + string.ascii_uppercase)
        for k in IBAN_LAYOUTS[country])
    check = 98 - _mod97(_numeric(bban + country + "00"))
    return f"{country}{check:02d}{bban}"


def group4(value):
    return " ".join(value[i:i + 4] for i in range(0, len(value), 4))


def make_bic(rng, country):
    bank = "".join(rng.choice(string.ascii_uppercase) for _ in range(4))
    loc = rng.choice(string.ascii_uppercase) + rng.choice(string.ascii_uppercase + string.digits)
    return bank + country + loc + (rng.choice(["", "XXX", "100", "500"]))


def make_aba(rng):
    while True:
        d = [rng.randrange(10) for _ in range(8)]
        d[0] = rng.choice([0, 1, 2, 3])  # Federal Reserve routing symbols
        partial = 3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5])
        last = (10 - partial % 10) % 10
        digits = "".join(map(str, d)) + str(last)
        if digits != "000000000":
            return digits


def make_details(rng, language, holder_en, holder_kana):
    """One counterparty's bank details: a dict with 'scheme' and what the renderers need."""
    if language == "ja":
        return {
            "scheme": "jp",
            "bank": rng.choice(JA_BANKS) + rng.choice(JA_BANK_SUFFIXES),
            "branch": rng.choice(JA_BRANCHES) + "支店",
            "branch_no": f"{rng.randrange(100, 999)}",
            "type": rng.choice(JA_DEPOSIT),
            "number": f"{rng.randrange(10**6, 10**7):07d}",
            "holder": holder_kana,
        }
    scheme = rng.choices(["iban", "aba", "uk"], weights=[75, 15, 10])[0]
    details = {"scheme": scheme, "bank": rng.choice(EN_BANK_NAMES), "holder": holder_en}
    if scheme == "iban":
        country = rng.choice(list(IBAN_LAYOUTS))
        details["iban"] = make_iban(rng, country)
        details["bic"] = make_bic(rng, country)
    elif scheme == "aba":
        details["routing"] = make_aba(rng)
        details["account"] = f"{rng.randrange(10**8, 10**10)}"
    else:
        details["sort"] = f"{rng.randrange(10, 99)}-{rng.randrange(10, 99)}-{rng.randrange(10, 99)}"
        details["account"] = f"{rng.randrange(10**7, 10**8)}"
    return details


def render_en(rng, d):
    """English payment block, in one of a few layouts."""
    if d["scheme"] == "iban":
        iban = group4(d["iban"]) if rng.random() < 0.7 else d["iban"]
        return rng.choice([
            f"Bank: {d['bank']}\nAccount name: {d['holder']}\nIBAN: {iban}\nBIC: {d['bic']}\n",
            f"Please remit to {d['holder']}, IBAN {iban} (SWIFT/BIC: {d['bic']}).\n",
            f"Payment details\n  Beneficiary: {d['holder']}\n  Bank: {d['bank']}\n"
            f"  IBAN: {iban}\n  SWIFT: {d['bic']}\n",
        ])
    if d["scheme"] == "aba":
        return (f"Wire instructions\nBank: {d['bank']}\nABA Routing Number: {d['routing']}\n"
                f"Account Number: {d['account']}\nAccount Name: {d['holder']}\n")
    return (f"Bank: {d['bank']}\nSort code: {d['sort']}\nAccount number: {d['account']}\n"
            f"Beneficiary: {d['holder']}\n")


def render_ja(rng, d):
    """Japanese transfer block: labelled (sometimes with full-width digits) or one line."""
    number = d["number"]
    if rng.random() < 0.3:
        number = number.translate(_FULLWIDTH)
    style = rng.randrange(3)
    if style == 0:
        return (f"お振込先は下記の通りです。\n銀行名：{d['bank']}\n支店名：{d['branch']}\n"
                f"預金種目：{d['type']}預金\n口座番号：{number}\n口座名義：{d['holder']}\n")
    if style == 1:
        return f"振込先：{d['bank']} {d['branch']} {d['type']} {number} {d['holder']}\n"
    return (f"【お振込先】\n  銀行名：{d['bank']}\n  支店名：{d['branch']}（{d['branch_no']}）\n"
            f"  種別　：{d['type']}\n  番号　：{number}\n  名義　：{d['holder']}\n")
