#include "query/expr/iri_resolve.h"

namespace parley::query {
namespace {

// The five components of RFC 3986 §3; `has_*` tells absent from empty.
struct IriParts {
  std::string_view scheme, authority, path, query, fragment;
  bool has_scheme = false, has_authority = false, has_query = false, has_fragment = false;
};

bool IsSchemeChar(char c, bool first) {
  bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  if (first) return alpha;
  return alpha || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
}

IriParts Split(std::string_view iri) {
  IriParts parts;
  size_t colon = iri.find_first_of(":/?#");
  if (colon != std::string_view::npos && colon > 0 && iri[colon] == ':') {
    bool valid = true;
    for (size_t i = 0; i < colon; ++i) valid = valid && IsSchemeChar(iri[i], i == 0);
    if (valid) {
      parts.has_scheme = true;
      parts.scheme = iri.substr(0, colon);
      iri.remove_prefix(colon + 1);
    }
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
  if (iri.starts_with("//")) {
    parts.has_authority = true;
    size_t slash = iri.find('/', 2);
    if (slash == std::string_view::npos) slash = iri.size();
    parts.authority = iri.substr(2, slash - 2);
    iri = iri.substr(slash);
  }
  parts.path = iri;
  return parts;
}

// RFC 3986 §5.2.4.
std::string RemoveDotSegments(std::string_view input) {
  std::string output;
  while (!input.empty()) {
    if (input.starts_with("../")) {
      input.remove_prefix(3);
    } else if (input.starts_with("./")) {
      input.remove_prefix(2);
    } else if (input.starts_with("/./")) {
      input.remove_prefix(2);
    } else if (input == "/.") {
      input = "/";
    } else if (input.starts_with("/../") || input == "/..") {
      input = input.size() == 3 ? std::string_view("/") : input.substr(3);
      size_t last = output.rfind('/');
      output.erase(last == std::string::npos ? 0 : last);
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
  if (base.has_authority && base.path.empty()) return "/" + std::string(reference_path);
  size_t last = base.path.rfind('/');
  if (last == std::string_view::npos) return std::string(reference_path);
  return std::string(base.path.substr(0, last + 1)) + std::string(reference_path);
}

}  // namespace

std::optional<std::string> ResolveIri(std::string_view base, std::string_view reference) {
  IriParts r = Split(reference);
  if (r.has_scheme) return std::string(reference);
  IriParts b = Split(base);
  if (!b.has_scheme) return std::nullopt;

  std::string authority, path, query;
  bool has_authority = false, has_query = false;
  if (r.has_authority) {
    has_authority = true;
    authority = r.authority;
    path = RemoveDotSegments(r.path);
    has_query = r.has_query;
    query = r.query;
  } else {
    has_authority = b.has_authority;
    authority = b.authority;
    if (r.path.empty()) {
      path = b.path;
      has_query = r.has_query || b.has_query;
      query = r.has_query ? r.query : b.query;
    } else {
      path = r.path.starts_with('/') ? RemoveDotSegments(r.path)
                                     : RemoveDotSegments(MergePaths(b, r.path));
      has_query = r.has_query;
      query = r.query;
    }
  }
  std::string result(b.scheme);
  result += ':';
  if (has_authority) result += "//" + authority;
  result += path;
  if (has_query) result += "?" + query;
  if (r.has_fragment) result += "#" + std::string(r.fragment);
  return result;
}

}  // namespace parley::query
