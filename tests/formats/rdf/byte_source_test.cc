// ByteSource: plain, gzip and zstd input by name and by magic bytes,
// multi-member / multi-frame streams, truncation, progress counters.
#include <sys/mman.h>
#include <zlib.h>
#include <zstd.h>

#include <cstdio>
#include <cstring>
#include <string>

#include "formats/rdf/byte_sink.h"
#include "formats/rdf/byte_source.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/rdf_support.h"

namespace parley::engine::io {
namespace {

using ::testing::HasSubstr;

std::string Sample(size_t size) {
  std::string s;
  for (size_t i = 0; s.size() < size; ++i) s += "line " + std::to_string(i * 7919 % 1000003) + "\n";
  s.resize(size);
  return s;
}

// Reference encoders (zlib's gz* API, zstd's one-shot API), independent of
// ByteSink.
std::string Gzip(const std::string& data) {
  z_stream z{};
  deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, data.size()) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::string Zstd(const std::string& data) {
  std::string out(ZSTD_compressBound(data.size()), '\0');
  size_t n = ZSTD_compress(out.data(), out.size(), data.data(), data.size(), 3);
  EXPECT_FALSE(ZSTD_isError(n));
  out.resize(n);
  return out;
}

void WriteFile(const std::string& path, const std::string& data) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  std::fwrite(data.data(), 1, data.size(), f);
  std::fclose(f);
}

// Everything `source` yields, read `chunk` bytes at a time.
absl::StatusOr<std::string> Drain(ByteSource& source, size_t chunk = 4096) {
  std::string out, buffer(chunk, '\0');
  while (true) {
    auto n = source.Read(buffer.data(), buffer.size());
    if (!n.ok()) return n.status();
    if (*n == 0) return out;
    out.append(buffer.data(), *n);
  }
}

TEST(ByteSourceTest, PlainFileWithProgress) {
  testing::TempDir dir;
  std::string data = Sample(3 << 20);
  WriteFile(dir.File("a.nt"), data);
  auto source = ByteSource::Open(dir.File("a.nt"));
  ASSERT_TRUE(source.ok()) << source.status();
  EXPECT_EQ((*source)->compression(), Compression::kNone);
  EXPECT_EQ((*source)->total_bytes(), data.size());
  EXPECT_TRUE((*source)->is_file());
  char first[10];
  ASSERT_EQ(*(*source)->Read(first, sizeof(first)), sizeof(first));
  EXPECT_EQ((*source)->bytes_consumed(), 10u);
  auto rest = Drain(**source);
  ASSERT_TRUE(rest.ok());
  EXPECT_EQ(std::string(first, 10) + *rest, data);
  EXPECT_EQ((*source)->bytes_consumed(), data.size());
}

TEST(ByteSourceTest, GzipAndZstdByExtensionAndByMagic) {
  testing::TempDir dir;
  std::string data = Sample(5 << 20);
  std::string gz = Gzip(data), zst = Zstd(data);
  WriteFile(dir.File("a.nt.gz"), gz);
  WriteFile(dir.File("a.nt.zst"), zst);
  WriteFile(dir.File("gzip-inside.nt"), gz);  // compressed under a plain name
  for (auto [name, compression, size] :
       {std::tuple{"a.nt.gz", Compression::kGzip, gz.size()},
        std::tuple{"a.nt.zst", Compression::kZstd, zst.size()},
        std::tuple{"gzip-inside.nt", Compression::kGzip, gz.size()}}) {
    auto source = ByteSource::Open(dir.File(name));
    ASSERT_TRUE(source.ok()) << source.status();
    EXPECT_EQ((*source)->compression(), compression) << name;
    for (size_t chunk : {size_t{1} << 16, size_t{7}}) {
      if (chunk == 7) {
        source = ByteSource::Open(dir.File(name));
        ASSERT_TRUE(source.ok());
        std::string head(7, '\0');
        ASSERT_EQ(*(*source)->Read(head.data(), 7), 7u);
        EXPECT_EQ(head, data.substr(0, 7));
        continue;
      }
      auto out = Drain(**source, chunk);
      ASSERT_TRUE(out.ok()) << out.status();
      EXPECT_EQ(*out, data) << name;
      EXPECT_EQ((*source)->bytes_consumed(), size) << name;
      EXPECT_EQ((*source)->total_bytes(), size) << name;
    }
  }
}

TEST(ByteSourceTest, MultiMemberGzipAndMultiFrameZstd) {
  std::string a = Sample(100000), b = Sample(300000) + "end";
  auto gz = ByteSource::FromString(Gzip(a) + Gzip(b), "cat.gz");
  auto out = Drain(*gz);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(*out, a + b);
  auto zst = ByteSource::FromString(Zstd(a) + Zstd(b), "cat.zst");
  out = Drain(*zst);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(*out, a + b);
}

TEST(ByteSourceTest, TruncatedAndCorruptDataAreErrors) {
  std::string data = Sample(200000);
  std::string gz = Gzip(data), zst = Zstd(data);
  for (const std::string& broken :
       {gz.substr(0, gz.size() / 2), zst.substr(0, zst.size() / 2), gz.substr(0, gz.size() - 4)}) {
    auto source = ByteSource::FromString(broken, "broken");
    auto out = Drain(*source);
    ASSERT_FALSE(out.ok());
    EXPECT_EQ(out.status().code(), absl::StatusCode::kDataLoss) << out.status();
    EXPECT_THAT(std::string(out.status().message()), HasSubstr("broken"));
  }
  std::string corrupt = gz;
  for (size_t i = 20; i < 60; ++i) corrupt[i] ^= 0x55;
  auto source = ByteSource::FromString(corrupt, "corrupt");
  EXPECT_EQ(Drain(*source).status().code(), absl::StatusCode::kDataLoss);
}

TEST(ByteSourceTest, NameAndContentMustAgree) {
  testing::TempDir dir;
  WriteFile(dir.File("plain.nt.gz"), "<a> <b> <c> .\n");
  auto source = ByteSource::Open(dir.File("plain.nt.gz"));
  ASSERT_FALSE(source.ok());
  EXPECT_EQ(source.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(source.status().message()), HasSubstr("plain.nt.gz"));
  WriteFile(dir.File("gz.nt.zst"), Gzip("x"));
  EXPECT_FALSE(ByteSource::Open(dir.File("gz.nt.zst")).ok());
}

TEST(ByteSourceTest, FileSystemErrorsNameTheFile) {
  auto missing = ByteSource::Open("/nonexistent/dir/file.nt");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(std::string(missing.status().message()), HasSubstr("/nonexistent/dir/file.nt"));
  testing::TempDir dir;
  auto directory = ByteSource::Open(dir.File(""));
  EXPECT_FALSE(directory.ok());
}

TEST(ByteSourceTest, ShortAndEmptyInputs) {
  for (std::string data :
       {std::string(), std::string("a"), std::string("\x1f"), std::string("\x28\xb5\x2f")}) {
    auto source = ByteSource::FromString(data, "short");
    auto out = Drain(*source);
    ASSERT_TRUE(out.ok()) << out.status();
    EXPECT_EQ(*out, data);
    EXPECT_FALSE(source->is_file());
  }
}

// Address space of more than 1 GiB whose pages are committed only when
// written: the size the reader's line buffer reaches after a 512 MiB line.
class HugeBuffer {
 public:
  explicit HugeBuffer(size_t size) : size_(size) {
    void* p = ::mmap(nullptr, size, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    data_ = p == MAP_FAILED ? nullptr : static_cast<char*>(p);
  }
  ~HugeBuffer() {
    if (data_ != nullptr) ::munmap(data_, size_);
  }
  char* data() const { return data_; }
  size_t size() const { return size_; }

 private:
  char* data_;
  size_t size_;
};

TEST(ByteSourceTest, ReadsLargerThanOneGibReportExactlyTheBytesProduced) {
  // zlib takes at most 4 GiB of output per call, so a gzip read is capped;
  // the count returned must be the bytes written, not the request (it once
  // was the request minus the cap's unused part, passing up to 1,023 stale
  // bytes of the caller's buffer off as data).
  HugeBuffer buffer((size_t{1} << 30) + 4096);
  if (buffer.data() == nullptr) GTEST_SKIP() << "cannot reserve 1 GiB of address space";
  constexpr size_t kStale = 1 << 20;  // what a previous long line left there
  std::string a = Sample(300000), b = Sample(70000) + "end";
  const std::string plain = a + b;
  for (const std::string& input : {plain, Gzip(plain), Gzip(a) + Gzip(b), Zstd(plain)}) {
    auto source = ByteSource::FromString(input, "huge-read");
    std::string out;
    for (int reads = 0; reads < 100; ++reads) {
      std::memset(buffer.data(), '!', kStale);
      auto n = source->Read(buffer.data(), buffer.size());
      ASSERT_TRUE(n.ok()) << n.status();
      if (*n == 0) break;
      ASSERT_LE(*n, plain.size() - out.size()) << CompressionName(source->compression());
      out.append(buffer.data(), *n);
    }
    EXPECT_EQ(out, plain) << CompressionName(source->compression());
  }
}

TEST(ByteSinkTest, CompressedOutputReadsBack) {
  testing::TempDir dir;
  std::string data = Sample(3 << 20);
  for (std::string name : {"out.nt", "out.nt.gz", "out.nt.zst"}) {
    auto sink = ByteSink::Open(dir.File(name));
    ASSERT_TRUE(sink.ok()) << sink.status();
    // Pieces both smaller and larger than the sink's buffer.
    ASSERT_TRUE((*sink)->Write(data.substr(0, 1000)).ok());
    ASSERT_TRUE((*sink)->Write(data.substr(1000, 2 << 20)).ok());
    ASSERT_TRUE((*sink)->Write(data.substr(1000 + (2 << 20))).ok());
    ASSERT_TRUE((*sink)->Finish().ok());
    auto source = ByteSource::Open(dir.File(name));
    ASSERT_TRUE(source.ok()) << source.status();
    EXPECT_EQ((*source)->compression(), CompressionFromPath(name));
    auto out = Drain(**source);
    ASSERT_TRUE(out.ok()) << out.status();
    EXPECT_EQ(*out, data) << name;
  }
  auto bad = ByteSink::Open("/nonexistent/dir/out.nt");
  EXPECT_FALSE(bad.ok());
}

}  // namespace
}  // namespace parley::engine::io
