// main of panhuo_bench: makes the generated counties first (so that no benchmark times the
// generator), records datasets and machine in the context, then runs the benchmarks.
//   build/panhuo_bench [--benchmark_filter=RTree] [--benchmark_format=json] ...
#include <benchmark/benchmark.h>
#include <gdal.h>

#include <cstdio>
#include <string>

#include "bench_data.hpp"

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
  GDALAllRegister();  // the engine leaves driver registration to its caller, as the CLI does
  std::string error;
  if (!panhuo::bench::PrepareAndDescribe(&error)) {
    std::fprintf(stderr, "panhuo_bench: %s\n", error.c_str());
    return 1;
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
