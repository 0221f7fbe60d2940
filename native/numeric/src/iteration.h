// What every numeric kernel shares beyond core's task API: conversions NumPy's way, raw access to
// a piece's elements and scalars, NumPy's complex arithmetic and ordering.
#pragma once

#include <cmath>
#include <complex>
#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>
#include <utility>

#include "legate/core_abi.h"
#include "legate/task.hpp"

namespace legate::numeric {

// core's C ABI, set once when the addon registers.
extern const legate_core_api* core;

// Element types, type dispatch and N-d iteration are core's shipped task API (legate/task.hpp),
// the same one a third party's library uses: legate::dispatch, type_code_of, is_complex_v,
// real_t, is_int_v, for_each_row and for_each_line, found here by the enclosing namespace.

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

// numeric's name for core's for_each_row.
template <size_t N, typename Body>
void for_each_point(const legate_physical_store* const (&stores)[N], Body&& body) {
  for_each_row(stores, std::forward<Body>(body));
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
