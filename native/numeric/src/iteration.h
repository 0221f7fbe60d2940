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
    // Out-of-range float to int is undefined in C++; NumPy gives the platform's value. Keep it
    // defined: NaN and out-of-range go through int64 / uint64 saturated, then wrap.
    if (!(x == x)) return static_cast<To>(std::numeric_limits<int64_t>::min());
    if constexpr (std::is_unsigned_v<To>) {
      if (x >= 0 && x < 18446744073709551616.0) return static_cast<To>(static_cast<uint64_t>(x));
      if (x < 0 && x > -9223372036854775808.0) return static_cast<To>(static_cast<int64_t>(x));
      return static_cast<To>(std::numeric_limits<int64_t>::min());
    } else {
      if (x >= -9223372036854775808.0 && x < 9223372036854775808.0) return static_cast<To>(static_cast<int64_t>(x));
      return static_cast<To>(std::numeric_limits<int64_t>::min());
    }
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

// NumPy orders complex numbers lexicographically.
template <typename T>
bool less(T a, T b) {
  if constexpr (is_complex_v<T>) return a.real() < b.real() || (a.real() == b.real() && a.imag() < b.imag());
  else return a < b;
}

}  // namespace legate::numeric
