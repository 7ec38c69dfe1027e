// Fuzzes the whole read path on a damaged GeoPackage: a small generated county (made once,
// kept in memory) with the input's bytes written over it at the places the input chooses,
// read with ReadInput from /vsimem/. Every input must end (libFuzzer's -timeout catches a
// hang) with either a county or an error; crashes, leaks and undefined behaviour are the
// sanitizers' to report.
#include <cpl_vsi.h>
#include <gdal_priv.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "panhuo/gen/generator.hpp"
#include "panhuo/input/reader.hpp"

namespace {

std::vector<uint8_t> base;  // the undamaged county
const char* const kPath = "/vsimem/fuzz_county.gpkg";

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  GDALAllRegister();
  CPLSetErrorHandler(CPLQuietErrorHandler);
  const std::string path = "/tmp/panhuo_gpkg_fuzz_base_" + std::to_string(::getpid()) + ".gpkg";
  panhuo::gen::GenerateOptions o;
  o.scale = 0.005;
  o.seed = 7;
  o.output = path;
  o.overwrite = true;
  o.defects = true;
  auto r = panhuo::gen::Generate(o);
  if (!r.ok()) {
    std::fprintf(stderr, "cannot generate the base county: %s\n", r.status().message().c_str());
    std::abort();
  }
  std::ifstream in(path, std::ios::binary);
  base.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  std::remove(path.c_str());
  return 0;
}

// The input is a list of patches: 4 bytes of offset (little endian, modulo the file size), one
// byte of length (1..32) and that many bytes written there.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<uint8_t> file = base;
  size_t i = 0;
  while (i + 5 <= size) {
    const uint32_t at = uint32_t(data[i]) | uint32_t(data[i + 1]) << 8 | uint32_t(data[i + 2]) << 16 |
                        uint32_t(data[i + 3]) << 24;
    const size_t len = std::min<size_t>(1 + data[i + 4] % 32, size - i - 5);
    const size_t offset = 100 + at % (file.size() - 100);  // keep the SQLite header's magic
    for (size_t k = 0; k < len && offset + k < file.size(); ++k) file[offset + k] = data[i + 5 + k];
    i += 5 + len;
  }
  VSILFILE* f = VSIFileFromMemBuffer(kPath, file.data(), file.size(), FALSE);
  VSIFCloseL(f);
  panhuo::ReadOptions options;
  options.source = kPath;
  (void)panhuo::ReadInput(options);
  VSIUnlink(kPath);
  return 0;
}
