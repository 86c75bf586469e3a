// libFuzzer target: DumpReader over arbitrary bytes. Any input must end in a
// status, never a crash, a sanitizer report or a broken reader contract
// (the visitor below traps on those).
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "formats/dump/dump_reader.h"

namespace {

using parley::IdQuad;
using parley::Quad;
using parley::Term;
using parley::schema::DumpFooter;
using parley::schema::DumpHeader;
using parley::schema::DumpTermView;

// Checks what DumpReader promises its visitors and reads every byte handed
// over (so ASan sees any dangling data).
class ContractVisitor : public parley::schema::DumpVisitor {
 public:
  absl::Status OnHeader(const DumpHeader& header) override {
    if (headers_++ != 0) __builtin_trap();
    sink_ += header.producer.size();
    return absl::OkStatus();
  }
  absl::Status OnTerms(uint64_t first_id, std::span<const DumpTermView> terms) override {
    if (headers_ != 1 || first_id != next_id_ || terms.empty()) __builtin_trap();
    for (const DumpTermView& t : terms) {
      if (t.kind == Term::Kind::kDefaultGraph) __builtin_trap();
      for (char c : t.value) sink_ += static_cast<unsigned char>(c);
      for (char c : t.datatype) sink_ += static_cast<unsigned char>(c);
      for (char c : t.language) sink_ += static_cast<unsigned char>(c);
      // What a loader does with each term: its dictionary key.
      key_.clear();
      t.AppendTermKey(&key_);
      sink_ += key_.size();
    }
    next_id_ += terms.size();
    return absl::OkStatus();
  }
  absl::Status OnQuads(std::span<const IdQuad> quads) override {
    if (headers_ != 1 || quads.empty()) __builtin_trap();
    for (const IdQuad& q : quads) {
      if (q.subject == 0 || q.predicate == 0 || q.object == 0) __builtin_trap();
      if (q.subject >= next_id_ || q.predicate >= next_id_ || q.object >= next_id_ ||
          q.graph >= next_id_) {
        __builtin_trap();
      }
    }
    quads_ += quads.size();
    return absl::OkStatus();
  }
  absl::Status OnQuadsWithTerms(std::span<const Quad> quads) override {
    if (headers_ != 1 || quads.empty()) __builtin_trap();
    for (const Quad& q : quads) {
      if (q.subject.is_default_graph() || q.predicate.is_default_graph() ||
          q.object.is_default_graph()) {
        __builtin_trap();
      }
      sink_ += q.object.value().size();
    }
    quads_ += quads.size();
    return absl::OkStatus();
  }
  absl::Status OnFooter(const DumpFooter& footer) override {
    if (footers_++ != 0 || footer.quad_count != quads_ || footer.term_count + 1 != next_id_) {
      __builtin_trap();
    }
    return absl::OkStatus();
  }

 private:
  int headers_ = 0;
  int footers_ = 0;
  uint64_t next_id_ = 1;
  uint64_t quads_ = 0;
  uint64_t sink_ = 0;
  std::string key_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  parley::schema::DumpReaderOptions options;
  options.max_message_bytes = 1 << 20;  // keeps each run's allocations small
  auto reader = parley::schema::DumpReader::FromBuffer(
      std::string_view(reinterpret_cast<const char*>(data), size), options);
  ContractVisitor visitor;
  reader->Read(visitor).IgnoreError();
  return 0;
}
