#include "rdf/iri.h"

#include <unistd.h>

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstring>

namespace parley::rdf {
namespace {

bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// The five components of RFC 3986 section 3; `has_*` tell an empty
// component ("http://h?") from an absent one ("http://h").
struct IriParts {
  std::string_view scheme;
  bool has_authority = false;
  std::string_view authority;
  std::string_view path;
  bool has_query = false;
  std::string_view query;
  bool has_fragment = false;
  std::string_view fragment;
};

IriParts Split(std::string_view iri) {
  IriParts parts;
  if (HasScheme(iri)) {
    size_t colon = iri.find(':');
    parts.scheme = iri.substr(0, colon);
    iri.remove_prefix(colon + 1);
  }
  if (size_t hash = iri.find('#'); hash != std::string_view::npos) {
    parts.has_fragment = true;
    parts.fragment = iri.substr(hash + 1);
    iri = iri.substr(0, hash);
  }
  if (size_t question = iri.find('?'); question != std::string_view::npos) {
    parts.has_query = true;
    parts.query = iri.substr(question + 1);
    iri = iri.substr(0, question);
  }
  if (iri.substr(0, 2) == "//") {
    parts.has_authority = true;
    iri.remove_prefix(2);
    size_t slash = iri.find('/');
    parts.authority = iri.substr(0, slash);
    iri = slash == std::string_view::npos ? std::string_view() : iri.substr(slash);
  }
  parts.path = iri;
  return parts;
}

// RFC 3986 section 5.2.4, appending the output to `*out`.
void AppendWithoutDotSegments(std::string_view input, std::string* out) {
  size_t start = out->size();
  while (!input.empty()) {
    if (input.substr(0, 3) == "../") {
      input.remove_prefix(3);
    } else if (input.substr(0, 2) == "./") {
      input.remove_prefix(2);
    } else if (input.substr(0, 3) == "/./") {
      input.remove_prefix(2);
    } else if (input == "/.") {
      input = "/";
    } else if (input.substr(0, 4) == "/../" || input == "/..") {
      input = input.size() == 3 ? std::string_view("/") : input.substr(3);
      size_t last = out->rfind('/');
      out->resize(last == std::string::npos || last < start ? start : last);
    } else if (input == "." || input == "..") {
      input = {};
    } else {
      size_t next = input.find('/', input[0] == '/' ? 1 : 0);
      std::string_view segment = input.substr(0, next);
      out->append(segment);
      input.remove_prefix(segment.size());
    }
  }
}

}  // namespace

bool HasScheme(std::string_view iri) {
  if (iri.empty() || !IsAlpha(iri[0])) return false;
  for (size_t i = 1; i < iri.size(); ++i) {
    char c = iri[i];
    if (c == ':') return true;
    if (!IsAlpha(c) && !IsDigit(c) && c != '+' && c != '-' && c != '.') return false;
  }
  return false;
}

void ResolveIri(std::string_view base_iri, std::string_view reference, std::string* out) {
  IriParts ref = Split(reference);
  IriParts base = Split(base_iri);
  auto append_query_fragment = [&](const IriParts& query_from) {
    if (query_from.has_query) {
      out->push_back('?');
      out->append(query_from.query);
    }
    if (ref.has_fragment) {
      out->push_back('#');
      out->append(ref.fragment);
    }
  };
  auto append_authority = [&](const IriParts& from) {
    if (from.has_authority) {
      out->append("//");
      out->append(from.authority);
    }
  };
  if (!ref.scheme.empty()) {
    out->append(ref.scheme);
    out->push_back(':');
    append_authority(ref);
    AppendWithoutDotSegments(ref.path, out);
    append_query_fragment(ref);
    return;
  }
  out->append(base.scheme);
  out->push_back(':');
  if (ref.has_authority) {
    append_authority(ref);
    AppendWithoutDotSegments(ref.path, out);
    append_query_fragment(ref);
    return;
  }
  append_authority(base);
  if (ref.path.empty()) {
    out->append(base.path);
    append_query_fragment(ref.has_query ? ref : base);
    return;
  }
  if (ref.path[0] == '/') {
    AppendWithoutDotSegments(ref.path, out);
  } else {
    // Merge (5.2.3): the base path up to its last '/', then the reference.
    std::string merged;
    if (base.has_authority && base.path.empty()) {
      merged.push_back('/');
    } else {
      size_t slash = base.path.rfind('/');
      if (slash != std::string_view::npos) merged.append(base.path.substr(0, slash + 1));
    }
    merged.append(ref.path);
    AppendWithoutDotSegments(merged, out);
  }
  append_query_fragment(ref);
}

std::string FileIri(std::string_view path) {
  std::string absolute;
  if (path.empty() || path[0] != '/') {
    std::array<char, 4096> cwd;
    if (::getcwd(cwd.data(), cwd.size()) != nullptr) absolute = cwd.data();
    if (absolute.empty() || absolute.back() != '/') absolute.push_back('/');
  }
  absolute.append(path);
  std::string iri = "file://";
  for (unsigned char c : absolute) {
    bool keep =
        IsAlpha(static_cast<char>(c)) || IsDigit(static_cast<char>(c)) ||
        std::string_view("/-._~!$&'()*+,;=:@").find(static_cast<char>(c)) != std::string_view::npos;
    if (keep) {
      iri.push_back(static_cast<char>(c));
    } else {
      char escaped[4];
      std::snprintf(escaped, sizeof(escaped), "%%%02X", c);
      iri.append(escaped, 3);
    }
  }
  return iri;
}

}  // namespace parley::rdf
