#!/usr/bin/env python3
"""Synthetic mail history of one organisation, for the store-scale benchmark
(bench/store_scale.sh): what `becguard learn` would read from a company's archive.

  bench/gen_history.py --messages N --out DIR [--config FILE] [--people-from CORPUS] [--seed S]

Writes DIR/history-NNNNN.mbox (chronological, 20,000 messages per file so no mbox nears the CLI's
input limit) and, with --config, a becguard TOML whose [organization] names the generated
domains and a few people, so learning sees which mail is outgoing. Same arguments, same bytes.

The organisation has a few hundred people on two domains (a head office and a Japanese
subsidiary); a few thousand external contacts at companies chosen with Zipf-like weights write
to and get mail from the few colleagues who deal with them; threads run long (In-Reply-To and
References chains, quoted history); vendors send recurring invoices carrying bank details that
src/payment/ recognises (IBAN with check digits, BIC, ABA, UK sort code, Japanese accounts) and a
few change banks; role accounts share display names across companies; text is English or
Japanese (UTF-8, base64 or 8bit, and ISO-2022-JP), ~1-3 KB a message.

--people-from takes real .eml files (e.g. ../shared/corpus/ham): their most frequent address
domain becomes the organisation's, their senders and recipients become its people and its most
active counterparties, so that scanning that corpus afterwards asks the store about people it
knows, as it would in the deployment (history learned first, then new mail of the same people).
"""

import argparse
import base64
import bisect
import collections
import os
import random
import re
import sys
import time

import history_bank as bank
import history_text as text
from history_text import pick, randint

EN_FIRST = ["James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David",
            "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas",
            "Sarah", "Charles", "Karen", "Daniel", "Nancy", "Matthew", "Lisa", "Anthony", "Betty",
            "Mark", "Margaret", "Paul", "Sandra", "Steven", "Ashley", "Andrew", "Emily", "Kenneth",
            "Donna", "Joshua", "Michelle", "Kevin", "Carol", "Brian", "Amanda", "George", "Melissa",
            "Helena", "Tomas", "Priyanka", "Martin", "Anna", "Jonas", "Lars", "Ingrid", "Pierre",
            "Claire", "Marco", "Giulia", "Pavel", "Olga", "Ahmed", "Fatima", "Chen", "Mei", "Raj"]
EN_LAST = ["Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Wilson",
           "Anderson", "Taylor", "Thomas", "Moore", "Jackson", "Martin", "Lee", "Thompson", "White",
           "Harris", "Clark", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright",
           "Scott", "Green", "Baker", "Adams", "Nelson", "Hill", "Campbell", "Mitchell", "Roberts",
           "Varga", "Lindqvist", "Rao", "Kowalski", "Berg", "Eklund", "Dubois", "Rossi", "Novak",
           "Ivanova", "Hassan", "Wang", "Patel", "Schmidt", "Fischer", "Weber", "Jansen", "Larsen"]
JA_SURNAMES = [("佐藤", "sato"), ("鈴木", "suzuki"), ("高橋", "takahashi"), ("田中", "tanaka"),
               ("伊藤", "ito"), ("渡辺", "watanabe"), ("山本", "yamamoto"), ("中村", "nakamura"),
               ("小林", "kobayashi"), ("加藤", "kato"), ("吉田", "yoshida"), ("山田", "yamada"),
               ("佐々木", "sasaki"), ("山口", "yamaguchi"), ("松本", "matsumoto"), ("井上", "inoue"),
               ("木村", "kimura"), ("林", "hayashi"), ("清水", "shimizu"), ("山崎", "yamazaki"),
               ("森", "mori"), ("池田", "ikeda"), ("橋本", "hashimoto"), ("阿部", "abe"),
               ("石川", "ishikawa"), ("前田", "maeda"), ("藤田", "fujita"), ("小川", "ogawa")]
JA_GIVEN = [("浩二", "koji"), ("花子", "hanako"), ("健", "ken"), ("直樹", "naoki"),
            ("美咲", "misaki"), ("翔太", "shota"), ("由美", "yumi"), ("大輔", "daisuke"),
            ("陽子", "yoko"), ("誠", "makoto"), ("恵", "megumi"), ("拓也", "takuya"), ("彩", "aya"),
            ("亮", "ryo"), ("智子", "tomoko"), ("達也", "tatsuya"), ("真理", "mari"),
            ("裕介", "yusuke"), ("沙織", "saori"), ("健太", "kenta")]
JA_COMPANY_HEADS = [("藤沢", "フジサワ", "fujisawa"), ("八雲", "ヤクモ", "yakumo"),
                    ("三峰", "ミツミネ", "mitsumine"), ("北斗", "ホクト", "hokuto"),
                    ("東洋", "トウヨウ", "toyo"), ("大和", "ヤマト", "yamato"),
                    ("朝日", "アサヒ", "asahi"), ("富士", "フジ", "fuji"),
                    ("中央", "チュウオウ", "chuo"), ("白山", "ハクサン", "hakusan"),
                    ("青木", "アオキ", "aoki"), ("高砂", "タカサゴ", "takasago"),
                    ("丸井", "マルイ", "marui"), ("森田", "モリタ", "morita"),
                    ("岡村", "オカムラ", "okamura"), ("星野", "ホシノ", "hoshino"),
                    ("湊", "ミナト", "minato"), ("双葉", "フタバ", "futaba"),
                    ("日進", "ニッシン", "nisshin"), ("昭和", "ショウワ", "showa")]
JA_COMPANY_TAILS = [("工業", "コウギョウ", "kogyo"), ("製作所", "セイサクショ", "seisakusho"),
                    ("商事", "ショウジ", "shoji"), ("精工", "セイコウ", "seiko"),
                    ("化成", "カセイ", "kasei"), ("電機", "デンキ", "denki"),
                    ("物流", "ブツリュウ", "butsuryu"), ("産業", "サンギョウ", "sangyo"),
                    ("技研", "ギケン", "giken")]
SYLLABLES = ["tal", "vik", "or", "rin", "nor", "bridge", "kest", "ral", "mon", "dor", "lun", "ar",
             "vel", "tor", "san", "bel", "cor", "din", "fen", "gar", "hal", "is", "jor", "kal",
             "lin", "mar", "nes", "ost", "pel", "quin", "ros", "stan", "ter", "ul", "ven", "wes"]
EN_TRADES = [("Logistics", "logistics"), ("Steel", "steel"), ("Components", "components"),
             ("Industries", "industries"), ("Supply", "supply"), ("Consulting", "consulting"),
             ("Systems", "systems"), ("Trading", "trading"), ("Packaging", "packaging"),
             ("Engineering", "eng"), ("Chemicals", "chem"), ("Electronics", "electronics")]
EN_TLDS = [".com", ".com", ".com", ".de", ".co.uk", ".nl", ".fr", ".se", ".net", ".ch", ".pl"]
ROLE_NAMES_EN = [("Accounts Receivable", "ar"), ("Accounts Payable", "ap"),
                 ("Customer Service", "service"), ("Sales Team", "sales"), ("Info", "info"),
                 ("Billing", "billing")]
ROLE_NAMES_JA = [("経理部", "keiri"), ("営業部", "eigyo"), ("請求書担当", "seikyu")]
FREEMAIL = ["gmail.com", "outlook.com", "yahoo.com", "yahoo.co.jp", "hotmail.com"]

FIELD_RE = re.compile(r"^([A-Za-z-]+):[ \t]*(.*)$")
ADDR_RE = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")

START = 1546819200  # 2019-01-07 00:00 UTC, a Monday
PER_DAY = 550  # messages a day for an organisation of a few hundred people
CHUNK = 20000


def registrable(domain):
    labels = domain.lower().rstrip(".").split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in (
            "co", "ac", "ne", "or", "go", "com", "net", "org"):
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


class Zipf:
    """Rank-weighted choice: the item of rank r has weight 1/(r+1)^s."""

    def __init__(self, items, s):
        self.items = items
        self.cum = []
        total = 0.0
        for r in range(len(items)):
            total += 1.0 / (r + 1) ** s
            self.cum.append(total)

    def pick(self, rng):
        return self.items[bisect.bisect_left(self.cum, rng.random() * self.cum[-1])]


class Company:
    def __init__(self, name, domain, language, kana=""):
        self.name = name
        self.domain = domain
        self.language = language
        self.kana = kana  # katakana reading, for Japanese account holders
        self.contacts = []
        self.owners = []  # the organisation's people who deal with this company
        self.vendor = False
        self.details = None
        self.changed_bank = False
        self.invoice_no = 0


def harvest(corpus_dir, limit_files=20000):
    """(address -> display name, address -> messages it appears in) from .eml headers."""
    names, any_count = {}, collections.Counter()
    files = []
    for root, _, fs in os.walk(corpus_dir):
        files += [os.path.join(root, f) for f in fs if f.endswith(".eml")]
    for path in sorted(files)[:limit_files]:
        with open(path, "rb") as f:
            head = f.read(16384).split(b"\n\n", 1)[0].decode("latin-1")
        fields = {}
        for line in head.replace("\n\t", " ").replace("\n ", " ").split("\n"):
            m = FIELD_RE.match(line)
            if m:
                fields.setdefault(m.group(1).lower(), m.group(2))
        senders = ADDR_RE.findall(fields.get("from", ""))
        if not senders:
            continue
        sender = senders[0].lower()
        any_count[sender] += 1
        x_from = re.sub(r"<[^>]*>|\"", "", fields.get("x-from", "")).strip()
        if x_from and "@" not in x_from and re.fullmatch(r"[A-Za-z .'-]{3,40}", x_from):
            names.setdefault(sender, x_from)
        for field in ("to", "cc"):
            for a in ADDR_RE.findall(fields.get(field, ""))[:20]:
                any_count[a.lower()] += 1
    return names, any_count


def name_from_local(local):
    parts = [p for p in re.split(r"[._-]+", local) if p.isalpha()]
    return " ".join(p.capitalize() for p in parts[:3]) or local


class History:
    def __init__(self, args):
        self.rng = random.Random(args.seed)
        self.args = args
        self.people = []
        self.companies = []
        self.org_domains = []
        self.build_population()

    # -- population -----------------------------------------------------------------------------

    def new_person(self, address, name, language, company, internal, first=None, last=None):
        # Each person's habits come from their own stream, so adding people keeps others alike.
        prng = random.Random(f"{self.args.seed}:{address}")
        p = text.Person(prng, address, name, language, company, internal, first, last)
        self.people.append(p)
        return p

    def ja_name(self, rng):
        (sk, sr), (gk, gr) = pick(rng, JA_SURNAMES), pick(rng, JA_GIVEN)
        return f"{sk} {gk}", sk, gk, sr, gr

    def build_population(self):
        rng, a = self.rng, self.args
        names, any_count = {}, collections.Counter()
        if a.people_from:
            names, any_count = harvest(a.people_from)
        domains = collections.Counter()
        for addr, n in any_count.items():  # senders and recipients: whose mailbox this is
            domains[registrable(addr.split("@")[1])] += n
        head = domains.most_common(1)[0][0] if domains else "norbridge.com"
        label = head.split(".")[0]
        self.org_domains = [head, f"{label}.co.jp"]
        org_name = label.capitalize()

        # The organisation: harvested people first (most active first), then generated ones;
        # about 15 % work at the Japanese subsidiary.
        used = set()
        org = []
        known = [x for x, _ in any_count.most_common() if registrable(x.split("@")[1]) == head]
        for addr in known[:int(a.org_size * 0.8)]:
            name = names.get(addr) or name_from_local(addr.split("@")[0])
            org.append(self.new_person(addr, name, "en", org_name, True))
            used.add(addr)
        ja_target = int(a.org_size * 0.15)
        while len(org) < a.org_size:
            if ja_target > 0:
                full, sk, gk, sr, gr = self.ja_name(rng)
                addr = f"{gr[0]}.{sr}@{self.org_domains[1]}"
                lang, first, last = "ja", gk, sk
            else:
                first, last = pick(rng, EN_FIRST), pick(rng, EN_LAST)
                full, addr, lang = f"{first} {last}", f"{first}.{last}@{head}".lower(), "en"
            if addr in used:
                addr = addr.replace("@", f"{len(org)}@")
            used.add(addr)
            org.append(self.new_person(addr, full, lang, org_name + (" Japan" if lang == "ja"
                                                                     else ""), True, first, last))
            ja_target -= lang == "ja"
        # Accounts payable: a shared mailbox plus two clerks receive the invoices.
        ap = self.new_person(f"ap@{head}", "Accounts Payable", "en", org_name, True)
        ap_ja = self.new_person(f"keiri@{self.org_domains[1]}", "経理部", "ja", org_name + " Japan",
                                True, "経理部", "経理部")
        self.org = org
        self.org_en = [p for p in org if p.language == "en"]
        self.org_ja = [p for p in org if p.language == "ja"]
        self.ap = {"en": [ap] + org[:2], "ja": [ap_ja] + (self.org_ja[:2] or org[:2])}
        self.org_zipf = Zipf(org, 0.7)

        # Counterparties: harvested external contacts grouped by domain come first (most
        # traffic), then generated companies until there are enough contacts.
        by_domain = collections.OrderedDict()
        for addr, _ in any_count.most_common():
            d = registrable(addr.split("@")[1])
            if d != head and len(by_domain) < a.counterparties // 20:
                by_domain.setdefault(d, []).append(addr)
        contacts = 0
        for d, addrs in by_domain.items():
            c = Company(d.split(".")[0].capitalize(), d, "en")
            for addr in addrs[:8]:
                name = names.get(addr) or name_from_local(addr.split("@")[0])
                c.contacts.append(self.new_person(addr, name, "en", c.name, False))
                contacts += 1
            self.companies.append(c)
        seen_domains = set(by_domain) | {head}
        while contacts < a.counterparties:
            c = self.generate_company(rng, seen_domains)
            self.companies.append(c)
            contacts += len(c.contacts)
        for c in self.companies:
            pool = self.org_ja if c.language == "ja" and self.org_ja else org
            c.owners = rng.sample(pool, min(len(pool), randint(rng, 1, 3)))
            c.vendor = c.domain not in FREEMAIL and rng.random() < 0.35
            if c.vendor:
                c.details = self.details_for(rng, c)
        # Ranks alternate between harvested companies (most active first) and generated ones,
        # so the corpus's people are busy counterparties and Japanese ones are too.
        harvested, generated = self.companies[:len(by_domain)], self.companies[len(by_domain):]
        rng.shuffle(generated)
        self.companies = []
        for i in range(max(len(harvested), len(generated))):
            self.companies += harvested[i:i + 1] + generated[i:i + 1]
        self.company_zipf = Zipf(self.companies, 1.05)
        vendors = [c for c in self.companies if c.vendor]
        self.vendor_zipf = Zipf(vendors, 0.9)
        self.partner_domains = [c.domain for c in vendors[:20]]

    def generate_company(self, rng, seen):
        if rng.random() < 0.04:
            d = pick(rng, FREEMAIL)
            c = Company(d, d, "ja" if d.endswith(".jp") else "en")
        elif rng.random() < 0.3:
            (hk, hkana, hr), (tk, tkana, tr) = pick(rng, JA_COMPANY_HEADS), pick(rng, 
                JA_COMPANY_TAILS)
            d = f"{hr}-{tr}.co.jp"
            n = 2
            while d in seen:
                d, n = f"{hr}-{tr}{n}.co.jp", n + 1
            c = Company(f"{hk}{tk}株式会社", d, "ja", f"カ）{hkana}{tkana}")
        else:
            word = "".join(pick(rng, SYLLABLES) for _ in range(randint(rng, 2, 3)))
            trade, slug = pick(rng, EN_TRADES)
            d = f"{word}-{slug}{pick(rng, EN_TLDS)}"
            if d in seen:
                d = f"{word}{len(seen)}-{slug}.com"
            c = Company(f"{word.capitalize()} {trade}", d, "en")
        seen.add(d)
        for i in range(randint(rng, 1, 6)):
            if c.language == "ja":
                full, sk, gk, sr, gr = self.ja_name(rng)
                addr, first, last = f"{sr}.{gr}@{c.domain}", gk, sk
            else:
                first, last = pick(rng, EN_FIRST), pick(rng, EN_LAST)
                full, addr = f"{first} {last}", f"{first}.{last}@{c.domain}".lower()
            if c.domain in FREEMAIL:
                addr = addr.replace("@", f"{randint(rng, 1, 9999)}@")
            c.contacts.append(self.new_person(addr, full, c.language, c.name, False, first, last))
        if c.domain not in FREEMAIL and rng.random() < 0.3:
            role, local = pick(rng, ROLE_NAMES_JA if c.language == "ja" else ROLE_NAMES_EN)
            c.contacts.append(self.new_person(f"{local}@{c.domain}", role, c.language, c.name,
                                              False, role, role))
        return c

    def details_for(self, rng, c):
        return bank.make_details(rng, c.language, c.name, c.kana or "カ）ヤクモセイコウ")

    # -- traffic --------------------------------------------------------------------------------

    def run(self, out_dir):
        rng, a = self.rng, self.args
        os.makedirs(out_dir, exist_ok=True)
        threads = []  # open conversations, most recent last
        seq = 0
        step = 86400.0 / PER_DAY
        out = None
        for seq in range(a.messages):
            if seq % CHUNK == 0:
                if out:
                    out.close()
                out = open(os.path.join(out_dir, f"history-{seq // CHUNK:05d}.mbox"), "wb")
            now = int(START + seq * step + rng.random() * step)
            r = rng.random()
            if r < 0.06:
                msg = self.invoice(rng, now, threads)
            elif r < 0.0615:
                msg = self.bank_change(rng, now, threads)
            elif r < 0.6 and threads:
                msg = self.reply(rng, now, threads)
            else:
                msg = self.new_thread(rng, now, threads)
            out.write(self.render(rng, seq, now, msg))
        if out:
            out.close()

    def new_thread(self, rng, now, threads):
        kind = rng.random()
        if kind < 0.25:  # internal
            sender = self.org_zipf.pick(rng)
            to = []
            for _ in range(randint(rng, 1, 3)):
                p = self.org_zipf.pick(rng)
                if p is not sender and p not in to:
                    to.append(p)
            to = to or [next(p for p in self.org if p is not sender)]
            cc = []
        else:
            company = self.company_zipf.pick(rng)
            contact = company.contacts[min(int(rng.expovariate(0.8)), len(company.contacts) - 1)]
            owner = pick(rng, company.owners)
            if kind < 0.6:  # outgoing
                sender, to = owner, [contact]
            else:
                sender, to = contact, [owner]
            cc = [pick(rng, self.org)] if rng.random() < 0.2 else []
        topic = text.pick_topic(rng, sender)
        # Japanese only among Japanese speakers; anything else is written in English.
        language = "ja" if all(p.language == "ja" for p in [sender] + to) else "en"
        subject = text.subject(rng, topic, language)
        thread = {"subject": subject, "topic": topic, "ids": [], "people": [sender] + to + cc,
                  "left": 1 + min(int(rng.paretovariate(1.1)), 300), "last": None,
                  "language": language}
        threads.append(thread)
        if len(threads) > 20000:
            del threads[:1000]
        return self.message(rng, thread, sender, to, cc, subject,
                            text.body(rng, sender, to[0], topic, self.other_names(thread),
                                      language))

    def reply(self, rng, now, threads):
        # Recent conversations are answered most; a few old ones come back to life.
        i = len(threads) - 1 - min(int(rng.expovariate(1 / 40)), len(threads) - 1)
        thread = threads[i]
        last_sender = thread["last"]["from"]
        others = [p for p in thread["people"] if p is not last_sender]
        sender = pick(rng, others) if others else last_sender
        to = [last_sender] if last_sender is not sender else [pick(rng, self.org)]
        cc = [p for p in thread["people"] if p is not sender and p not in to][:4]
        if rng.random() < 0.5:
            cc = []
        language = thread["language"]
        prefix = pick(rng, ["返信: ", "Re: ", "RE: "] if language == "ja" else
                            ["Re: ", "RE: ", "Re: "])
        body = text.body(rng, sender, to[0], thread["topic"], self.other_names(thread), language)
        if rng.random() < 0.7:
            prev = thread["last"]
            body += "\n" + text.quote(prev["text"], prev["from"].name, prev["from"].address,
                                      prev["date_text"], language)
        thread["left"] -= 1
        if thread["left"] <= 0:
            del threads[i]
        return self.message(rng, thread, sender, to, cc, prefix + thread["subject"], body)

    def invoice(self, rng, now, threads):
        vendor = self.vendor_zipf.pick(rng)
        sender = next((p for p in vendor.contacts if p.first == p.last), vendor.contacts[0])
        recipient = pick(rng, self.ap[vendor.language])
        vendor.invoice_no += 1
        month = time.gmtime(now).tm_mon
        invoice_no = f"{vendor.domain[:3].upper()}-{vendor.invoice_no:05d}"
        block = (bank.render_ja if vendor.language == "ja" else bank.render_en)(rng, vendor.details)
        subject = text.invoice_subject(rng, sender, invoice_no, month)
        thread = {"subject": subject, "topic": "finance", "ids": [], "people": [sender, recipient],
                  "left": pick(rng, [0, 0, 1, 2]), "last": None, "language": vendor.language}
        if thread["left"]:
            threads.append(thread)
        attachment = None
        if rng.random() < 0.15:
            attachment = (f"{invoice_no}.csv", f"invoice,{invoice_no}\n" + block.replace("\n", "\r\n"))
        return self.message(rng, thread, sender, [recipient], [], subject,
                            text.invoice_body(rng, sender, recipient, invoice_no, month, block),
                            attachment)

    def bank_change(self, rng, now, threads):
        vendor = self.vendor_zipf.pick(rng)
        if vendor.changed_bank:  # at most one change per vendor: the rest is a normal invoice
            return self.invoice(rng, now, threads)
        vendor.changed_bank = True
        vendor.details = self.details_for(rng, vendor)
        sender = vendor.contacts[0]
        recipient = pick(rng, self.ap[vendor.language])
        block = (bank.render_ja if vendor.language == "ja" else bank.render_en)(rng, vendor.details)
        subject = "振込先口座変更のお知らせ" if vendor.language == "ja" else "Change of bank details"
        thread = {"subject": subject, "topic": "finance", "ids": [], "people": [sender, recipient],
                  "left": 1, "last": None, "language": vendor.language}
        threads.append(thread)
        return self.message(rng, thread, sender, [recipient], [], subject,
                            text.bank_change_body(rng, sender, recipient, block))

    def other_names(self, thread):
        return [p.first for p in thread["people"]] or ["Alex"]

    def message(self, rng, thread, sender, to, cc, subject, body, attachment=None):
        return {"thread": thread, "from": sender, "to": to, "cc": cc, "subject": subject,
                "text": body, "attachment": attachment}

    # -- rendering ------------------------------------------------------------------------------

    def render(self, rng, seq, now, m):
        sender, thread = m["from"], m["thread"]
        ja = thread["language"] == "ja"
        tz = 9 * 3600 if ja else pick(rng, [0, 3600, -5 * 3600, -6 * 3600])
        date_text = format_date(now, tz)
        host = sender.address.split("@")[1]
        mid = f"<{seq:x}.{rng.getrandbits(40):010x}@{host}>"
        h = []
        incoming = registrable(host) not in self.org_domains
        if incoming:
            relay = f"mail{randint(rng, 1, 4)}.{host}"
            h.append(f"Return-Path: <{sender.address}>")
            h.append(f"Received: from {relay} ({relay} [192.0.2.{randint(rng, 1, 254)}])\n"
                     f"\tby mx1.{self.org_domains[0]} with ESMTPS id {rng.getrandbits(48):012X}\n"
                     f"\tfor <{m['to'][0].address}>; {date_text}")
        charset = "utf-8"
        if ja:
            charset = "iso-2022-jp" if rng.random() < 0.5 else "utf-8"
        h.append(f"Date: {date_text}")
        h.append(f"From: {mailbox(sender, charset)}")
        h.append("To: " + ", ".join(mailbox(p, charset) for p in m["to"]))
        if m["cc"]:
            h.append("Cc: " + ", ".join(mailbox(p, charset) for p in m["cc"]))
        h.append(f"Subject: {encode_header(m['subject'], charset)}")
        h.append(f"Message-ID: {mid}")
        ids = thread["ids"]
        if ids:
            h.append(f"In-Reply-To: {ids[-1]}")
            refs = ids if len(ids) <= 10 else ids[:1] + ids[-9:]
            h.append("References: " + "\n ".join(refs))
        h.append("MIME-Version: 1.0")
        if rng.random() < 0.3:
            h.append(pick(rng, ["X-Mailer: Microsoft Outlook 16.0", "User-Agent: Thunderbird 115.3",
                                 "X-Mailer: Apple Mail (2.3731)"]))
        ids.append(mid)
        thread["last"] = {"from": sender, "text": m["text"], "date_text": date_text}
        body_part = text_part(m["text"], charset, rng)
        if m["attachment"]:
            boundary = f"=_b{rng.getrandbits(48):012x}"
            name, content = m["attachment"]
            payload = base64.encodebytes(content.encode("utf-8")).decode("ascii")
            mime = (f"Content-Type: multipart/mixed; boundary=\"{boundary}\"\n\n--{boundary}\n"
                    f"{body_part}\n--{boundary}\nContent-Type: text/csv; charset=utf-8; "
                    f"name=\"{name}\"\nContent-Disposition: attachment; filename=\"{name}\"\n"
                    f"Content-Transfer-Encoding: base64\n\n{payload}--{boundary}--\n")
        elif rng.random() < 0.15 and charset == "utf-8":
            boundary = f"=_a{rng.getrandbits(48):012x}"
            html = "".join(f"<p>{escape_html(p)}</p>" for p in m["text"].split("\n\n"))
            html_b64 = base64.encodebytes(
                f"<html><body>{html}</body></html>".encode("utf-8")).decode("ascii")
            mime = (f"Content-Type: multipart/alternative; boundary=\"{boundary}\"\n\n"
                    f"--{boundary}\n{body_part}\n--{boundary}\n"
                    f"Content-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: base64\n\n"
                    f"{html_b64}--{boundary}--\n")
        else:
            mime = body_part
        message = "\n".join(h) + "\n" + mime
        if "\nFrom " in message:  # mboxrd quoting, undone by the reader
            message = re.sub(r"\n(>*From )", r"\n>\1", message)
        envelope = f"From {sender.address} {time.strftime('%a %b %d %H:%M:%S %Y', time.gmtime(now))}\n"
        return (envelope + message + "\n").encode("utf-8")


def text_part(body, charset, rng):
    """Content-Type, transfer encoding and body of a text/plain part."""
    if charset == "iso-2022-jp":
        data = body.encode("iso2022_jp", errors="replace").decode("ascii")
        return ("Content-Type: text/plain; charset=ISO-2022-JP\nContent-Transfer-Encoding: 7bit\n\n"
                + data)
    if body.isascii():
        return "Content-Type: text/plain; charset=us-ascii\nContent-Transfer-Encoding: 7bit\n\n" + body
    if rng.random() < 0.5:
        data = base64.encodebytes(body.encode("utf-8")).decode("ascii")
        return "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n" + data
    return "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n" + body


def encode_header(value, charset):
    """RFC 2047 encoded-words for non-ASCII text, each a self-contained chunk."""
    if value.isascii():
        return value
    words = []
    for i in range(0, len(value), 12):
        chunk = value[i:i + 12]
        if charset == "iso-2022-jp":
            raw = chunk.encode("iso2022_jp", errors="replace")
            words.append(f"=?ISO-2022-JP?B?{base64.b64encode(raw).decode('ascii')}?=")
        else:
            words.append(f"=?UTF-8?B?{base64.b64encode(chunk.encode('utf-8')).decode('ascii')}?=")
    return "\n ".join(words)


def mailbox(person, charset):
    name = person.name
    if name.isascii():
        if re.search(r"[,.;:()<>@\"]", name):
            name = '"' + name.replace('"', "") + '"'
        return f"{name} <{person.address}>"
    return f"{encode_header(name, charset)} <{person.address}>"


def escape_html(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")


def format_date(unix, offset):
    t = time.gmtime(unix + offset)
    sign = "+" if offset >= 0 else "-"
    hh, mm = divmod(abs(offset) // 60, 60)
    return time.strftime("%a, %d %b %Y %H:%M:%S ", t) + f"{sign}{hh:02d}{mm:02d}"


def write_config(path, history):
    org = history.org
    vips = [p for p in org if p.language == "en"][:2] + [p for p in org if p.language == "ja"][:1]
    people = [p for p in org if p not in vips][:12]
    q = lambda s: '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'
    lines = ["# Generated by bench/gen_history.py for the store-scale benchmark.", "[organization]",
             "domains = [" + ", ".join(q(d) for d in history.org_domains) + "]"]
    for p, role in zip(vips, ["CEO", "CFO", "代表取締役社長"]):
        lines += ["", "[[organization.vips]]", f"name = {q(p.name)}", f"role = {q(role)}",
                  f"addresses = [{q(p.address)}]"]
    for p in people:
        lines += ["", "[[organization.people]]", f"name = {q(p.name)}",
                  f"addresses = [{q(p.address)}]"]
    lines += ["", "[partners]",
              "domains = [" + ", ".join(q(d) for d in history.partner_domains) + "]", ""]
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--messages", type=int, required=True)
    ap.add_argument("--out", required=True, help="directory for history-NNNNN.mbox")
    ap.add_argument("--config", help="write a becguard TOML for this organisation here")
    ap.add_argument("--people-from", help="directory of .eml files whose people to reuse")
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--org-size", type=int, default=400)
    ap.add_argument("--counterparties", type=int, default=4000, help="external contacts")
    args = ap.parse_args()
    started = time.time()
    history = History(args)
    if args.config:
        write_config(args.config, history)
    history.run(args.out)
    print(f"gen_history: {args.messages} messages, {len(history.org)} people on "
          f"{'/'.join(history.org_domains)}, {len(history.people) - len(history.org)} other "
          f"addresses at {len(history.companies)} companies, {time.time() - started:.1f} s",
          file=sys.stderr)


if __name__ == "__main__":
    main()
