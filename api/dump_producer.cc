// parley::DumpProducer: the public face of schema::DumpWriter's
// id-assigning path (DumpWriter::Add).
#include <utility>

#include "engine/status_macros.h"
#include "formats/dump/dump_writer.h"
#include "parley/dump.h"

namespace parley {
namespace {

schema::DumpWriterOptions WriterOptions(const DumpProducerOptions& options) {
  schema::DumpWriterOptions writer_options;
  writer_options.zstd = options.zstd;
  writer_options.zstd_level = options.zstd_level;
  writer_options.packed = options.packed;
  writer_options.producer = options.producer;
  return writer_options;
}

}  // namespace

class DumpProducer::Impl {
 public:
  explicit Impl(std::unique_ptr<schema::DumpWriter> writer) : writer_(std::move(writer)) {}
  schema::DumpWriter& writer() { return *writer_; }

 private:
  std::unique_ptr<schema::DumpWriter> writer_;
};

DumpProducer::DumpProducer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
DumpProducer::~DumpProducer() = default;

absl::StatusOr<std::unique_ptr<DumpProducer>> DumpProducer::Create(
    const std::string& path, const DumpProducerOptions& options) {
  PARLEY_ASSIGN_OR_RETURN(std::unique_ptr<schema::DumpWriter> writer,
                          schema::DumpWriter::Create(path, WriterOptions(options)));
  return std::unique_ptr<DumpProducer>(new DumpProducer(std::make_unique<Impl>(std::move(writer))));
}

absl::StatusOr<std::unique_ptr<DumpProducer>> DumpProducer::CreateForFd(
    int fd, const DumpProducerOptions& options) {
  PARLEY_ASSIGN_OR_RETURN(std::unique_ptr<schema::DumpWriter> writer,
                          schema::DumpWriter::CreateForFd(fd, WriterOptions(options)));
  return std::unique_ptr<DumpProducer>(new DumpProducer(std::make_unique<Impl>(std::move(writer))));
}

absl::Status DumpProducer::Add(const Quad& quad) { return impl_->writer().Add(quad); }

absl::StatusOr<uint64_t> DumpProducer::Finish() {
  PARLEY_ASSIGN_OR_RETURN(schema::DumpFooter footer, impl_->writer().Finish());
  return footer.quad_count;
}

}  // namespace parley
