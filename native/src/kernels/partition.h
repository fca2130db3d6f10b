// Shuffle-map split: partition ids from row hashes, and the stable counting sort of rows by partition.
#pragma once

#include <cstdint>

namespace kindling::kernels {

// pids[i] = hashes[i] % num_partitions (num_partitions >= 1).
void PartitionIdsFromHashes(const uint32_t* hashes, int64_t n, uint32_t num_partitions, int32_t* pids);

// starts (num_partitions + 1) and order (n): rows of partition p are order[starts[p] .. starts[p + 1]), in
// input order. Returns -1, or the first row whose pid is not in [0, num_partitions).
int64_t PartitionOrder(const int32_t* pids, int64_t n, int32_t num_partitions, int32_t* starts, int32_t* order);

}  // namespace kindling::kernels
