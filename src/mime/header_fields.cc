#include "mime/header_fields.h"

#include <gmime/gmime.h>

#include <algorithm>
#include <string>

#include "core/ascii.h"
#include "mime/address_parser.h"
#include "mime/received.h"
#include "mime/rfc2047.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace becguard::mime {
namespace {

enum class Field {
  kOther,
  kFrom,
  kSender,
  kReplyTo,
  kTo,
  kCc,
  kReturnPath,
  kNotification,
  kSubject,
  kMessageId,
  kInReplyTo,
  kReferences,
  kDate,
  kReceived,
};

struct FieldName {
  std::string_view name;
  Field field;
};

constexpr FieldName kFields[] = {
    {"From", Field::kFrom},
    {"Sender", Field::kSender},
    {"Reply-To", Field::kReplyTo},
    {"To", Field::kTo},
    {"Cc", Field::kCc},
    {"Return-Path", Field::kReturnPath},
    {"Return-Receipt-To", Field::kNotification},
    {"Disposition-Notification-To", Field::kNotification},
    {"Errors-To", Field::kNotification},
    {"Subject", Field::kSubject},
    {"Message-ID", Field::kMessageId},
    {"In-Reply-To", Field::kInReplyTo},
    {"References", Field::kReferences},
    {"Date", Field::kDate},
    {"Received", Field::kReceived},
};

const FieldName* Classify(std::string_view name) {
  for (const FieldName& f : kFields) {
    if (EqualsIgnoreCase(f.name, name)) return &f;
  }
  return nullptr;
}

std::string Shorten(std::string_view s) {
  return std::string(s.substr(0, text::Utf8SafePrefixLength(s, 80)));
}

void AddressDefects(std::string_view header, std::string_view value, const AddressList& list,
                    DefectSink* defects) {
  if (list.bad_entries > 0) {
    defects->Add(DefectKind::kBadAddress,
                 std::string(header) + ": " + text::SanitizeUtf8(Shorten(value)));
  }
  if (list.flags.bad_encoded_word) {
    defects->Add(DefectKind::kBadEncodedWord, std::string(header) + " display name");
  }
  if (list.flags.charset_fallback) {
    defects->Add(DefectKind::kCharsetFallback, std::string(header) + " display name");
  }
}

}  // namespace

std::vector<std::string> ParseMsgIds(std::string_view value) {
  std::vector<std::string> ids;
  std::size_t pos = 0;
  while ((pos = value.find('<', pos)) != std::string_view::npos) {
    const std::size_t close = value.find('>', pos + 1);
    if (close == std::string_view::npos) break;
    std::string id;
    for (char c : value.substr(pos + 1, close - pos - 1)) {
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n') id.push_back(c);
    }
    if (!id.empty()) ids.push_back(std::move(id));
    pos = close + 1;
  }
  if (!ids.empty()) return ids;
  // No brackets: whitespace-separated tokens (seen from broken mailers).
  std::size_t i = 0;
  while (i < value.size()) {
    while (i < value.size() && (value[i] == ' ' || value[i] == '\t' || value[i] == ',')) ++i;
    const std::size_t b = i;
    while (i < value.size() && value[i] != ' ' && value[i] != '\t' && value[i] != ',') ++i;
    if (i > b) ids.emplace_back(value.substr(b, i - b));
  }
  return ids;
}

bool ParseDate(const std::string& value, std::int64_t* unix_seconds) {
  if (value.empty()) return false;
  GDateTime* dt = g_mime_utils_header_decode_date(value.c_str());
  if (dt == nullptr) return false;
  *unix_seconds = g_date_time_to_unix(dt);
  g_date_time_unref(dt);
  return true;
}

void ApplyHeaders(const std::vector<RawHeader>& raw, const Limits& limits, ParsedMessage* msg,
                  DefectSink* defects) {
  const std::size_t max_headers =
      limits.max_headers < 0 ? 0 : static_cast<std::size_t>(limits.max_headers);
  if (raw.size() > max_headers) {
    defects->Add(DefectKind::kLimitHeaderCount, "more than " + std::to_string(max_headers) +
                                                    " headers; only the first " +
                                                    std::to_string(max_headers) + " were read");
  }
  const std::size_t n = std::min(raw.size(), max_headers);
  msg->headers.reserve(n);
  bool have_from = false, have_subject = false, have_id = false, have_reply_id = false,
       have_date = false, have_refs = false;
  for (std::size_t i = 0; i < n; ++i) {
    const RawHeader& h = raw[i];
    std::string unfolded = Unfold(h.raw_value);
    if (unfolded.size() > limits.max_header_bytes) {
      defects->Add(DefectKind::kLimitHeaderLength,
                   text::SanitizeUtf8(Shorten(h.name)) + ": " + std::to_string(unfolded.size()) +
                       " bytes cut to " + std::to_string(limits.max_header_bytes));
      unfolded.resize(limits.max_header_bytes);
    }
    HeaderTextFlags flags;
    Header header;
    header.name = text::SanitizeUtf8(h.name);
    header.value = DecodeEncodedWords(unfolded, &flags);
    const FieldName* f = Classify(h.name);
    const Field field = f == nullptr ? Field::kOther : f->field;
    if (field == Field::kSubject || field == Field::kOther) {
      if (flags.bad_encoded_word) defects->Add(DefectKind::kBadEncodedWord, header.name);
      if (flags.charset_fallback) defects->Add(DefectKind::kCharsetFallback, header.name);
    }
    switch (field) {
      case Field::kOther:
        break;
      case Field::kFrom: {
        AddressList list = ParseAddressList(unfolded);
        AddressDefects("From", unfolded, list, defects);
        if (!have_from) {
          msg->from = std::move(list.addresses);
          have_from = true;
        } else {
          defects->Add(DefectKind::kMalformedHeader, "more than one From header");
        }
        break;
      }
      case Field::kSender: {
        AddressList list = ParseAddressList(unfolded);
        AddressDefects("Sender", unfolded, list, defects);
        if (!msg->sender && !list.addresses.empty()) msg->sender = std::move(list.addresses[0]);
        break;
      }
      case Field::kReplyTo:
      case Field::kTo:
      case Field::kCc: {
        AddressList list = ParseAddressList(unfolded);
        AddressDefects(f->name, unfolded, list, defects);
        std::vector<Address>& dst = field == Field::kReplyTo ? msg->reply_to
                                    : field == Field::kTo    ? msg->to
                                                             : msg->cc;
        for (Address& a : list.addresses) dst.push_back(std::move(a));
        break;
      }
      case Field::kReturnPath: {
        AddressList list = ParseAddressList(unfolded);
        if (!msg->return_path) {
          for (Address& a : list.addresses) {
            if (!a.address.empty()) {
              msg->return_path = std::move(a);
              break;
            }
          }
        }
        break;
      }
      case Field::kNotification: {
        AddressList list = ParseAddressList(unfolded);
        AddressDefects(f->name, unfolded, list, defects);
        for (Address& a : list.addresses) {
          msg->notification_to.push_back(HeaderAddress{std::string(f->name), std::move(a)});
        }
        break;
      }
      case Field::kSubject:
        if (!have_subject) {
          msg->subject = header.value;
          have_subject = true;
        }
        break;
      case Field::kMessageId:
        if (!have_id) {
          auto ids = ParseMsgIds(unfolded);
          if (!ids.empty()) msg->message_id = text::SanitizeUtf8(ids.front());
          have_id = true;
        }
        break;
      case Field::kInReplyTo:
        if (!have_reply_id) {
          auto ids = ParseMsgIds(unfolded);
          if (!ids.empty()) msg->in_reply_to = text::SanitizeUtf8(ids.front());
          have_reply_id = true;
        }
        break;
      case Field::kReferences:
        if (!have_refs) {
          for (std::string& id : ParseMsgIds(unfolded)) {
            msg->references.push_back(text::SanitizeUtf8(id));
          }
          have_refs = true;
        }
        break;
      case Field::kDate:
        if (!have_date) {
          std::int64_t t = 0;
          if (ParseDate(unfolded, &t)) {
            msg->date_unix = t;
          } else {
            defects->Add(DefectKind::kMalformedHeader, "unparsable Date");
          }
          have_date = true;
        }
        break;
      case Field::kReceived: {
        ReceivedHop hop = ParseReceived(header.value);
        msg->received.push_back(std::move(hop));
        break;
      }
    }
    msg->headers.push_back(std::move(header));
  }
}

}  // namespace becguard::mime
