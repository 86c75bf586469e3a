// Writes a seed corpus from the W3C suites (PARLEY_CONFORMANCE_DIR) into a
// directory (emptied first), for rdf_reader_fuzz or sparql_parser_fuzz:
//
//   w3c_fuzz_seeds rdf|sparql CONFORMANCE_DIR CORPUS_DIR MAX_FILES MAX_BYTES
//
// rdf: the .nt, .nq, .ttl and .trig files under rdf/, each prefixed with the
// control byte of rdf_reader_fuzz.cc (the format of its extension, the base
// IRI, every other file also lenient, every eighth also compressed by the
// fuzzer), plus a few of them gzip'd and zstd'd whole, so that the fuzzer
// mutates compressed streams too. sparql: the .rq and .ru files under sparql/, as
// they are. At most MAX_FILES files per extension, spread evenly over the
// sorted list (so every suite contributes), of at most MAX_BYTES each. The
// W3C suites hold both good and bad documents; both are useful seeds.
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace fs = std::filesystem;

// rdf_reader_fuzz.cc's control byte.
constexpr uint8_t kLenient = 1 << 2;
constexpr uint8_t kCompress = 1 << 3;
constexpr uint8_t kZstd = 1 << 4;
constexpr uint8_t kBase = 1 << 5;

// How many documents of each RDF format also go in gzip'd and zstd'd whole.
constexpr size_t kCompressedSeeds = 4;

std::optional<std::string> ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) return std::nullopt;
  return bytes;
}

bool WriteFile(const fs::path& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return static_cast<bool>(out);
}

std::string Gzip(std::string_view data) {
  z_stream stream{};
  if (deflateInit2(&stream, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return "";
  std::string out(deflateBound(&stream, data.size()) + 32, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return rc == Z_STREAM_END ? out : "";
}

std::string Zstd(std::string_view data) {
  std::string out(ZSTD_compressBound(data.size()), '\0');
  size_t n = ZSTD_compress(out.data(), out.size(), data.data(), data.size(), 3);
  if (ZSTD_isError(n)) return "";
  out.resize(n);
  return out;
}

// The files under `root` by extension (".nt", ...), each list sorted, keeping
// only files of at most max_bytes.
std::map<std::string, std::vector<fs::path>> FilesByExtension(
    const fs::path& root, const std::vector<std::string>& extensions, uintmax_t max_bytes) {
  std::map<std::string, std::vector<fs::path>> files;
  for (const fs::directory_entry& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file() || entry.file_size() > max_bytes) continue;
    std::string extension = entry.path().extension().string();
    if (std::find(extensions.begin(), extensions.end(), extension) == extensions.end()) continue;
    files[extension].push_back(entry.path());
  }
  for (auto& [extension, paths] : files) std::sort(paths.begin(), paths.end());
  return files;
}

// At most `max` of `paths`, evenly spaced.
std::vector<fs::path> Spread(const std::vector<fs::path>& paths, size_t max) {
  if (paths.size() <= max) return paths;
  std::vector<fs::path> picked;
  for (size_t i = 0; i < max; ++i) picked.push_back(paths[i * paths.size() / max]);
  return picked;
}

uint8_t FormatBits(const std::string& extension) {
  if (extension == ".nq") return 1;
  if (extension == ".ttl") return 2;
  if (extension == ".trig") return 3;
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 6 || (std::string_view(argv[1]) != "rdf" && std::string_view(argv[1]) != "sparql")) {
    std::fprintf(stderr, "usage: %s rdf|sparql CONFORMANCE_DIR CORPUS_DIR MAX_FILES MAX_BYTES\n",
                 argv[0]);
    return 2;
  }
  const bool rdf = std::string_view(argv[1]) == "rdf";
  const fs::path root = fs::path(argv[2]) / (rdf ? "rdf" : "sparql");
  const fs::path dir(argv[3]);
  const size_t max_files = std::strtoul(argv[4], nullptr, 10);
  // One byte of every RDF seed is the control byte.
  const uintmax_t max_bytes = std::strtoul(argv[5], nullptr, 10) - (rdf ? 1 : 0);

  std::error_code error;
  fs::remove_all(dir, error);
  fs::create_directories(dir, error);
  if (error || !fs::is_directory(root)) {
    std::fprintf(stderr, "cannot create %s or read %s\n", dir.c_str(), root.c_str());
    return 1;
  }
  const std::vector<std::string> extensions =
      rdf ? std::vector<std::string>{".nt", ".nq", ".ttl", ".trig"}
          : std::vector<std::string>{".rq", ".ru"};
  size_t written = 0;
  bool ok = true;
  for (const auto& [extension, paths] : FilesByExtension(root, extensions, max_bytes)) {
    size_t index = 0;
    for (const fs::path& path : Spread(paths, max_files)) {
      std::optional<std::string> text = ReadFile(path);
      if (!text.has_value()) {
        std::fprintf(stderr, "cannot read %s\n", path.c_str());
        ok = false;
        continue;
      }
      const std::string name = std::to_string(written++) + "_" + path.filename().string();
      if (!rdf) {
        ok = WriteFile(dir / name, *text) && ok;
        continue;
      }
      uint8_t control = FormatBits(extension) | kBase;
      if (index % 2 == 1) control |= kLenient;
      if (index % 8 == 3) control |= kCompress;
      if (index % 16 == 11) control |= kZstd;
      ok = WriteFile(dir / name, std::string(1, static_cast<char>(control)) + *text) && ok;
      if (index < kCompressedSeeds) {
        const std::string head(1, static_cast<char>(FormatBits(extension) | kBase));
        ok = WriteFile(dir / (name + ".gz"), head + Gzip(*text)) && ok;
        ok = WriteFile(dir / (name + ".zst"), head + Zstd(*text)) && ok;
      }
      ++index;
    }
  }
  std::printf("%zu seeds in %s\n", written, dir.c_str());
  return ok && written > 0 ? 0 : 1;
}
