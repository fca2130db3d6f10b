// Per-group aggregate updates: row i folds into state slot gids[i]. States are caller-owned arrays of
// `num_groups` slots; every gid is checked against num_groups. Each returns -1, or the first row whose
// gid is out of range (rows before it are folded in).
#pragma once

#include <cstdint>

#include "kernels/bitmap.h"

namespace kindling::kernels {

enum class ValueKind : int { kInt32 = 0, kInt64 = 1, kFloat64 = 2 };

// sums[g] += value (as double; int64 rounds to nearest), in row order; has[g] = 1 (has may be null).
int64_t GroupSumAsDouble(ValueKind kind, const void* values, Validity validity, const int32_t* gids, int64_t n,
                         double* sums, uint8_t* has, int64_t num_groups);
// sums[g] += value with two's-complement wrap (int32 values widen first); has[g] = 1 (has may be null).
int64_t GroupSumWrapping(ValueKind kind, const void* values, Validity validity, const int32_t* gids, int64_t n,
                         int64_t* sums, uint8_t* has, int64_t num_groups);
// counts[g] += 1 for each row valid in every one of `validities` (none = every row).
int64_t GroupCount(const Validity* validities, int num_validities, const int32_t* gids, int64_t n, int64_t* counts,
                   int64_t num_groups);
// Keeps the minimum (sign < 0) or maximum (sign > 0) non-null value per group in state[g], valid[g] = 1
// once set. Doubles order as Spark's (NaN above everything, -0.0 = 0.0; the first of equals is kept).
int64_t GroupMinMax(ValueKind kind, const void* values, Validity validity, const int32_t* gids, int64_t n,
                    void* state, uint8_t* valid, int64_t num_groups, int sign);

}  // namespace kindling::kernels
