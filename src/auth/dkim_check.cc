#include "auth/dkim_check.h"

#include <cstring>
#include <set>
#include <string>

// dkim.h is C99 and names _Bool, which C++ calls bool.
#define _Bool bool
extern "C" {
#include <opendkim/dkim.h>
}
#undef _Bool

namespace becguard::auth {
namespace {

struct KeyContext {
  const DnsResolver* resolver;
  DnsBudget* budget;
  std::set<std::string> temp_failed;  // key names whose lookup failed temporarily
};

std::string Text(const unsigned char* s) {
  std::string out = s == nullptr ? std::string() : reinterpret_cast<const char*>(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}

std::string KeyName(DKIM_SIGINFO* sig) {
  return Text(dkim_sig_getselector(sig)) + "._domainkey." + Text(dkim_sig_getdomain(sig));
}

// libopendkim's key-lookup hook. A temporary failure is reported as "no key" so the library
// goes on with the other signatures, and remembered so the verdict says temperror.
DKIM_CBSTAT LookupKey(DKIM* dkim, DKIM_SIGINFO* sig, unsigned char* buf, size_t buflen) {
  auto* context = static_cast<KeyContext*>(dkim_get_user_context(dkim));
  if (context == nullptr || buf == nullptr || buflen == 0) return DKIM_CBSTAT_ERROR;
  const std::string name = KeyName(sig);
  const DnsAnswer answer = context->resolver->Lookup(name, DnsType::kTxt, *context->budget);
  if (answer.status == DnsAnswer::Status::kTempError) {
    context->temp_failed.insert(name);
    return DKIM_CBSTAT_NOTFOUND;
  }
  if (answer.status != DnsAnswer::Status::kOk || answer.records.empty()) {
    return DKIM_CBSTAT_NOTFOUND;
  }
  // Several TXT records at one key name is ambiguous; the first wins, as in opendkim's resolver.
  const std::string& record = answer.records.front();
  const std::size_t n = std::min(record.size(), buflen - 1);
  std::memcpy(buf, record.data(), n);
  buf[n] = '\0';
  return DKIM_CBSTAT_CONTINUE;
}

DkimVerdict Judge(DKIM_SIGINFO* sig, const KeyContext& context) {
  DkimVerdict verdict;
  verdict.domain = Text(dkim_sig_getdomain(sig));
  verdict.selector = Text(dkim_sig_getselector(sig));
  const unsigned int flags = dkim_sig_getflags(sig);
  const int body = dkim_sig_getbh(sig);
  const int error = dkim_sig_geterror(sig);
  if ((flags & DKIM_SIGFLAG_PASSED) != 0 && body == DKIM_SIGBH_MATCH) {
    verdict.result = AuthResult::kPass;
    return verdict;
  }
  if (context.temp_failed.count(KeyName(sig)) != 0) {
    verdict.result = AuthResult::kTempError;
    verdict.reason = "key lookup failed temporarily";
    return verdict;
  }
  if (body == DKIM_SIGBH_MISMATCH) {
    verdict.result = AuthResult::kFail;
    verdict.reason = "body hash did not verify";
    return verdict;
  }
  switch (error) {
    case DKIM_SIGERROR_BADSIG:
      verdict.result = AuthResult::kFail;
      verdict.reason = "signature did not verify";
      return verdict;
    case DKIM_SIGERROR_KEYFAIL:
      verdict.result = AuthResult::kTempError;
      break;
    default:
      verdict.result = AuthResult::kPermError;
      break;
  }
  const char* why = dkim_sig_geterrorstr(error);
  verdict.reason = why != nullptr ? why : "signature not verified";
  return verdict;
}

}  // namespace

DkimVerifier::DkimVerifier(const DnsResolver& resolver)
    : resolver_(resolver), lib_(dkim_init(nullptr, nullptr)) {
  if (lib_ == nullptr) return;
  dkim_set_key_lookup(lib_, &LookupKey);
}

DkimVerifier::~DkimVerifier() {
  if (lib_ != nullptr) dkim_close(lib_);
}

std::vector<DkimVerdict> DkimVerifier::Verify(std::string_view raw, DnsBudget& budget,
                                              int max_signatures) const {
  std::vector<DkimVerdict> verdicts;
  if (lib_ == nullptr) return verdicts;
  DKIM_STAT status = DKIM_STAT_OK;
  DKIM* dkim =
      dkim_verify(lib_, reinterpret_cast<const unsigned char*>("becguard"), nullptr, &status);
  if (dkim == nullptr) return verdicts;
  KeyContext context{&resolver_, &budget, {}};
  dkim_set_user_context(dkim, &context);
  // Canonical CRLF line ends: stored mail has bare LF, and libopendkim's own fix-up
  // mishandles a message that mixes both (a CRLF-folded signature on an LF message).
  std::string copy;
  copy.reserve(raw.size() + raw.size() / 32);
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '\n' && (i == 0 || raw[i - 1] != '\r')) copy += '\r';
    copy += raw[i];
  }
  status = dkim_chunk(dkim, reinterpret_cast<unsigned char*>(copy.data()), copy.size());
  if (status == DKIM_STAT_OK) status = dkim_chunk(dkim, nullptr, 0);
  if (status == DKIM_STAT_OK) status = dkim_eom(dkim, nullptr);
  DKIM_SIGINFO** sigs = nullptr;
  int count = 0;
  if (dkim_getsiglist(dkim, &sigs, &count) == DKIM_STAT_OK && sigs != nullptr) {
    for (int i = 0; i < count && i < max_signatures; ++i) {
      if (sigs[i] == nullptr) continue;
      verdicts.push_back(Judge(sigs[i], context));
    }
  }
  dkim_free(dkim);
  return verdicts;
}

}  // namespace becguard::auth
