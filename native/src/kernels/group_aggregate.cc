// Group-indexed aggregate loops, one instantiation per value type (no per-row dispatch).
#include "kernels/group_aggregate.h"

namespace kindling::kernels {

namespace {

inline bool BadGid(int32_t g, int64_t num_groups) {
  return static_cast<uint64_t>(static_cast<int64_t>(g)) >= static_cast<uint64_t>(num_groups);
}

// With many groups the state is beyond the caches: prefetch the slot of the row kPrefetch ahead.
// States up to this many groups stay in L1/L2, where prefetching only costs instructions.
constexpr int64_t kPrefetch = 16;
constexpr int64_t kPrefetchFromGroups = 16384;
template <bool kOn, typename T>
inline void PrefetchState(T* state, const int32_t* gids, int64_t i, int64_t n, int64_t num_groups) {
  if (kOn && i + kPrefetch < n) {
    const int32_t g = gids[i + kPrefetch];
    if (!BadGid(g, num_groups)) __builtin_prefetch(state + g, 1);
  }
}

template <bool kPf, typename T>
int64_t SumAsDoubleLoop(const T* x, Validity v, const int32_t* gids, int64_t n, double* sums, uint8_t* has,
                        int64_t num_groups) {
  for (int64_t i = 0; i < n; ++i) {
    PrefetchState<kPf>(sums, gids, i, n, num_groups);
    if (!v.IsValid(i)) continue;
    const int32_t g = gids[i];
    if (BadGid(g, num_groups)) return i;
    sums[g] += static_cast<double>(x[i]);
    if (has != nullptr) has[g] = 1;
  }
  return -1;
}

template <bool kPf, typename T>
int64_t SumWrappingLoop(const T* x, Validity v, const int32_t* gids, int64_t n, int64_t* sums, uint8_t* has,
                        int64_t num_groups) {
  for (int64_t i = 0; i < n; ++i) {
    PrefetchState<kPf>(sums, gids, i, n, num_groups);
    if (!v.IsValid(i)) continue;
    const int32_t g = gids[i];
    if (BadGid(g, num_groups)) return i;
    sums[g] = static_cast<int64_t>(static_cast<uint64_t>(sums[g]) +
                                   static_cast<uint64_t>(static_cast<int64_t>(x[i])));
    if (has != nullptr) has[g] = 1;
  }
  return -1;
}

// Dense loops for the common case (no NULL inputs, no `has`): one load, one add, one store per row.
template <typename T>
int64_t SumAsDoubleDense(const T* x, const int32_t* gids, int64_t n, double* sums, int64_t num_groups) {
  for (int64_t i = 0; i < n; ++i) {
    const int32_t g = gids[i];
    if (BadGid(g, num_groups)) return i;
    sums[g] += static_cast<double>(x[i]);
  }
  return -1;
}

template <typename T>
int64_t SumAsDouble(const T* x, Validity v, const int32_t* gids, int64_t n, double* sums, uint8_t* has,
                    int64_t num_groups) {
  if (num_groups >= kPrefetchFromGroups) return SumAsDoubleLoop<true>(x, v, gids, n, sums, has, num_groups);
  if (v.AllValid() && has == nullptr) return SumAsDoubleDense(x, gids, n, sums, num_groups);
  return SumAsDoubleLoop<false>(x, v, gids, n, sums, has, num_groups);
}

template <typename T>
int64_t SumWrapping(const T* x, Validity v, const int32_t* gids, int64_t n, int64_t* sums, uint8_t* has,
                    int64_t num_groups) {
  if (num_groups >= kPrefetchFromGroups) return SumWrappingLoop<true>(x, v, gids, n, sums, has, num_groups);
  return SumWrappingLoop<false>(x, v, gids, n, sums, has, num_groups);
}

// Spark's SQLOrderingUtil.compareDoubles: NaN = NaN, NaN above everything, -0.0 = 0.0.
inline int Compare(double a, double b) {
  if (a < b) return -1;
  if (a > b) return 1;
  if (a == b) return 0;
  const bool an = a != a;
  const bool bn = b != b;
  return an ? (bn ? 0 : 1) : -1;
}
template <typename T>
inline int Compare(T a, T b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

template <typename T>
int64_t MinMax(const T* x, Validity v, const int32_t* gids, int64_t n, T* state, uint8_t* valid, int64_t num_groups,
               int sign) {
  for (int64_t i = 0; i < n; ++i) {
    if (!v.IsValid(i)) continue;
    const int32_t g = gids[i];
    if (BadGid(g, num_groups)) return i;
    if (valid[g] == 0 || Compare(x[i], state[g]) * sign > 0) {
      state[g] = x[i];
      valid[g] = 1;
    }
  }
  return -1;
}

}  // namespace

int64_t GroupSumAsDouble(ValueKind kind, const void* values, Validity validity, const int32_t* gids, int64_t n,
                         double* sums, uint8_t* has, int64_t num_groups) {
  switch (kind) {
    case ValueKind::kInt32:
      return SumAsDouble(static_cast<const int32_t*>(values), validity, gids, n, sums, has, num_groups);
    case ValueKind::kInt64:
      return SumAsDouble(static_cast<const int64_t*>(values), validity, gids, n, sums, has, num_groups);
    case ValueKind::kFloat64:
      return SumAsDouble(static_cast<const double*>(values), validity, gids, n, sums, has, num_groups);
  }
  return -1;
}

int64_t GroupSumWrapping(ValueKind kind, const void* values, Validity validity, const int32_t* gids, int64_t n,
                         int64_t* sums, uint8_t* has, int64_t num_groups) {
  switch (kind) {
    case ValueKind::kInt32:
      return SumWrapping(static_cast<const int32_t*>(values), validity, gids, n, sums, has, num_groups);
    case ValueKind::kInt64:
      return SumWrapping(static_cast<const int64_t*>(values), validity, gids, n, sums, has, num_groups);
    case ValueKind::kFloat64:
      break;  // not an integral sum; the N-API layer refuses it
  }
  return -1;
}

int64_t GroupCount(const Validity* validities, int num_validities, const int32_t* gids, int64_t n, int64_t* counts,
                   int64_t num_groups) {
  if (num_validities == 0 && num_groups < kPrefetchFromGroups) {
    for (int64_t i = 0; i < n; ++i) {
      const int32_t g = gids[i];
      if (BadGid(g, num_groups)) return i;
      counts[g] += 1;
    }
    return -1;
  }
  for (int64_t i = 0; i < n; ++i) {
    PrefetchState<true>(counts, gids, i, n, num_groups);
    bool ok = true;
    for (int k = 0; k < num_validities; ++k) ok = ok && validities[k].IsValid(i);
    if (!ok) continue;
    const int32_t g = gids[i];
    if (BadGid(g, num_groups)) return i;
    counts[g] += 1;
  }
  return -1;
}

int64_t GroupMinMax(ValueKind kind, const void* values, Validity validity, const int32_t* gids, int64_t n,
                    void* state, uint8_t* valid, int64_t num_groups, int sign) {
  switch (kind) {
    case ValueKind::kInt32:
      return MinMax(static_cast<const int32_t*>(values), validity, gids, n, static_cast<int32_t*>(state), valid,
                    num_groups, sign);
    case ValueKind::kInt64:
      return MinMax(static_cast<const int64_t*>(values), validity, gids, n, static_cast<int64_t*>(state), valid,
                    num_groups, sign);
    case ValueKind::kFloat64:
      return MinMax(static_cast<const double*>(values), validity, gids, n, static_cast<double*>(state), valid,
                    num_groups, sign);
  }
  return -1;
}

}  // namespace kindling::kernels
