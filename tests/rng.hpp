// Test helper: splitmix64, a fixed and portable pseudo-random sequence for generated cases.
#pragma once

#include <cstdint>

namespace panhuo::testing {

struct SplitMix {
  uint64_t s;
  double Next() {  // in [0, 1)
    uint64_t z = (s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return static_cast<double>((z ^ (z >> 31)) >> 11) * 0x1.0p-53;
  }
};

}  // namespace panhuo::testing
