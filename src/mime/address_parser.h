// Lenient RFC 5322 address-list parser: mailboxes, groups, comments, quoted display names
// that themselves hold "<addr>" text or encoded words. Stateless; thread-safe.
#pragma once

#include <string_view>
#include <vector>

#include "becguard/message.h"
#include "mime/rfc2047.h"

namespace becguard::mime {

struct AddressList {
  std::vector<Address> addresses;  // unparsable entries are kept with an empty `address`
  int bad_entries = 0;
  HeaderTextFlags flags;  // from decoding display names
};

// `value` is the unfolded, still RFC 2047-encoded header value.
AddressList ParseAddressList(std::string_view value);

// Fills local_part/domain/address/registrable_domain from an addr-spec ("a@b.example").
// Returns false when it has no usable "local@domain" form.
bool FillAddrSpec(std::string_view spec, Address* out);

}  // namespace becguard::mime
