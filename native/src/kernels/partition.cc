// Counting sort by partition id: one pass to count, a prefix sum, one pass to place.
#include "kernels/partition.h"

#include <vector>

namespace kindling::kernels {

void PartitionIdsFromHashes(const uint32_t* hashes, int64_t n, uint32_t num_partitions, int32_t* pids) {
  for (int64_t i = 0; i < n; ++i) pids[i] = static_cast<int32_t>(hashes[i] % num_partitions);
}

int64_t PartitionOrder(const int32_t* pids, int64_t n, int32_t num_partitions, int32_t* starts, int32_t* order) {
  for (int32_t p = 0; p <= num_partitions; ++p) starts[p] = 0;
  for (int64_t i = 0; i < n; ++i) {
    const int32_t p = pids[i];
    if (p < 0 || p >= num_partitions) return i;
    ++starts[p + 1];
  }
  for (int32_t p = 0; p < num_partitions; ++p) starts[p + 1] += starts[p];
  std::vector<int32_t> pos(starts, starts + num_partitions);
  for (int64_t i = 0; i < n; ++i) order[pos[pids[i]]++] = static_cast<int32_t>(i);
  return -1;
}

}  // namespace kindling::kernels
