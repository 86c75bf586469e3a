// MD5, SHA1, SHA256, SHA384, SHA512 (§17.4.6) through OpenSSL's libcrypto,
// and random UUIDs (§17.4.2.11, §17.4.2.12).
#pragma once

#include <string>

#include "absl/random/random.h"
#include "parley/term.h"
#include "query/expr/builtin.h"
#include "query/expr/functions.h"

namespace parley::query {

// The lower-case hex digest of the UTF-8 lexical form. REQUIRES: builtin is
// one of kMd5 .. kSha512. nullopt unless `text` is a simple or xsd:string
// literal.
ExprValue HashFunction(Builtin builtin, const Term& text);

// A version 4 (random) UUID in lower case, "xxxxxxxx-xxxx-4xxx-yxxx-…",
// drawn from `random` so one source of randomness serves the whole query.
std::string RandomUuid(absl::BitGen& random);

}  // namespace parley::query
