#!/usr/bin/env python3
"""Sends .eml files over SMTP, one connection per message, and prints "<file> <code> <seconds>"
per message (code of the final reply: 250, 451, 550...). Used by the milter end-to-end test and
bench/milter_load.sh. Usage: smtp_send.py PORT FROM TO FILE..."""
import smtplib
import sys
import time


def send(port, sender, rcpt, data):
    start = time.monotonic()
    try:
        with smtplib.SMTP("127.0.0.1", port, timeout=60) as smtp:
            smtp.sendmail(sender, [rcpt], data)
        code = 250
    except smtplib.SMTPResponseException as e:
        code = e.smtp_code
    except smtplib.SMTPRecipientsRefused as e:
        code = list(e.recipients.values())[0][0]
    except (smtplib.SMTPException, OSError):
        code = 0
    return code, time.monotonic() - start


def main():
    port, sender, rcpt = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    for path in sys.argv[4:]:
        with open(path, "rb") as f:
            data = f.read()
        code, seconds = send(port, sender, rcpt, data)
        print(f"{path} {code} {seconds:.6f}", flush=True)


if __name__ == "__main__":
    main()
