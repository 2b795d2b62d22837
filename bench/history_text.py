"""Message text for the synthetic history (bench/gen_history.py): subjects and bodies in English
and Japanese, written by people who each have their own habits (greeting, sign-off, sentence
length, contractions, punctuation, favourite topics and fillers, signature), so that learned
writing-style profiles differ between senders and SimHash fingerprints differ between
messages, except where real mail repeats itself (a vendor's monthly invoice)."""

import string


def pick(rng, seq):
    """rng.choice without its overhead (the generator makes millions of these)."""
    return seq[int(rng.random() * len(seq))]


def randint(rng, lo, hi):
    """rng.randint without its overhead."""
    return lo + int(rng.random() * (hi - lo + 1))


EN_TOPICS = {
    "logistics": [
        "The shipment of {qty} {product} left {place} on {weekday} and should arrive by {date}.",
        "Could you confirm the delivery address for PO {num} before we book the truck?",
        "Customs cleared the {product} this morning, so we are back on schedule.",
        "We are short {qty} units of {product}; the rest will follow on {date}.",
        "The carrier moved the pickup to {time} on {weekday}, please let the warehouse know.",
        "I attached the packing list for order {num} so you can check the quantities.",
        "Our warehouse in {place} can hold the pallets until the end of the month.",
        "The tracking page still shows the container in {place}, I will chase the forwarder.",
        "Please make sure the {product} are labelled with the new part numbers.",
        "If the {product} do not arrive by {date} we will have to split the order.",
    ],
    "meeting": [
        "Can we move our call to {weekday} at {time}?",
        "I booked the small meeting room on the {floor} floor for {weekday}.",
        "Let's go through the {project} plan when we meet on {date}.",
        "{other} will join us for the first half hour to present the figures.",
        "I will send the agenda the day before, add anything you want to discuss.",
        "The review with the {dept} team is confirmed for {time} on {date}.",
        "Sorry, I have a conflict on {weekday} morning, would the afternoon work for you?",
        "Here are my notes from today's meeting, please correct anything I missed.",
        "We agreed to revisit the {project} timeline after the {quarter} numbers are in.",
        "The dial-in details are the same as last time.",
    ],
    "finance": [
        "The {quarter} forecast for {project} is now {amount} {currency}, about {pct}% over plan.",
        "Finance needs the signed cost centre approval before {date}.",
        "I reconciled the {month} statements and found two items we could not match.",
        "The budget for {project} was cut by {pct}%, so we need to drop one workstream.",
        "Please send me the accruals for {month} by end of day {weekday}.",
        "Our auditors asked for the supporting documents for invoice {num}.",
        "Payment of {amount} {currency} was released on {date}.",
        "The exchange rate moved against us, the {currency} cost is up {pct}% since {month}.",
        "Could you check whether the credit note {num} was applied to our account?",
        "Travel expenses above {amount} {currency} now need a second approval.",
    ],
    "project": [
        "The {project} pilot in {place} went live on {date} without major issues.",
        "We are about two weeks behind on the {project} integration work.",
        "{other} found a problem with the test data, we are looking into it.",
        "The next milestone for {project} is the user acceptance test on {date}.",
        "I updated the risk log; the vendor dependency is still the biggest one.",
        "Could you review the draft specification and send comments by {weekday}?",
        "The steering committee approved the change request for {project}.",
        "We need one more developer for the {project} rollout in {quarter}.",
        "The latest build fixes the reporting bug that {other} raised.",
        "Let me know if the scope change affects your resourcing.",
    ],
    "sales": [
        "Thank you for the quote for {qty} {product}, the price looks reasonable.",
        "Could you offer a volume discount if we order {qty} units per quarter?",
        "Our customer in {place} wants to see a sample before they commit.",
        "The new price list for {product} takes effect on {date}.",
        "We won the {place} tender, the first order of {qty} {product} will follow.",
        "Please hold the current price until the end of {month}.",
        "I am attaching the updated specification sheet for the {product}.",
        "The lead time for {product} has gone up to {weeks} weeks.",
        "Can you send a revised quotation including freight to {place}?",
        "We would like to extend the framework agreement for another year.",
    ],
    "hr": [
        "Welcome {other} to the {dept} team, who starts on {date}.",
        "Please submit your holiday plans for {month} by {weekday}.",
        "The training on the new expense tool is on {date} at {time}.",
        "Remember that the office is closed on {date}.",
        "The mid-year reviews should be completed by the end of {month}.",
        "{other} is on leave next week, please contact me in the meantime.",
        "We are looking for a volunteer to organise the team lunch.",
        "The updated travel policy is on the intranet.",
    ],
    "it": [
        "The VPN will be down for maintenance on {weekday} from {time}.",
        "Please do not share your password with anyone, including IT.",
        "Your new laptop is ready for pickup at the service desk on the {floor} floor.",
        "The file share for {project} has moved, the old path will stop working on {date}.",
        "We are rolling out the new phone system in {place} next month.",
        "If you see the login error again, send me a screenshot.",
    ],
}
EN_OPENERS = [
    "Thanks for your message.", "Following up on our call.", "Quick update on this.",
    "As discussed,", "Just a reminder:", "Good news:", "Sorry for the late reply.",
    "I hope you had a good weekend.", "Thanks for the quick turnaround.", "To close the loop,",
]
EN_CLOSERS = [
    "Let me know if you have any questions.", "Please let me know what you think.",
    "Happy to discuss.", "Thanks in advance.", "I will keep you posted.",
    "Talk soon.", "Call me if anything is unclear.", "Looking forward to your reply.",
]
EN_FILLERS = ["just", "actually", "really", "basically", "certainly", "probably", "simply",
              "honestly", "quite", "definitely"]
EN_GREETINGS = ["Hi {first},", "Hello {first},", "Dear {first},", "{first},", "Hi,",
                "Good morning {first},", "Hey {first},", "Dear {title} {last},", "Hi all,",
                "{first} -"]
EN_SIGNOFFS = ["Thanks,", "Thank you,", "Best regards,", "Regards,", "Cheers,", "Best,",
               "Kind regards,", "Many thanks,", "Thx", "Rgds,", "All the best,"]
EN_CONTRACTIONS = [("I am ", "I'm "), ("we are ", "we're "), ("do not ", "don't "),
                   ("can not ", "can't "), ("will not ", "won't "), ("I will ", "I'll "),
                   ("it is ", "it's "), ("let us ", "let's "), ("have not ", "haven't ")]
BRITISH = [("organise", "organize"), ("centre", "center"), ("cheque", "check"),
           ("labelled", "labeled"), ("colour", "color")]

EN_SUBJECTS = {
    "logistics": ["Shipment {num}", "Delivery schedule", "PO {num}", "Packing list", "Freight quote",
                  "Container update", "Warehouse space", "Delivery address"],
    "meeting": ["Meeting on {weekday}", "Agenda", "Call tomorrow", "Weekly sync", "Notes from today",
                "{project} review", "Steering committee"],
    "finance": ["{quarter} forecast", "Budget", "Month-end close", "Accruals", "Credit note {num}",
                "Expense approval", "Audit request"],
    "project": ["{project} status", "{project}", "Weekly report", "Milestone", "Change request",
                "Risk log", "Test results"],
    "sales": ["Quotation", "Price list", "Quote for {product}", "Samples", "Tender {place}",
              "Order", "Framework agreement"],
    "hr": ["Holiday plans", "Training", "Welcome", "Office closure", "Team lunch", "Reviews"],
    "it": ["VPN maintenance", "New laptop", "Password", "File share", "Login problem"],
}

JA_TOPICS = {
    "logistics": [
        "{product}{qty}個は{weekday}に{place}を出荷し、{date}に到着予定です。",
        "注文番号{num}の納品先住所をご確認いただけますでしょうか。",
        "本日、{product}の通関が完了しましたので予定通り進めております。",
        "{product}が{qty}個不足しており、残りは{date}にお届けいたします。",
        "倉庫の都合により、集荷は{weekday}の{time}に変更となりました。",
        "梱包明細を添付いたしますので、数量をご確認ください。",
        "{date}までに届かない場合は分納とさせていただきます。",
        "新しい品番のラベルが貼付されていることをご確認ください。",
    ],
    "meeting": [
        "{weekday}の{time}からお打ち合わせのお時間をいただけますでしょうか。",
        "{date}の会議では{project}の計画について確認したいと考えております。",
        "当日は{other}も同席させていただきます。",
        "議題は前日までにお送りいたします。",
        "{weekday}午前は都合が悪いため、午後でご調整いただけますと幸いです。",
        "本日の議事録を送付いたしますので、ご確認をお願いいたします。",
        "次回の定例会は{date}の{time}からとなります。",
    ],
    "finance": [
        "{quarter}の見込みは{amount}円となり、計画比で{pct}%の増加です。",
        "{month}分の請求書を送付いたしますので、ご査収ください。",
        "監査法人より請求書{num}の証憑の提出を求められております。",
        "{date}付で{amount}円のお支払い手続きが完了いたしました。",
        "{month}の経費精算は{weekday}までに提出をお願いいたします。",
        "予算が{pct}%削減されたため、計画の見直しが必要です。",
        "クレジットノート{num}が反映されているかご確認いただけますか。",
    ],
    "project": [
        "{project}の試験運用を{date}に{place}で開始いたしました。",
        "{project}の結合試験は約二週間遅れております。",
        "{other}からテストデータに不備があるとの報告がありました。",
        "次のマイルストーンは{date}の受入試験です。",
        "仕様書の草案をお送りしますので、{weekday}までにご意見をいただけますと幸いです。",
        "変更依頼はステアリングコミッティで承認されました。",
        "最新版では{other}から指摘のあった帳票の不具合を修正しております。",
    ],
    "sales": [
        "{product}{qty}個のお見積りをありがとうございます。",
        "四半期ごとに{qty}個発注する場合、値引きは可能でしょうか。",
        "{place}のお客様がサンプルの提供を希望されております。",
        "{product}の新価格は{date}より適用となります。",
        "{product}の納期は{weeks}週間に延びております。",
        "{place}までの運賃を含めたお見積りを再送いただけますでしょうか。",
        "基本契約の一年延長をお願いしたく存じます。",
    ],
    "hr": [
        "{date}より{other}さんが{dept}に着任されます。",
        "{month}の休暇予定を{weekday}までにご提出ください。",
        "新しい経費システムの研修を{date}の{time}から実施します。",
        "{date}は全社休業日となりますのでご注意ください。",
    ],
}
JA_OPENERS_EXT = ["いつもお世話になっております。", "平素より大変お世話になっております。",
                  "いつも格別のお引き立てを賜り、誠にありがとうございます。"]
JA_OPENERS_INT = ["お疲れ様です。", "お疲れさまです。", "おつかれさまです。"]
JA_CLOSERS = ["よろしくお願いいたします。", "以上、よろしくお願い申し上げます。",
              "引き続きよろしくお願いします。", "ご確認のほど、よろしくお願いいたします。",
              "ご不明な点がございましたらお知らせください。"]
JA_SUBJECTS = {
    "logistics": ["出荷のご連絡（注文番号{num}）", "納期について", "納品先のご確認", "梱包明細"],
    "meeting": ["打ち合わせ日程のご相談", "定例会議事録", "{project}定例", "会議のご案内"],
    "finance": ["{month}分請求書送付のご案内", "お支払いについて", "経費精算", "予算見直し"],
    "project": ["{project}進捗報告", "週次報告", "仕様書レビューのお願い", "試験結果"],
    "sales": ["お見積りのご依頼（{product}）", "価格改定のお知らせ", "サンプルのご依頼",
              "基本契約について"],
    "hr": ["休暇予定の提出", "研修のご案内", "着任のご連絡", "休業日のお知らせ"],
}

PRODUCTS = ["steel brackets", "hydraulic valves", "circuit boards", "bearings", "cable assemblies",
            "pallet racks", "sensor modules", "gaskets", "control units", "fasteners",
            "aluminium profiles", "pump housings", "power supplies", "relays", "filters"]
JA_PRODUCTS = ["ステンレス金具", "油圧バルブ", "制御基板", "ベアリング", "ケーブル", "センサー",
               "ガスケット", "ポンプ", "電源ユニット", "フィルター", "継手", "樹脂部品"]
PLACES = ["Rotterdam", "Hamburg", "Osaka", "Nagoya", "Houston", "Felixstowe", "Antwerp",
          "Yokohama", "Singapore", "Gdansk", "Lyon", "Chicago", "Busan", "Kobe"]
JA_PLACES = ["大阪", "名古屋", "横浜", "神戸", "福岡", "仙台", "札幌", "広島", "静岡", "新潟"]
PROJECTS = ["Atlas", "Borealis", "Cobalt", "Delta", "Everest", "Falcon", "Granite", "Horizon",
            "Iris", "Juniper", "Kestrel", "Lumen", "Meridian", "Nimbus", "Orion", "Polaris"]
DEPTS = ["finance", "procurement", "sales", "logistics", "IT", "legal", "engineering", "HR"]
JA_DEPTS = ["経理部", "購買部", "営業部", "物流部", "情報システム部", "法務部", "技術部", "人事部"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
JA_WEEKDAYS = ["月曜日", "火曜日", "水曜日", "木曜日", "金曜日"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
CURRENCIES = ["EUR", "USD", "GBP", "CHF", "SEK"]


class Person:
    """Someone who writes mail: identity, language and writing habits."""

    def __init__(self, rng, address, name, language, company, internal, first=None, last=None):
        self.address = address
        self.name = name
        self.language = language
        self.company = company
        self.internal = internal
        parts = name.split()
        self.first = first or (parts[0] if parts else name)
        self.last = last or (parts[-1] if parts else name)
        # Habits: a few favourites out of each list, so two people rarely write alike.
        self.topics = rng.sample(list(EN_TOPICS), 3)
        self.greetings = rng.sample(EN_GREETINGS, 2)
        self.signoffs = rng.sample(EN_SIGNOFFS, 2)
        self.openers = rng.sample(EN_OPENERS, 3)
        self.closers = rng.sample(EN_CLOSERS, 3)
        self.fillers = rng.sample(EN_FILLERS, 3)
        self.filler_rate = pick(rng, [0.0, 0.05, 0.15, 0.3])
        self.contract = rng.random() < 0.5
        self.british = rng.random() < 0.4
        self.exclaim = pick(rng, [0.0, 0.0, 0.1, 0.3])
        self.lower_i = rng.random() < 0.05
        self.double_space = rng.random() < 0.15
        self.sentences = (randint(rng, 2, 4), randint(rng, 5, 9))
        self.paragraph = randint(rng, 2, 4)
        self.sign_name = pick(rng, ["first", "full", "initials", "first"])
        self.signature = rng.random() < 0.6
        self.phone = f"+{pick(rng, [1, 44, 49, 31, 81])} {randint(rng, 20, 99)} {randint(rng, 1000, 9999)} {randint(rng, 1000, 9999)}"
        self.title = pick(rng, ["Manager", "Senior Buyer", "Account Manager", "Controller",
                                 "Project Lead", "Analyst", "Director", "Coordinator"])
        # Japanese habits.
        self.ja_opener = pick(rng, JA_OPENERS_INT if internal else JA_OPENERS_EXT)
        self.ja_closers = rng.sample(JA_CLOSERS, 2)
        self.ja_fullwidth_paren = rng.random() < 0.6
        self.ja_honorific = pick(rng, ["様", "様", "さん"]) if internal else "様"
        self.ja_dept = pick(rng, JA_DEPTS)


# Slot name -> value maker (rng, ja); only the slots a template names are drawn.
_SLOTS = {
    "qty": lambda r, ja: pick(r, (12, 24, 40, 50, 100, 120, 200, 250, 500, 1000, 1200, 3000)),
    "num": lambda r, ja: str(randint(r, 100000, 999999)),
    "amount": lambda r, ja: f"{randint(r, 1, 900) * (10000 if ja else 1000):,}",
    "currency": lambda r, ja: pick(r, CURRENCIES),
    "pct": lambda r, ja: randint(r, 2, 35),
    "weeks": lambda r, ja: randint(r, 3, 16),
    "quarter": lambda r, ja: f"Q{randint(r, 1, 4)}",
    "time": lambda r, ja: f"{randint(r, 9, 17)}:{pick(r, ('00', '30', '15'))}",
    "floor": lambda r, ja: pick(r, ("second", "third", "fifth", "ninth")),
    "project": lambda r, ja: pick(r, PROJECTS),
    "product": lambda r, ja: pick(r, JA_PRODUCTS if ja else PRODUCTS),
    "place": lambda r, ja: pick(r, JA_PLACES if ja else PLACES),
    "weekday": lambda r, ja: pick(r, JA_WEEKDAYS if ja else WEEKDAYS),
    "month": lambda r, ja: f"{randint(r, 1, 12)}月" if ja else pick(r, MONTHS),
    "date": lambda r, ja: (f"{randint(r, 1, 12)}月{randint(r, 1, 28)}日" if ja else
                           f"{pick(r, MONTHS)[:3]} {randint(r, 1, 28)}"),
    "dept": lambda r, ja: pick(r, JA_DEPTS if ja else DEPTS),
}
_FIELDS = {}


def _fill(rng, template, other, ja):
    """Fills the slots of one sentence template."""
    fields = _FIELDS.get(template)
    if fields is None:
        fields = _FIELDS[template] = [f for _, f, _, _ in string.Formatter().parse(template) if f]
    values = {f: other if f == "other" else _SLOTS[f](rng, ja) for f in fields}
    return template.format(**values)


def subject(rng, topic, language):
    ja = language == "ja"
    bank = JA_SUBJECTS if ja else EN_SUBJECTS
    topic = topic if topic in bank else pick(rng, list(bank))
    return _fill(rng, pick(rng, bank[topic]), "", ja)


def pick_topic(rng, person):
    return pick(rng, person.topics) if rng.random() < 0.8 else pick(rng, list(EN_TOPICS))


def _templates(rng, bank, topic, favourites, count):
    """count sentence templates, mostly on the topic, none twice in one message."""
    chosen = []
    for _ in range(count):
        t = topic if rng.random() < 0.75 else pick(rng, favourites)
        pool = [x for x in bank[t] if x not in chosen]
        if pool:
            chosen.append(pick(rng, pool))
    return chosen


def _en_sentence(rng, p, template, other):
    s = _fill(rng, template, other, False)
    if p.filler_rate and rng.random() < p.filler_rate:
        words = s.split(" ")
        i = rng.randrange(1, max(2, len(words)))
        words.insert(i, pick(rng, p.fillers))
        s = " ".join(words)
    if p.exclaim and s.endswith(".") and rng.random() < p.exclaim:
        s = s[:-1] + "!"
    return s


def _en_polish(p, text):
    if p.contract:
        for long, short in EN_CONTRACTIONS:
            text = text.replace(long, short)
    if not p.british:
        for uk, us in BRITISH:
            text = text.replace(uk, us)
    if p.lower_i:
        text = text.replace("I ", "i ").replace("I'", "i'")
    if p.double_space:
        text = text.replace(". ", ".  ")
    return text


def en_body(rng, p, recipient, topic, others):
    """New text of an English message from p to recipient (a Person or None for a group)."""
    first = recipient.first if recipient else "all"
    last = recipient.last if recipient else "all"
    lines = [pick(rng, p.greetings).format(first=first, last=last,
                                             title=pick(rng, ["Mr.", "Ms."])), ""]
    count = randint(rng, *p.sentences)
    sentences = [pick(rng, p.openers)] if rng.random() < 0.5 else []
    for template in _templates(rng, EN_TOPICS, topic, p.topics, count):
        sentences.append(_en_sentence(rng, p, template, pick(rng, others)))
    if rng.random() < 0.7:
        sentences.append(pick(rng, p.closers))
    for i in range(0, len(sentences), p.paragraph):
        lines.append(" ".join(sentences[i:i + p.paragraph]))
        lines.append("")
    lines.append(pick(rng, p.signoffs))
    if p.sign_name == "first":
        lines.append(p.first)
    elif p.sign_name == "full":
        lines.append(p.name)
    else:
        lines.append("".join(w[0] for w in p.name.split() if w))
    if p.signature:
        lines += ["", "--", p.name, f"{p.title}, {p.company}", f"Tel. {p.phone}"]
    return _en_polish(p, "\n".join(lines)) + "\n"


def ja_body(rng, p, recipient, topic, others):
    """New text of a Japanese message (keigo to outsiders, plainer inside the company)."""
    to_name = (recipient.last + p.ja_honorific) if recipient else "各位"
    lines = [to_name, ""]
    intro = p.ja_opener
    if not p.internal or (recipient and not recipient.internal):
        intro += f"\n{p.company}の{p.last}です。"
    else:
        intro += f"{p.last}です。"
    lines += [intro, ""]
    topic = topic if topic in JA_TOPICS else pick(rng, list(JA_TOPICS))
    count = randint(rng, *p.sentences)
    para = []
    for template in _templates(rng, JA_TOPICS, topic, list(JA_TOPICS), count):
        para.append(_fill(rng, template, pick(rng, others), True))
        if len(para) == p.paragraph:
            lines.append("".join(para))
            para = []
    if para:
        lines.append("".join(para))
    lines += ["", pick(rng, p.ja_closers)]
    if p.signature:
        lines += ["", "――――――――――――――――", p.company, p.ja_dept, p.name, f"TEL：{p.phone}"]
    text = "\n".join(lines) + "\n"
    if not p.ja_fullwidth_paren:
        text = text.replace("（", "(").replace("）", ")")
    return text


def body(rng, p, recipient, topic, others, language):
    if language == "ja":
        return ja_body(rng, p, recipient, topic, others)
    return en_body(rng, p, recipient, topic, others)


def quote(previous_text, author_name, author_address, date_text, language, max_lines=12):
    """Quoted history under a reply, as mail clients write it."""
    lines = [line for line in previous_text.split("\n")][:max_lines]
    header = (f"{date_text} {author_name} <{author_address}>:" if language == "ja" else
              f"On {date_text}, {author_name} <{author_address}> wrote:")
    return header + "\n" + "\n".join("> " + line if line else ">" for line in lines) + "\n"


EN_INVOICE_SUBJECTS = ["Invoice {inv}", "Invoice {inv} from {company}", "{company} invoice {inv}",
                       "Your invoice {inv}", "Invoice {inv} - {month}", "Payment due: invoice {inv}"]
JA_INVOICE_SUBJECTS = ["{month}月分請求書送付のご案内", "請求書送付のご案内（{inv}）",
                       "【{company}】請求書のご送付", "ご請求書（{month}月分）"]


def invoice_subject(rng, vendor_person, invoice_no, month):
    ja = vendor_person.language == "ja"
    template = pick(rng, JA_INVOICE_SUBJECTS if ja else EN_INVOICE_SUBJECTS)
    return template.format(inv=invoice_no, company=vendor_person.company,
                           month=month if ja else MONTHS[month - 1])


def invoice_body(rng, p, recipient, invoice_no, month, payment_block):
    """A vendor's recurring invoice: mostly the same words every month, new numbers, and the
    vendor's bank details (what payment_changed learns as 'on file')."""
    if p.language == "ja":
        to_name = recipient.last + "様" if recipient else "ご担当者様"
        amount = f"{randint(rng, 5, 900) * 1000:,}"
        lines = [f"{recipient.company if recipient else ''}", to_name, "",
                 "いつもお世話になっております。", f"{p.company}の{p.last}です。", "",
                 f"{month}月分のご請求書（請求書番号：{invoice_no}）をお送りいたします。",
                 f"ご請求金額は{amount}円（税込）、お支払期限は{month % 12 + 1}月末日です。", "",
                 payment_block, "ご査収のほど、よろしくお願いいたします。"]
    else:
        amount = f"{randint(rng, 5, 900) * 100:,}.{randint(rng, 0, 99):02d}"
        lines = [pick(rng, p.greetings).format(first=recipient.first if recipient else "team",
                                                last=recipient.last if recipient else "team",
                                                title="Ms."), "",
                 f"Please find our invoice {invoice_no} for {MONTHS[month - 1]} attached, "
                 f"amount {amount} {pick(rng, CURRENCIES)}, due in 30 days.",
                 "Payment can be made to our usual account:", "", payment_block,
                 "Please quote the invoice number with your payment.", "",
                 pick(rng, p.signoffs), p.name, p.company]
    text = "\n".join(lines) + "\n"
    return text if p.language == "ja" else _en_polish(p, text)


def bank_change_body(rng, p, recipient, payment_block):
    """A genuine (announced, then used) change of bank details by a vendor."""
    if p.language == "ja":
        lines = [(recipient.last + "様") if recipient else "ご担当者様", "",
                 "いつもお世話になっております。", f"{p.company}の{p.last}です。", "",
                 "このたび、弊社の振込先口座を下記の通り変更いたしましたのでお知らせいたします。",
                 "次回のお支払いより、新しい口座へのお振込みをお願いいたします。", "", payment_block,
                 "お手数をおかけいたしますが、よろしくお願いいたします。"]
    else:
        lines = [pick(rng, p.greetings).format(first=recipient.first if recipient else "team",
                                                last=recipient.last if recipient else "team",
                                                title="Ms."), "",
                 "Following our move to a new bank, our account details have changed.",
                 "Please update your records and use the new account for all future payments:", "",
                 payment_block, "The letter from our finance director is attached for your files.",
                 "", pick(rng, p.signoffs), p.name, p.company]
    return "\n".join(lines) + "\n"
