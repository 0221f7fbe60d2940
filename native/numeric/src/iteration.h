// What every numeric kernel shares: type dispatch, conversions NumPy's way, and iteration over
// strided N-d pieces.
#pragma once

#include <cmath>
#include <complex>
#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>

#include "legate/core_abi.h"

namespace legate::numeric {

// core's C ABI, set once when the addon registers.
extern const legate_core_api* core;

template <typename T>
struct is_complex : std::false_type {};
template <typename T>
struct is_complex<std::complex<T>> : std::true_type {};
template <typename T>
inline constexpr bool is_complex_v = is_complex<T>::value;

// The real type of T's components (T itself unless complex).
template <typename T>
struct real_of {
  using type = T;
};
template <typename T>
struct real_of<std::complex<T>> {
  using type = T;
};
template <typename T>
using real_t = typename real_of<T>::type;

template <typename T>
inline constexpr bool is_int_v = std::is_integral_v<T> && !std::is_same_v<T, bool>;

// Calls f(T{}) with T the element type of a type code; bool is stored as one byte, 0 or 1.
template <typename F>
bool dispatch(int32_t code, F&& f) {
  switch (code) {
    case LEGATE_BOOL: f(bool{}); return true;
    case LEGATE_INT8: f(int8_t{}); return true;
    case LEGATE_INT16: f(int16_t{}); return true;
    case LEGATE_INT32: f(int32_t{}); return true;
    case LEGATE_INT64: f(int64_t{}); return true;
    case LEGATE_UINT8: f(uint8_t{}); return true;
    case LEGATE_UINT16: f(uint16_t{}); return true;
    case LEGATE_UINT32: f(uint32_t{}); return true;
    case LEGATE_UINT64: f(uint64_t{}); return true;
    case LEGATE_FLOAT32: f(float{}); return true;
    case LEGATE_FLOAT64: f(double{}); return true;
    case LEGATE_COMPLEX64: f(std::complex<float>{}); return true;
    case LEGATE_COMPLEX128: f(std::complex<double>{}); return true;
    default: return false;
  }
}

template <typename T>
constexpr int32_t type_code_of() {
  if constexpr (std::is_same_v<T, bool>) return LEGATE_BOOL;
  else if constexpr (std::is_same_v<T, int8_t>) return LEGATE_INT8;
  else if constexpr (std::is_same_v<T, int16_t>) return LEGATE_INT16;
  else if constexpr (std::is_same_v<T, int32_t>) return LEGATE_INT32;
  else if constexpr (std::is_same_v<T, int64_t>) return LEGATE_INT64;
  else if constexpr (std::is_same_v<T, uint8_t>) return LEGATE_UINT8;
  else if constexpr (std::is_same_v<T, uint16_t>) return LEGATE_UINT16;
  else if constexpr (std::is_same_v<T, uint32_t>) return LEGATE_UINT32;
  else if constexpr (std::is_same_v<T, uint64_t>) return LEGATE_UINT64;
  else if constexpr (std::is_same_v<T, float>) return LEGATE_FLOAT32;
  else if constexpr (std::is_same_v<T, double>) return LEGATE_FLOAT64;
  else if constexpr (std::is_same_v<T, std::complex<float>>) return LEGATE_COMPLEX64;
  else return LEGATE_COMPLEX128;
}

// x86-64's truncating conversions (cvttsd2si), which NumPy's casts compile to: NaN and values
// out of range give the "integer indefinite" value, the type's minimum. Written out, since an
// out-of-range static_cast is undefined behaviour.
inline int32_t cvtt32(double x) {
  return (x > -2147483649.0 && x < 2147483648.0) ? static_cast<int32_t>(x) : std::numeric_limits<int32_t>::min();
}
inline int64_t cvtt64(double x) {
  return (x >= -9223372036854775808.0 && x < 9223372036854775808.0) ? static_cast<int64_t>(x) : std::numeric_limits<int64_t>::min();
}

// NumPy's float -> integer cast on x86-64 (unsafe casting), for every value: the narrow types
// keep the low bits of the int32 conversion (300.0 -> int8 44, 3e9 -> int8 0); uint32 and uint64
// convert below 2^31 / 2^63 (NaN included) as signed and above by subtracting 2^31 / 2^63
// first, as compilers lower an unsigned conversion (NaN -> 2^31, inf -> 0, -inf -> 2^31).
template <typename To>
To float_to_int(double x) {
  if constexpr (std::is_same_v<To, int64_t>) {
    return cvtt64(x);
  } else if constexpr (std::is_same_v<To, uint64_t>) {
    if (!(x >= 9223372036854775808.0)) return static_cast<uint64_t>(cvtt64(x));
    return static_cast<uint64_t>(cvtt64(x - 9223372036854775808.0)) ^ (uint64_t{1} << 63);
  } else if constexpr (std::is_same_v<To, uint32_t>) {
    if (!(x >= 2147483648.0)) return static_cast<uint32_t>(cvtt32(x));
    return static_cast<uint32_t>(cvtt32(x - 2147483648.0)) ^ (uint32_t{1} << 31);
  } else {
    return static_cast<To>(cvtt32(x));  // int8/16, uint8/16, int32: modular from int32
  }
}

// Conversion as NumPy's astype (unsafe casting): complex to real drops the imaginary part.
template <typename To, typename From>
To convert(From x) {
  if constexpr (std::is_same_v<To, bool>) {
    return x != From{};
  } else if constexpr (is_complex_v<From> && !is_complex_v<To>) {
    return convert<To>(x.real());
  } else if constexpr (is_complex_v<To>) {
    if constexpr (is_complex_v<From>) return To(static_cast<real_t<To>>(x.real()), static_cast<real_t<To>>(x.imag()));
    else return To(static_cast<real_t<To>>(x), 0);
  } else if constexpr (std::is_integral_v<To> && std::is_floating_point_v<From>) {
    return float_to_int<To>(static_cast<double>(x));
  } else {
    return static_cast<To>(x);
  }
}

template <typename T>
T* at(const legate_physical_store& s) {
  return static_cast<T*>(s.data);
}

inline int64_t volume(const legate_physical_store& s) {
  int64_t count = 1;
  for (int32_t d = 0; d < s.ndim; ++d) count *= s.shape[d];
  return count;
}

// Calls body(offsets, n, strides) for every innermost row of the first store's piece, the
// stores' element offsets advancing together; body's loop over n is the one the compiler
// vectorises when the strides are 1.
template <size_t N, typename Body>
void for_each_point(const legate_physical_store* const (&stores)[N], Body body) {
  const auto& first = *stores[0];
  if (volume(first) == 0) return;
  if (first.ndim == 0) {
    int64_t zero[N] = {};
    int64_t one[N];
    for (size_t s = 0; s < N; ++s) one[s] = 1;
    body(zero, int64_t{1}, one);
    return;
  }
  const int32_t inner = first.ndim - 1;
  int64_t index[LEGATE_MAX_DIM] = {};
  int64_t base[N] = {};
  int64_t inner_strides[N];
  for (size_t s = 0; s < N; ++s) inner_strides[s] = stores[s]->strides[inner];
  for (;;) {
    body(base, first.shape[inner], inner_strides);
    int32_t d = inner;
    for (;;) {
      if (d == 0) return;
      --d;
      for (size_t s = 0; s < N; ++s) base[s] += stores[s]->strides[d];
      if (++index[d] < first.shape[d]) break;
      for (size_t s = 0; s < N; ++s) base[s] -= stores[s]->strides[d] * first.shape[d];
      index[d] = 0;
    }
  }
}

// Like for_each_point, but the rows run along `axis` of the first store's piece (scans and
// arg-reductions need the whole axis in order).
template <size_t N, typename Body>
void for_each_line(const legate_physical_store* const (&stores)[N], int32_t axis, Body body) {
  const auto& first = *stores[0];
  if (volume(first) == 0) return;
  int64_t index[LEGATE_MAX_DIM] = {};
  int64_t base[N] = {};
  int64_t line_strides[N];
  for (size_t s = 0; s < N; ++s) line_strides[s] = stores[s]->strides[axis];
  for (;;) {
    body(base, first.shape[axis], line_strides);
    int32_t d = first.ndim;
    for (;;) {
      if (d == 0) return;
      --d;
      if (d == axis) continue;
      for (size_t s = 0; s < N; ++s) base[s] += stores[s]->strides[d];
      if (++index[d] < first.shape[d]) break;
      for (size_t s = 0; s < N; ++s) base[s] -= stores[s]->strides[d] * first.shape[d];
      index[d] = 0;
    }
  }
}

template <typename T>
T scalar_arg(const legate_task_context* ctx, uint32_t i) {
  T value;
  std::memcpy(&value, ctx->scalars[i], sizeof(T));
  return value;
}

template <typename T>
bool is_nan(T x) {
  if constexpr (is_complex_v<T>) return std::isnan(x.real()) || std::isnan(x.imag());
  else if constexpr (std::is_floating_point_v<T>) return std::isnan(x);
  else return false;
}

// NumPy's complex product (its loops' a_r*b_r - a_i*b_i, a_r*b_i + a_i*b_r; no C99 recovery of
// infinities, which std::complex's operator* does).
template <typename C>
C cmul(C a, C b) {
  return C(a.real() * b.real() - a.imag() * b.imag(), a.real() * b.imag() + a.imag() * b.real());
}

// NumPy's multiply and square of complex arrays: its SIMD loops use fused multiply-adds
// (fmaddsub) on x86-64 with FMA.
template <typename C>
C cmul_fused(C a, C b) {
  return C(std::fma(a.real(), b.real(), -(a.imag() * b.imag())), std::fma(a.real(), b.imag(), a.imag() * b.real()));
}

// NumPy orders complex numbers lexicographically.
template <typename T>
bool less(T a, T b) {
  if constexpr (is_complex_v<T>) return a.real() < b.real() || (a.real() == b.real() && a.imag() < b.imag());
  else return a < b;
}

}  // namespace legate::numeric
