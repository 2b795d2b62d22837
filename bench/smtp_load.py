#!/usr/bin/env python3
"""Open-loop SMTP load generator for bench/milter_load.sh.

Message i is due at start + i / RATE; up to CONCURRENCY client threads take the next message,
wait until it is due, and run one whole SMTP transaction on a new connection (connect, EHLO,
MAIL, RCPT, DATA, QUIT). Latency = end of the transaction - due time, so a server that falls
behind shows up as queueing delay rather than as a lower send rate (no coordinated omission).
Prints one JSON object: sent, ok, tempfail, other, seconds, msgs_per_s, p50_ms, p90_ms, p99_ms,
max_ms. Usage: smtp_load.py PORT RCPT RATE CONCURRENCY COUNT FILE...  (files are cycled)."""
import json
import smtplib
import sys
import threading
import time


def main():
    port, rcpt = int(sys.argv[1]), sys.argv[2]
    rate, concurrency, count = float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    datas = []
    for path in sys.argv[6:]:
        with open(path, "rb") as f:
            datas.append(f.read())
    lock = threading.Lock()
    state = {"next": 0}
    latencies, codes = [0.0] * count, [0] * count
    start = time.monotonic() + 0.2

    def worker():
        while True:
            with lock:
                i = state["next"]
                if i >= count:
                    return
                state["next"] = i + 1
            due = start + i / rate
            delay = due - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            try:
                with smtplib.SMTP("127.0.0.1", port, timeout=120) as smtp:
                    smtp.sendmail("load@bench.test", [rcpt], datas[i % len(datas)])
                code = 250
            except smtplib.SMTPResponseException as e:
                code = e.smtp_code
            except smtplib.SMTPRecipientsRefused as e:
                code = list(e.recipients.values())[0][0]
            except (smtplib.SMTPException, OSError):
                code = 0
            latencies[i] = time.monotonic() - due
            codes[i] = code

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    end = time.monotonic()
    ordered = sorted(latencies)

    def pct(p):
        return round(ordered[min(len(ordered) - 1, int(p / 100.0 * len(ordered)))] * 1000, 2)

    print(json.dumps({
        "sent": count,
        "ok": codes.count(250),
        "tempfail": sum(1 for c in codes if 400 <= c < 500),
        "other": sum(1 for c in codes if c != 250 and not 400 <= c < 500),
        "seconds": round(end - start, 2),
        "msgs_per_s": round(count / (end - start), 1),
        "p50_ms": pct(50), "p90_ms": pct(90), "p99_ms": pct(99), "max_ms": pct(100),
    }))


if __name__ == "__main__":
    main()
