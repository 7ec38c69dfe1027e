// panhuo_read_floor: the I/O floor of a scan (see read_floor.hpp): every feature and geometry of
// every layer of a GDAL vector source, read through the Arrow stream (or GetNextFeature), and
// nothing else. One JSON object on stdout; exit 1 when the source cannot be read (GDAL's message
// on stderr), 2 on bad arguments.
//
//   build/panhuo_read_floor county.gpkg [--api arrow|feature] [--layer NAME ...]
//   {"source": "county.gpkg", "api": "arrow", "features": 464912, "vertices": ..., "seconds": ...,
//    "layers": [{"name": "towns", "features": 18, ...}, ...]}
#include <cstdio>
#include <string>
#include <vector>

#include "read_floor.hpp"

namespace {

int Usage() {
  std::fprintf(stderr, "usage: panhuo_read_floor SOURCE [--api arrow|feature] [--layer NAME ...]\n");
  return 2;
}

std::string JsonString(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) < 0x20) continue;
    out += c;
  }
  return out + "\"";
}

}  // namespace

int main(int argc, char** argv) {
  using panhuo::bench::ReadApi;
  std::string source;
  ReadApi api = ReadApi::kArrow;
  std::vector<std::string> only;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--api" && i + 1 < argc) {
      const std::string v = argv[++i];
      if (v == "arrow") api = ReadApi::kArrow;
      else if (v == "feature") api = ReadApi::kFeature;
      else return Usage();
    } else if (a == "--layer" && i + 1 < argc) {
      only.emplace_back(argv[++i]);
    } else if ((!a.empty() && a[0] == '-') || !source.empty()) {
      return Usage();
    } else {
      source = a;
    }
  }
  if (source.empty()) return Usage();
  auto r = panhuo::bench::ReadAll(source, api, only);
  if (!r.ok()) {
    std::fprintf(stderr, "panhuo_read_floor: %s\n", r.status().message().c_str());
    return 1;
  }
  std::printf("{\"source\": %s, \"api\": \"%s\", \"features\": %lld, \"vertices\": %lld, \"seconds\": %.6f, "
              "\"checksum\": %.17g, \"layers\": [",
              JsonString(source).c_str(), ToString(api), static_cast<long long>(r->features),
              static_cast<long long>(r->vertices), r->seconds, r->checksum);
  for (size_t i = 0; i < r->layers.size(); ++i) {
    const auto& l = r->layers[i];
    std::printf("%s{\"name\": %s, \"features\": %lld, \"geometries\": %lld, \"vertices\": %lld, \"seconds\": %.6f}",
                i ? ", " : "", JsonString(l.name).c_str(), static_cast<long long>(l.features),
                static_cast<long long>(l.geometries), static_cast<long long>(l.vertices), l.seconds);
  }
  std::printf("]}\n");
  return 0;
}
