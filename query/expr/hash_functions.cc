#include "query/expr/hash_functions.h"

#include <openssl/evp.h>

#include <cstdint>

#include "query/expr/string_functions.h"

namespace parley::query {
namespace {

constexpr char kHexDigits[] = "0123456789abcdef";

const EVP_MD* DigestOf(Builtin builtin) {
  switch (builtin) {
    case Builtin::kMd5:
      return EVP_md5();
    case Builtin::kSha1:
      return EVP_sha1();
    case Builtin::kSha256:
      return EVP_sha256();
    case Builtin::kSha384:
      return EVP_sha384();
    case Builtin::kSha512:
      return EVP_sha512();
    default:
      return nullptr;
  }
}

void AppendHex(unsigned char byte, std::string& out) {
  out.push_back(kHexDigits[byte >> 4]);
  out.push_back(kHexDigits[byte & 0xF]);
}

}  // namespace

ExprValue HashFunction(Builtin builtin, const Term& text) {
  if (!IsSimpleOrXsdString(text)) return std::nullopt;
  const EVP_MD* digest = DigestOf(builtin);
  if (digest == nullptr) return std::nullopt;
  unsigned char bytes[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(text.value().data(), text.value().size(), bytes, &length, digest, nullptr) != 1) {
    return std::nullopt;
  }
  std::string hex;
  hex.reserve(2 * length);
  for (unsigned int i = 0; i < length; ++i) AppendHex(bytes[i], hex);
  return Term::Literal(std::move(hex));
}

std::string RandomUuid(absl::BitGen& random) {
  unsigned char bytes[16];
  for (unsigned char& byte : bytes) byte = absl::Uniform<uint8_t>(random);
  bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0F) | 0x40);  // version 4
  bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3F) | 0x80);  // RFC 4122 variant
  std::string text;
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) text.push_back('-');
    AppendHex(bytes[i], text);
  }
  return text;
}

}  // namespace parley::query
