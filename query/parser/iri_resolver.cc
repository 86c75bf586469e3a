#include "query/parser/iri_resolver.h"

#include <optional>

namespace parley::query {
namespace {

// The five components of RFC 3986 §3; nullopt: the component is absent
// (which differs from present and empty, e.g. "?" vs no query).
struct IriParts {
  std::optional<std::string_view> scheme;
  std::optional<std::string_view> authority;
  std::string_view path;
  std::optional<std::string_view> query;
  std::optional<std::string_view> fragment;
};

IriParts Split(std::string_view iri) {
  IriParts parts;
  if (HasIriScheme(iri)) {
    size_t colon = iri.find(':');
    parts.scheme = iri.substr(0, colon);
    iri.remove_prefix(colon + 1);
  }
  if (size_t hash = iri.find('#'); hash != std::string_view::npos) {
    parts.fragment = iri.substr(hash + 1);
    iri = iri.substr(0, hash);
  }
  if (size_t question = iri.find('?'); question != std::string_view::npos) {
    parts.query = iri.substr(question + 1);
    iri = iri.substr(0, question);
  }
  if (iri.substr(0, 2) == "//") {
    iri.remove_prefix(2);
    size_t slash = iri.find('/');
    parts.authority = iri.substr(0, slash);
    iri = slash == std::string_view::npos ? std::string_view() : iri.substr(slash);
  }
  parts.path = iri;
  return parts;
}

// RFC 3986 §5.2.4.
std::string RemoveDotSegments(std::string_view input) {
  std::string output;
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
      size_t last = output.rfind('/');
      output.resize(last == std::string::npos ? 0 : last);
    } else if (input == "." || input == "..") {
      input = {};
    } else {
      size_t next = input.find('/', input[0] == '/' ? 1 : 0);
      if (next == std::string_view::npos) next = input.size();
      output.append(input.substr(0, next));
      input.remove_prefix(next);
    }
  }
  return output;
}

// RFC 3986 §5.2.3.
std::string MergePaths(const IriParts& base, std::string_view reference_path) {
  if (base.authority && base.path.empty()) return "/" + std::string(reference_path);
  size_t slash = base.path.rfind('/');
  if (slash == std::string_view::npos) return std::string(reference_path);
  return std::string(base.path.substr(0, slash + 1)) + std::string(reference_path);
}

}  // namespace

bool HasIriScheme(std::string_view iri) {
  if (iri.empty() || !((iri[0] >= 'a' && iri[0] <= 'z') || (iri[0] >= 'A' && iri[0] <= 'Z'))) {
    return false;
  }
  for (char c : iri.substr(1)) {
    if (c == ':') return true;
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '+' || c == '-' || c == '.';
    if (!ok) return false;
  }
  return false;
}

std::string ResolveIriReference(std::string_view base_text, std::string_view reference) {
  IriParts ref = Split(reference);
  IriParts base = Split(base_text);
  std::optional<std::string_view> scheme, authority, query;
  std::string path;
  if (ref.scheme) {
    scheme = ref.scheme;
    authority = ref.authority;
    path = RemoveDotSegments(ref.path);
    query = ref.query;
  } else {
    scheme = base.scheme;
    if (ref.authority) {
      authority = ref.authority;
      path = RemoveDotSegments(ref.path);
      query = ref.query;
    } else {
      authority = base.authority;
      if (ref.path.empty()) {
        path = std::string(base.path);
        query = ref.query ? ref.query : base.query;
      } else {
        path = ref.path[0] == '/' ? RemoveDotSegments(ref.path)
                                  : RemoveDotSegments(MergePaths(base, ref.path));
        query = ref.query;
      }
    }
  }
  std::string out;
  if (scheme) {
    out.append(*scheme);
    out.push_back(':');
  }
  if (authority) {
    out.append("//");
    out.append(*authority);
  }
  out.append(path);
  if (query) {
    out.push_back('?');
    out.append(*query);
  }
  if (ref.fragment) {
    out.push_back('#');
    out.append(*ref.fragment);
  }
  return out;
}

}  // namespace parley::query
