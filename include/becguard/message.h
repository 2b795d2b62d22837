// ParsedMessage: the one parsed view of a mail message that every detector reads.
//
// Produced once per message by mime::Parse and immutable afterwards, so it may be read from
// several threads at once. All text is UTF-8. "Normalised" text is NFKC, case-folded, width-
// folded and whitespace-collapsed (text::Normalize) and is what lexicons and name
// comparisons run on; the original text is kept for evidence shown to people.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace becguard {

// One mailbox from an address header.
struct Address {
  std::string display_name;             // decoded (RFC 2047), unfolded, may be empty
  std::string local_part;               // as written (case kept)
  std::string domain;                   // lower-case; IDN left in the form it was written
  std::string address;                  // lower-case "local@domain", empty when unparsable
  std::string registrable_domain;       // via the Public Suffix List, lower-case, may be empty
  std::string normalized_display_name;  // text::Normalize(display_name)
};

struct Header {
  std::string name;   // as written, e.g. "Reply-To"
  std::string value;  // unfolded and RFC 2047-decoded
};

// An address-valued header other than From/To/Cc/Reply-To that detectors care about,
// e.g. Return-Receipt-To, Disposition-Notification-To, Errors-To.
struct HeaderAddress {
  std::string header;  // canonical header name
  Address address;
};

struct ReceivedHop {
  std::string from_host;  // the "from" clause host (HELO or reverse name)
  std::string from_ip;    // first IP literal in the from clause, may be empty
  std::string by_host;
  std::string raw;  // unfolded header value
};

struct Attachment {
  std::string filename;      // RFC 2231 / 2047 decoded, may be empty
  std::string content_type;  // lower-case "type/subtype"
  std::size_t size = 0;      // decoded bytes
  std::string sha256_hex;    // of the decoded content
  bool is_inline = false;
  // Extracted text of text parts (text/*, csv) and documents (PDF, DOCX, XLSX; within limits);
  // empty otherwise.
  std::string text;
};

struct Link {
  std::string href;         // as written in the HTML (or found in plain text)
  std::string anchor_text;  // visible text of the anchor, whitespace-collapsed
  std::string host;         // lower-case host of href, empty when not http(s)/mailto
};

// A remote image, for open-tracking beacon checks.
struct Image {
  std::string src;
  std::string host;  // lower-case
  int width = -1;    // -1 when not given
  int height = -1;
  bool hidden = false;  // display:none / visibility:hidden / opacity:0 / zero size via style
};

enum class DefectKind {
  kMalformedHeader,      // a header line that could not be parsed
  kBadAddress,           // an address header with an unparsable entry
  kBadEncodedWord,       // RFC 2047 word that did not decode cleanly
  kCharsetFallback,      // declared charset wrong or missing; text was recovered by guessing
  kBadTransferEncoding,  // base64/QP content with errors
  kTruncated,            // message ends inside a header or a multipart body
  kLimitMessageSize,     // the message was larger than limits.max_message_bytes
  kLimitMimeDepth,       // nested deeper than limits.max_mime_depth
  kLimitPartCount,       // more parts than limits.max_parts
  kLimitHeaderCount,     // more headers than limits.max_headers
  kLimitHeaderLength,    // a header longer than limits.max_header_bytes
  kLimitTextLength,      // body text longer than limits.max_text_bytes was cut
};

std::string_view DefectKindName(DefectKind kind);
// True for the kLimit* kinds: part of the message was not inspected.
bool IsLimitDefect(DefectKind kind);

struct Defect {
  DefectKind kind;
  std::string detail;
};

struct ParsedMessage {
  std::size_t raw_size = 0;
  std::vector<Header> headers;  // in message order

  std::vector<Address> from;
  std::optional<Address> sender;  // Sender:
  std::vector<Address> reply_to;
  std::vector<Address> to;
  std::vector<Address> cc;
  std::optional<Address> return_path;          // Return-Path: (the envelope sender as delivered)
  std::vector<HeaderAddress> notification_to;  // Return-Receipt-To, Disposition-..., Errors-To

  std::string subject;
  std::string normalized_subject;  // text::Normalize(subject)
  std::string message_id;          // without angle brackets
  std::string in_reply_to;         // first msg-id, without angle brackets
  std::vector<std::string> references;
  std::optional<std::int64_t> date_unix;  // seconds since the epoch, from Date:
  std::vector<ReceivedHop> received;      // top (newest) first

  // Body text: text/plain preferred, else HTML converted to text.
  std::string body_text;
  std::string new_text;             // body_text without recognised quoted history
  std::string quoted_text;          // the quoted history that was separated
  std::string normalized_new_text;  // text::Normalize(new_text): what lexicons scan
  bool has_html = false;

  std::vector<Attachment> attachments;
  std::vector<Link> links;
  std::vector<Image> images;
  std::vector<Defect> defects;

  // First header with this name (ASCII case-insensitive), or nullptr.
  const Header* FindHeader(std::string_view name) const;
  // The first From address, or nullptr when the message has none.
  const Address* header_from() const { return from.empty() ? nullptr : &from.front(); }
};

}  // namespace becguard
