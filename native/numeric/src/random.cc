// numeric's random task: every element of a fresh array drawn from a distribution, element i
// (C order over the whole array) from Philox4x32-10 at counter (i, draw, round), so the values
// depend on the seed and the draw only, never on the partition.
#include <cmath>

#include "iteration.h"
#include "kernels.h"
#include "random.h"

namespace legate::numeric {
namespace {

struct Stream {
  PhiloxKey key;
  uint64_t draw;
  PhiloxBlock block(uint64_t element, uint32_t round) const {
    return philox4x32_10({static_cast<uint32_t>(element), static_cast<uint32_t>(element >> 32), static_cast<uint32_t>(draw),
                          static_cast<uint32_t>((draw >> 32) & 0xFFFFu) | (round << 16)},
                         key);
  }
};

// 64 × 64 → 128-bit products for Lemire's method (a GCC/Clang extension).
__extension__ typedef unsigned __int128 uint128_t;

inline uint64_t join(uint32_t lo, uint32_t hi) { return static_cast<uint64_t>(hi) << 32 | lo; }

// Uniform in [0, 1) with the type's full mantissa.
inline double unit53(uint64_t bits) { return static_cast<double>(bits >> 11) * 0x1.0p-53; }
inline float unit24(uint32_t bits) { return static_cast<float>(bits >> 8) * 0x1.0p-24f; }

// A uniform integer in [0, range) by Lemire's multiply-and-reject, unbiased; range 0 means 2^64.
inline uint64_t bounded(const Stream& stream, uint64_t element, uint64_t range) {
  for (uint32_t round = 0;; ++round) {
    const PhiloxBlock b = stream.block(element, round);
    for (int half = 0; half < 2; ++half) {
      const uint64_t x = join(b[2 * half], b[2 * half + 1]);
      if (range == 0) return x;
      const uint128_t m = static_cast<uint128_t>(x) * range;
      const uint64_t low = static_cast<uint64_t>(m);
      if (low >= range || low >= (0 - range) % range) return static_cast<uint64_t>(m >> 64);
    }
  }
}

// Calls body(pointer offset, global C-order index) for every element of the piece.
template <typename Body>
void for_each_element(const legate_physical_store& out, const int64_t* global_strides, Body body) {
  const legate_physical_store* stores[1] = {&out};
  int64_t start = 0;
  for (int32_t d = 0; d < out.ndim; ++d) start += out.offset[d] * global_strides[d];
  // for_each_point walks rows in C order; track the global index of each row's first element.
  int64_t index[LEGATE_MAX_DIM] = {};
  const int32_t inner = out.ndim - 1;
  for_each_point(stores, [&](const int64_t* base, int64_t n, const int64_t* stride) {
    int64_t row = start;
    for (int32_t d = 0; d < inner; ++d) row += index[d] * global_strides[d];
    const int64_t step = out.ndim == 0 ? 1 : global_strides[inner];
    for (int64_t i = 0; i < n; ++i) body(base[0] + i * stride[0], static_cast<uint64_t>(row + i * step));
    for (int32_t d = inner - 1; d >= 0; --d) {
      if (++index[d] < out.shape[d]) break;
      index[d] = 0;
    }
  });
}

void random(legate_task_context* ctx) {
  const auto& out = ctx->outputs[0];
  const auto distribution = scalar_arg<int32_t>(ctx, 0);
  const Stream stream{{scalar_arg<uint32_t>(ctx, 1), scalar_arg<uint32_t>(ctx, 2)}, scalar_arg<uint64_t>(ctx, 3)};
  int64_t global_strides[LEGATE_MAX_DIM];
  for (int32_t d = 0; d < out.ndim; ++d) global_strides[d] = scalar_arg<int64_t>(ctx, 6 + d);
  switch (distribution) {
    case kRandomUniform:
    case kRandomNormal: {
      const auto a = scalar_arg<double>(ctx, 4), b = scalar_arg<double>(ctx, 5);
      const bool normal = distribution == kRandomNormal;
      if (out.type_code == LEGATE_FLOAT32) {
        float* o = at<float>(out);
        const float fa = static_cast<float>(a), fb = static_cast<float>(b);
        for_each_element(out, global_strides, [&](int64_t at, uint64_t i) {
          const PhiloxBlock r = stream.block(i, 0);
          if (!normal) {
            o[at] = fa + (fb - fa) * unit24(r[0]);
          } else {
            // Box–Muller on (0, 1] × [0, 1): 1 - u never takes the log of zero.
            const float radius = std::sqrt(-2.0f * std::log(1.0f - unit24(r[0])));
            o[at] = fa + fb * radius * std::cos(6.2831853071795864769f * unit24(r[1]));
          }
        });
      } else {
        double* o = at<double>(out);
        for_each_element(out, global_strides, [&](int64_t at, uint64_t i) {
          const PhiloxBlock r = stream.block(i, 0);
          const double u = unit53(join(r[0], r[1]));
          if (!normal) {
            o[at] = a + (b - a) * u;
          } else {
            const double radius = std::sqrt(-2.0 * std::log(1.0 - u));
            o[at] = a + b * radius * std::cos(6.283185307179586476925 * unit53(join(r[2], r[3])));
          }
        });
      }
      break;
    }
    case kRandomIntegers: {
      // scalars 4, 5: low (int64 bits, or uint64 for uint64 output) and range = high - low (0: 2^64).
      const auto low = scalar_arg<uint64_t>(ctx, 4), range = scalar_arg<uint64_t>(ctx, 5);
      dispatch(out.type_code, [&](auto zero) {
        using T = decltype(zero);
        if constexpr (std::is_integral_v<T>) {
          T* o = at<T>(out);
          for_each_element(out, global_strides, [&](int64_t at, uint64_t i) {
            // Wrapping unsigned arithmetic, then the two's-complement value of the output type.
            o[at] = static_cast<T>(low + bounded(stream, i, range));
          });
        }
      });
      break;
    }
    default: core->task_fail(ctx, "numeric.random: unknown distribution");
  }
}

}  // namespace

void register_random_tasks(const legate_core_api* api, int32_t library) {
  api->register_task(library, kRandom, "numeric.random", random);
}

}  // namespace legate::numeric
