// Parser for one Received: header value ("from X (Y [1.2.3.4]) by Z with ...; date").
// Stateless; thread-safe.
#pragma once

#include <string_view>

#include "becguard/message.h"

namespace becguard::mime {

// `unfolded` is the unfolded header value; it is also stored as ReceivedHop::raw.
ReceivedHop ParseReceived(std::string_view unfolded);

}  // namespace becguard::mime
