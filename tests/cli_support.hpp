// Test helper: running the panhuo binary and opening what it wrote.
#pragma once

#include <gdal_priv.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

namespace panhuo::testing {

// The binary under test: $PANHUO_CLI (set by CTest), else the build's.
inline std::string Cli() {
  if (const char* env = std::getenv("PANHUO_CLI")) return env;
  return std::string(PANHUO_BINARY_DIR) + "/panhuo";
}

struct Outcome {
  int code;
  std::string out;  // stdout and stderr together
};

// Runs a shell command line; its exit code and output.
inline Outcome Shell(const std::string& cmd) {
  Outcome r{0, ""};
  FILE* p = popen((cmd + " 2>&1").c_str(), "r");
  char buf[4096];
  while (size_t n = fread(buf, 1, sizeof buf, p)) r.out.append(buf, n);
  const int status = pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : 255;
  return r;
}

// Runs `prefix panhuo args` (prefix: environment, mpirun).
inline Outcome Exec(const std::string& args, const std::string& prefix = "") {
  return Shell(prefix + Cli() + " " + args);
}

struct DsCloser {
  void operator()(GDALDataset* d) const { GDALClose(d); }
};
using Ds = std::unique_ptr<GDALDataset, DsCloser>;

inline Ds Open(const std::string& path) {
  GDALAllRegister();
  return Ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
}

}  // namespace panhuo::testing
