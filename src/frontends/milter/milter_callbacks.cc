// libmilter callbacks: collect the envelope and the message, scan it on the pool with a
// deadline at end of message, and apply the MilterResponse. Every callback catches everything:
// a failure becomes the configured fail-safe answer, never a lost message.
#include <arpa/inet.h>
#include <libmilter/mfapi.h>
#include <netinet/in.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <condition_variable>
#include <cstring>
#include <mutex>

#include "frontends/milter/milter_response.h"
#include "frontends/milter/milter_service.h"
#include "frontends/milter/quarantine_dir.h"

namespace becguard::milter {
namespace {

MilterService* g_service = nullptr;

struct Session {
  SmtpEnvelope envelope;
  std::shared_ptr<MessageAssembler> message;
  bool leadspc = false;  // SMFIP_HDR_LEADSPC: header values keep their leading space
  // SMFIP_NR_* steps the MTA does not wait for: fewer round trips per message. A failure in
  // such a step is remembered and answered at end of message.
  unsigned long no_reply = 0;
  bool failed = false;
  std::string failure;
};

// The result a pool job hands back to the waiting session.
struct Job {
  std::mutex mu;
  std::condition_variable cv;
  bool done = false;
  bool ok = false;
  ScanReport report;
  MilterResponse response;
  std::string error;
  long scan_us = 0;
};

Session* GetSession(SMFICTX* ctx) {
  auto* session = static_cast<Session*>(smfi_getpriv(ctx));
  if (session == nullptr) {
    session = new Session();
    smfi_setpriv(ctx, session);
    g_service->active_sessions.fetch_add(1);
  }
  return session;
}

std::string StripAngles(const char* address) {
  std::string_view a = address == nullptr ? "" : address;
  while (!a.empty() && a.front() == ' ') a.remove_prefix(1);
  if (!a.empty() && a.front() == '<') a.remove_prefix(1);
  const std::size_t close = a.find('>');
  if (close != std::string_view::npos) a = a.substr(0, close);
  return std::string(a);
}

sfsistat Answer(SMFICTX* ctx, const MilterResponse& response) {
  switch (response.status) {
    case MilterStatus::kTempfail:
      smfi_setreply(ctx, const_cast<char*>(response.rcode.c_str()),
                    const_cast<char*>(response.xcode.c_str()),
                    const_cast<char*>(response.reply.c_str()));
      return SMFIS_TEMPFAIL;
    case MilterStatus::kReject:
      smfi_setreply(ctx, const_cast<char*>(response.rcode.c_str()),
                    const_cast<char*>(response.xcode.c_str()),
                    const_cast<char*>(response.reply.c_str()));
      return SMFIS_REJECT;
    case MilterStatus::kDiscard:
      return SMFIS_DISCARD;
    case MilterStatus::kAccept:
      return SMFIS_ACCEPT;
  }
  return SMFIS_TEMPFAIL;
}

// Fail-safe answer for a callback that cannot go on.
sfsistat FailSafe(SMFICTX* ctx, std::string_view why) {
  const auto runtime = g_service->runtime.Get();
  const MilterConfig& config = runtime->config;
  const char* queue_id = smfi_getsymval(ctx, const_cast<char*>("i"));
  MilterResponse response = Fallback(config, config.default_action, why);
  spdlog::warn("queue_id={} verdict=none action={} reason=\"{}\"",
               queue_id != nullptr ? queue_id : "-", response.actions, why);
  return Answer(ctx, response);
}

std::string Lead(const Session& session, const std::string& value) {
  return session.leadspc ? " " + value : value;
}

// Runs one non-final protocol step. Answers "continue" (or nothing, for a no-reply step); a
// failure is answered with the fail-safe now, or at end of message for a no-reply step.
template <typename Body>
sfsistat Step(SMFICTX* ctx, unsigned long no_reply_flag, const char* what, Body&& body) {
  Session* session = nullptr;
  try {
    session = GetSession(ctx);
    body(*session);
    return (session->no_reply & no_reply_flag) != 0 ? SMFIS_NOREPLY : SMFIS_CONTINUE;
  } catch (...) {
    const std::string why = std::string("internal error in ") + what;
    if (session != nullptr && (session->no_reply & no_reply_flag) != 0) {
      session->failed = true;
      session->failure = why;
      return SMFIS_NOREPLY;
    }
    try {
      return FailSafe(ctx, why);
    } catch (...) {
      return SMFIS_TEMPFAIL;
    }
  }
}

// Applies header and body changes; false when the MTA refused one.
bool ApplyChanges(SMFICTX* ctx, const Session& session, const MilterResponse& response) {
  for (const HeaderChange& change : response.changes) {
    std::string value = change.value ? Lead(session, *change.value) : "";
    if (smfi_chgheader(ctx, const_cast<char*>(change.name.c_str()), change.index,
                       change.value ? const_cast<char*>(value.c_str()) : nullptr) != MI_SUCCESS) {
      return false;
    }
  }
  for (auto it = response.insert_top.rbegin(); it != response.insert_top.rend(); ++it) {
    std::string value = Lead(session, it->value);
    if (smfi_insheader(ctx, 0, const_cast<char*>(it->name.c_str()),
                       const_cast<char*>(value.c_str())) != MI_SUCCESS) {
      return false;
    }
  }
  for (const HeaderField& field : response.append) {
    std::string value = Lead(session, field.value);
    if (smfi_addheader(ctx, const_cast<char*>(field.name.c_str()),
                       const_cast<char*>(value.c_str())) != MI_SUCCESS) {
      return false;
    }
  }
  if (response.new_body) {
    auto* bytes = reinterpret_cast<unsigned char*>(const_cast<char*>(response.new_body->data()));
    if (smfi_replacebody(ctx, bytes, static_cast<int>(response.new_body->size())) != MI_SUCCESS) {
      return false;
    }
  }
  if (response.hold_reason &&
      smfi_quarantine(ctx, const_cast<char*>(response.hold_reason->c_str())) != MI_SUCCESS) {
    return false;
  }
  return true;
}

sfsistat OnNegotiate(SMFICTX* ctx, unsigned long f0, unsigned long f1, unsigned long f2,
                     unsigned long f3, unsigned long* pf0, unsigned long* pf1, unsigned long* pf2,
                     unsigned long* pf3) {
  (void)f2;
  try {
    Session* session = GetSession(ctx);
    *pf0 = f0 & (SMFIF_ADDHDRS | SMFIF_CHGHDRS | SMFIF_CHGBODY | SMFIF_QUARANTINE);
    // Steps without a callback are not worth a round trip.
    *pf1 = f1 & (SMFIP_NOUNKNOWN | SMFIP_NODATA);
    constexpr unsigned long kNoReply = SMFIP_NR_CONN | SMFIP_NR_HELO | SMFIP_NR_MAIL |
                                       SMFIP_NR_RCPT | SMFIP_NR_HDR | SMFIP_NR_EOH | SMFIP_NR_BODY;
    session->no_reply = f1 & kNoReply;
    *pf1 |= session->no_reply;
    if (f1 & SMFIP_HDR_LEADSPC) {
      *pf1 |= SMFIP_HDR_LEADSPC;
      session->leadspc = true;
    }
    *pf2 = 0;
    *pf3 = 0;
    (void)f3;
    return SMFIS_CONTINUE;
  } catch (...) {
    return SMFIS_ALL_OPTS;
  }
}

sfsistat OnConnect(SMFICTX* ctx, char* hostname, _SOCK_ADDR* addr) {
  return Step(ctx, SMFIP_NR_CONN, "connect", [&](Session& session) {
    session.envelope.client_name = hostname != nullptr ? hostname : "";
    char buffer[INET6_ADDRSTRLEN] = {0};
    if (addr != nullptr && addr->sa_family == AF_INET) {
      inet_ntop(AF_INET, &reinterpret_cast<sockaddr_in*>(addr)->sin_addr, buffer, sizeof buffer);
    } else if (addr != nullptr && addr->sa_family == AF_INET6) {
      inet_ntop(AF_INET6, &reinterpret_cast<sockaddr_in6*>(addr)->sin6_addr, buffer, sizeof buffer);
    }
    session.envelope.client_ip = buffer;
  });
}

sfsistat OnHelo(SMFICTX* ctx, char* helo) {
  return Step(ctx, SMFIP_NR_HELO, "helo",
              [&](Session& session) { session.envelope.helo = helo != nullptr ? helo : ""; });
}

sfsistat OnEnvFrom(SMFICTX* ctx, char** argv) {
  return Step(ctx, SMFIP_NR_MAIL, "mail from", [&](Session& session) {
    session.failed = false;
    session.failure.clear();
    session.envelope.mail_from = StripAngles(argv != nullptr ? argv[0] : nullptr);
    session.envelope.rcpt_to.clear();
    session.message =
        std::make_shared<MessageAssembler>(g_service->runtime.Get()->config.max_message_bytes);
  });
}

sfsistat OnEnvRcpt(SMFICTX* ctx, char** argv) {
  return Step(ctx, SMFIP_NR_RCPT, "rcpt to", [&](Session& session) {
    session.envelope.rcpt_to.push_back(StripAngles(argv != nullptr ? argv[0] : nullptr));
  });
}

sfsistat OnHeader(SMFICTX* ctx, char* name, char* value) {
  return Step(ctx, SMFIP_NR_HDR, "header", [&](Session& session) {
    if (session.message) {
      session.message->AddHeader(name != nullptr ? name : "", value != nullptr ? value : "",
                                 session.leadspc);
    }
  });
}

sfsistat OnEndOfHeaders(SMFICTX* ctx) {
  return Step(ctx, SMFIP_NR_EOH, "end of headers", [&](Session& session) {
    if (session.message) session.message->EndOfHeaders();
  });
}

sfsistat OnBody(SMFICTX* ctx, unsigned char* chunk, size_t size) {
  return Step(ctx, SMFIP_NR_BODY, "body", [&](Session& session) {
    if (session.message) {
      session.message->AppendBody(std::string_view(reinterpret_cast<char*>(chunk), size));
    }
  });
}

sfsistat EndOfMessage(SMFICTX* ctx, Session* session) {
  const auto runtime = g_service->runtime.Get();
  const MilterConfig& config = runtime->config;
  const char* qid = smfi_getsymval(ctx, const_cast<char*>("i"));
  const std::string queue_id = qid != nullptr ? qid : "-";
  auto message = std::move(session->message);
  if (session->failed) return FailSafe(ctx, session->failure);
  if (!message) return FailSafe(ctx, "end of message without a message");
  if (message->over_limit()) {
    MilterResponse response = Fallback(config, config.oversize_action,
                                       "message of " + std::to_string(message->total_bytes()) +
                                           " bytes is over milter.max_message_bytes");
    spdlog::warn("queue_id={} verdict=none size={} action={} reason=\"{}\"", queue_id,
                 message->total_bytes(), response.actions, response.note);
    return Answer(ctx, response);
  }

  auto job = std::make_shared<Job>();
  const SmtpEnvelope envelope = session->envelope;
  const auto started = std::chrono::steady_clock::now();
  const bool queued = g_service->pool->Submit([job, runtime, message, envelope, queue_id] {
    MilterResponse response;
    ScanReport report;
    bool ok = false;
    std::string error;
    const auto begin = std::chrono::steady_clock::now();
    try {
      ParsedMessage parsed;
      auto scanned =
          runtime->engine->ScanParsed(ScanInput{message->raw(), queue_id, envelope}, parsed);
      if (scanned) {
        report = std::move(*scanned);
        response = Decide(runtime->config, runtime->engine->config().auth.authserv_id,
                          runtime->engine->config().limits, *message, parsed, report);
        ok = true;
        if (report.lesson) {
          // Learned in arrival order, one message per transaction (mail arrives one at a time).
          const std::shared_ptr<const Lesson> lessons[] = {report.lesson};
          if (auto taught = runtime->engine->Teach(lessons); !taught) {
            report.warnings.push_back("not learned: " + taught.error().ToString());
          }
        }
      } else {
        error = scanned.error().ToString();
      }
    } catch (const std::exception& e) {
      error = std::string("internal error: ") + e.what();
    } catch (...) {
      error = "internal error";
    }
    const long us = static_cast<long>(std::chrono::duration_cast<std::chrono::microseconds>(
                                          std::chrono::steady_clock::now() - begin)
                                          .count());
    std::lock_guard<std::mutex> lock(job->mu);
    job->ok = ok;
    job->report = std::move(report);
    job->response = std::move(response);
    job->error = std::move(error);
    job->scan_us = us;
    job->done = true;
    job->cv.notify_all();
  });
  if (!queued) return FailSafe(ctx, "scan queue full (milter.queue_limit)");
  std::unique_lock<std::mutex> lock(job->mu);
  if (!job->cv.wait_until(lock, started + std::chrono::milliseconds(config.scan_timeout_ms),
                          [&] { return job->done; })) {
    lock.unlock();
    return FailSafe(ctx, "scan timed out (milter.scan_timeout_ms)");
  }
  if (!job->ok) {
    lock.unlock();
    return FailSafe(ctx, job->error);
  }
  const MilterResponse response = std::move(job->response);
  const ScanReport report = std::move(job->report);
  const long scan_us = job->scan_us;
  lock.unlock();

  if (response.store_in_quarantine_dir) {
    auto stored = StoreInQuarantine(config.quarantine_dir, queue_id, envelope, response.insert_top,
                                    message->raw());
    if (!stored) return FailSafe(ctx, stored.error().ToString());
  }
  if (!ApplyChanges(ctx, *session, response)) {
    return FailSafe(ctx, "the MTA refused a header or body change");
  }
  std::string findings;
  for (const ScoredFinding& f : report.findings)
    findings += (findings.empty() ? "" : ",") + f.Name();
  g_service->messages.fetch_add(1);
  spdlog::info("queue_id={} verdict={} score={} findings={} action={} scan_us={}{}{}", queue_id,
               VerdictName(report.verdict), report.score, findings.empty() ? "-" : findings,
               response.actions, scan_us, response.note.empty() ? "" : " note=\"",
               response.note.empty() ? "" : response.note + "\"");
  return Answer(ctx, response);
}

sfsistat OnEndOfMessage(SMFICTX* ctx) {
  try {
    return EndOfMessage(ctx, GetSession(ctx));
  } catch (const std::exception& e) {
    return FailSafe(ctx, std::string("internal error: ") + e.what());
  } catch (...) {
    return FailSafe(ctx, "internal error at end of message");
  }
}

sfsistat OnAbort(SMFICTX* ctx) {
  try {
    GetSession(ctx)->message.reset();
  } catch (...) {
  }
  return SMFIS_CONTINUE;
}

sfsistat OnClose(SMFICTX* ctx) {
  auto* session = static_cast<Session*>(smfi_getpriv(ctx));
  if (session != nullptr) {
    smfi_setpriv(ctx, nullptr);
    delete session;
    g_service->active_sessions.fetch_sub(1);
  }
  return SMFIS_CONTINUE;
}

smfiDesc g_description = {
    const_cast<char*>("becguard"),
    SMFI_VERSION,
    SMFIF_ADDHDRS | SMFIF_CHGHDRS | SMFIF_CHGBODY | SMFIF_QUARANTINE,
    OnConnect,
    OnHelo,
    OnEnvFrom,
    OnEnvRcpt,
    OnHeader,
    OnEndOfHeaders,
    OnBody,
    OnEndOfMessage,
    OnAbort,
    OnClose,
    nullptr,  // unknown
    nullptr,  // data
    OnNegotiate,
};

}  // namespace

smfiDesc* MilterDescription(MilterService* service) {
  g_service = service;
  return &g_description;
}

}  // namespace becguard::milter
