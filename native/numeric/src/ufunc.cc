// Elementwise kernels: NumPy's ufuncs over one type (the TypeScript side promotes and casts the
// operands first), with NumPy's results for the corners C++ leaves undefined: integer overflow
// wraps, integer division by zero gives 0, shifts past the width give 0 or -1.
#include <algorithm>
#include <cmath>

#include "iteration.h"
#include "kernels.h"

namespace legate::numeric {
namespace {

// Integer arithmetic in the unsigned type, so overflow wraps as NumPy's does instead of being
// undefined.
template <typename T>
T wrap_add(T a, T b) {
  using U = std::make_unsigned_t<T>;
  return static_cast<T>(static_cast<U>(a) + static_cast<U>(b));
}
template <typename T>
T wrap_sub(T a, T b) {
  using U = std::make_unsigned_t<T>;
  return static_cast<T>(static_cast<U>(a) - static_cast<U>(b));
}
template <typename T>
T wrap_mul(T a, T b) {
  using U = std::make_unsigned_t<T>;
  // uint16 * uint16 promotes to int and can overflow it: multiply in at least unsigned int.
  using W = std::conditional_t<(sizeof(U) < sizeof(unsigned)), unsigned, U>;
  return static_cast<T>(static_cast<U>(static_cast<W>(static_cast<U>(a)) * static_cast<W>(static_cast<U>(b))));
}

template <typename T>
T int_floor_divide(T a, T b) {
  if (b == 0) return 0;
  if constexpr (std::is_signed_v<T>) {
    if (b == -1) return wrap_sub(T(0), a);  // the minimum divided by -1 wraps, as NumPy's
    T q = static_cast<T>(a / b);
    if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
    return q;
  } else {
    return static_cast<T>(a / b);
  }
}

template <typename T>
T int_remainder(T a, T b) {
  if (b == 0) return 0;
  if constexpr (std::is_signed_v<T>) {
    if (b == -1) return 0;
    T r = static_cast<T>(a % b);
    if (r != 0 && ((r < 0) != (b < 0))) r = static_cast<T>(r + b);
    return r;
  } else {
    return static_cast<T>(a % b);
  }
}

// Python's divmod for floats: the remainder takes the divisor's sign, the quotient is rounded so
// that quotient * b + remainder == a as closely as floating point allows.
template <typename T>
void float_divmod(T a, T b, T* quotient, T* remainder) {
  T mod = std::fmod(a, b);
  if (b == 0) {
    *remainder = mod;
    *quotient = a / b;
    return;
  }
  T div = (a - mod) / b;
  if (mod != 0) {
    if ((b < 0) != (mod < 0)) {
      mod += b;
      div -= 1;
    }
  } else {
    mod = std::copysign(T(0), b);
  }
  T floordiv;
  if (div != 0) {
    floordiv = std::floor(div);
    if (div - floordiv > T(0.5)) floordiv += 1;
  } else {
    floordiv = std::copysign(T(0), a / b);
  }
  *quotient = floordiv;
  *remainder = mod;
}

template <typename T>
T int_power(T base, T exponent) {
  T result = 1;
  using U = std::make_unsigned_t<T>;
  U e = static_cast<U>(exponent);
  while (e) {
    if (e & 1) result = wrap_mul(result, base);
    base = wrap_mul(base, base);
    e >>= 1;
  }
  return result;
}

template <typename T>
T left_shift(T a, T b) {
  using U = std::make_unsigned_t<T>;
  if (b < 0 || static_cast<uint64_t>(b) >= sizeof(T) * 8) return 0;
  return static_cast<T>(static_cast<U>(a) << b);
}

template <typename T>
T right_shift(T a, T b) {
  if (b < 0 || static_cast<uint64_t>(b) >= sizeof(T) * 8) {
    if constexpr (std::is_signed_v<T>) return a < 0 ? T(-1) : T(0);
    else return 0;
  }
  return static_cast<T>(a >> b);
}

// C's fmod for integers: the dividend's sign; by 0 (and the minimum by -1) gives 0.
template <typename T>
T int_fmod(T a, T b) {
  if (b == 0) return 0;
  if constexpr (std::is_signed_v<T>) {
    if (b == -1) return 0;
  }
  return static_cast<T>(a % b);
}

// |x| in the unsigned type (the minimum's magnitude is representable there).
template <typename T>
std::make_unsigned_t<T> magnitude(T x) {
  using U = std::make_unsigned_t<T>;
  if constexpr (std::is_signed_v<T>) return x < 0 ? static_cast<U>(U(0) - static_cast<U>(x)) : static_cast<U>(x);
  else return x;
}

template <typename U>
U unsigned_gcd(U a, U b) {
  while (a != 0) {
    const U c = a;
    a = static_cast<U>(b % a);
    b = c;
  }
  return b;
}

// NumPy's gcd and lcm: of the magnitudes, computed unsigned and cast back (gcd(-128, 0) in int8
// is -128, an lcm past the type's range wraps).
template <typename T>
T int_gcd(T a, T b) {
  return static_cast<T>(unsigned_gcd(magnitude(a), magnitude(b)));
}
template <typename T>
T int_lcm(T a, T b) {
  using U = std::make_unsigned_t<T>;
  const U x = magnitude(a), y = magnitude(b);
  const U g = unsigned_gcd(x, y);
  if (g == 0) return 0;
  using W = std::conditional_t<(sizeof(U) < sizeof(unsigned)), unsigned, U>;
  return static_cast<T>(static_cast<U>(static_cast<W>(x / g) * static_cast<W>(y)));
}

// ldexp with the exponent held in the float type: clamped to int's range first (any exponent
// beyond ±2^31 overflows or underflows every finite mantissa alike).
template <typename T>
T float_ldexp(T x, T e) {
  if (std::isnan(e)) return std::numeric_limits<T>::quiet_NaN();
  const T lo = static_cast<T>(std::numeric_limits<int>::min()), hi = static_cast<T>(std::numeric_limits<int>::max() / 2);
  return std::ldexp(x, static_cast<int>(std::clamp(e, lo, hi)));
}

// NumPy's integer reciprocal of 0: its loop computes 1 / 0 with the hardware's idiv trap avoided
// as x86-64 NumPy does, giving the minimum for int32 / int64 and 0 for the other types.
template <typename T>
T int_reciprocal_of_zero() {
  if constexpr (std::is_same_v<T, int32_t> || std::is_same_v<T, int64_t>) return std::numeric_limits<T>::min();
  else return 0;
}

// NumPy's complex division (Smith's method; 0 / 0 is a NaN or an infinity per part).
template <typename C>
C complex_divide(C a, C b) {
  using R = real_t<C>;
  const R ar = a.real(), ai = a.imag(), br = b.real(), bi = b.imag();
  const R abs_br = std::fabs(br), abs_bi = std::fabs(bi);
  if (abs_br >= abs_bi) {
    if (abs_br == 0 && abs_bi == 0) return C(ar / abs_br, ai / abs_bi);
    const R rat = bi / br;
    const R scl = R(1) / (br + bi * rat);
    return C((ar + ai * rat) * scl, (ai - ar * rat) * scl);
  }
  const R rat = br / bi;
  const R scl = R(1) / (bi + br * rat);
  return C((ar * rat + ai) * scl, (ai * rat - ar) * scl);
}

// NumPy's complex reciprocal (its own loop: 1 / 0j is nan+nanj).
template <typename C>
C complex_reciprocal(C x) {
  using R = real_t<C>;
  const R xr = x.real(), xi = x.imag();
  if (std::fabs(xi) <= std::fabs(xr)) {
    const R r = xi / xr;
    const R d = xr + xi * r;
    return C(R(1) / d, -r / d);
  }
  const R r = xr / xi;
  const R d = xr * r + xi;
  return C(r / d, R(-1) / d);
}

// NumPy's complex sign: x / |x|, with its cases for NaN, infinite and zero magnitudes.
template <typename C>
C complex_sign(C x) {
  using R = real_t<C>;
  const R xr = x.real(), xi = x.imag();
  const R m = std::hypot(xr, xi);
  if (std::isnan(m)) return C(NAN, NAN);
  if (std::isinf(m)) {
    if (std::isinf(xr)) return std::isinf(xi) ? C(NAN, NAN) : C(xr > 0 ? 1 : -1, 0);
    if (std::isinf(xi)) return C(0, xi > 0 ? 1 : -1);
    return C(xr / m, xi / m);
  }
  if (m == 0) return C(0, 0);
  return C(xr / m, xi / m);
}

// NumPy's npy_cpow: x**0 is 1, a zero base 0 or NaN, small integer exponents by repeated
// (plain) complex products, the rest by the C library's cpow.
template <typename C>
C complex_power(C a, C b) {
  using R = real_t<C>;
  const R br = b.real(), bi = b.imag();
  if (br == 0 && bi == 0) return C(1, 0);
  if (a.real() == 0 && a.imag() == 0) return br > 0 ? C(0, 0) : C(NAN, NAN);
  if (bi == 0 && br > -100 && br < 100 && br == std::trunc(br)) {
    int64_t n = static_cast<int64_t>(br);
    if (n == 1) return a;
    if (n == 2) return cmul(a, a);
    if (n == 3) return cmul(a, cmul(a, a));
    if (n < 0) n = -n;
    C aa(1, 0), p = a;
    int64_t mask = 1;
    for (;;) {
      if (n & mask) aa = cmul(aa, p);
      mask <<= 1;
      if (n < mask) break;
      p = cmul(p, p);
    }
    return br < 0 ? complex_divide(C(1, 0), aa) : aa;
  }
  return static_cast<C>(std::pow(a, b));
}

// Runs out = op(a, b) over the pieces; the cases the compiler vectorises get their own loops.
template <typename Out, typename T, typename Op>
void binary_loop(const legate_physical_store* const (&stores)[3], Op op) {
  Out* o = at<Out>(*stores[0]);
  const T* a = at<const T>(*stores[1]);
  const T* b = at<const T>(*stores[2]);
  for_each_point(stores, [&](const int64_t* base, int64_t n, const int64_t* stride) {
    Out* __restrict po = o + base[0];
    const T* pa = a + base[1];
    const T* pb = b + base[2];
    if (stride[0] == 1 && stride[1] == 1 && stride[2] == 1) {
      for (int64_t i = 0; i < n; ++i) po[i] = op(pa[i], pb[i]);
    } else if (stride[0] == 1 && stride[1] == 1 && stride[2] == 0) {  // array <op> scalar
      const T y = *pb;
      for (int64_t i = 0; i < n; ++i) po[i] = op(pa[i], y);
    } else if (stride[0] == 1 && stride[1] == 0 && stride[2] == 1) {  // scalar <op> array
      const T x = *pa;
      for (int64_t i = 0; i < n; ++i) po[i] = op(x, pb[i]);
    } else {
      for (int64_t i = 0; i < n; ++i) po[i * stride[0]] = op(pa[i * stride[1]], pb[i * stride[2]]);
    }
  });
}

template <typename T>
bool arithmetic(legate_task_context* ctx, const legate_physical_store* const (&s)[3], int32_t op) {
  constexpr bool is_bool = std::is_same_v<T, bool>;
  constexpr bool is_int = is_int_v<T>;
  constexpr bool is_float = std::is_floating_point_v<T>;
  constexpr bool is_cplx = is_complex_v<T>;
  switch (op) {
    case kAdd:
      if constexpr (is_bool) binary_loop<T, T>(s, [](T x, T y) { return x || y; });
      else if constexpr (is_int) binary_loop<T, T>(s, [](T x, T y) { return wrap_add(x, y); });
      else binary_loop<T, T>(s, [](T x, T y) { return x + y; });
      return true;
    case kSubtract:
      if constexpr (is_bool) return false;
      else if constexpr (is_int) binary_loop<T, T>(s, [](T x, T y) { return wrap_sub(x, y); });
      else binary_loop<T, T>(s, [](T x, T y) { return x - y; });
      return true;
    case kMultiply:
      if constexpr (is_bool) binary_loop<T, T>(s, [](T x, T y) { return x && y; });
      else if constexpr (is_int) binary_loop<T, T>(s, [](T x, T y) { return wrap_mul(x, y); });
      else if constexpr (is_cplx) binary_loop<T, T>(s, [](T x, T y) { return cmul_fused(x, y); });
      else binary_loop<T, T>(s, [](T x, T y) { return x * y; });
      return true;
    case kDivide:
      if constexpr (is_cplx) {
        binary_loop<T, T>(s, [](T x, T y) { return complex_divide(x, y); });
        return true;
      } else if constexpr (is_float) {
        binary_loop<T, T>(s, [](T x, T y) { return x / y; });
        return true;
      }
      return false;
    case kFloorDivide:
      if constexpr (is_int) binary_loop<T, T>(s, [](T x, T y) { return int_floor_divide(x, y); });
      else if constexpr (is_float) binary_loop<T, T>(s, [](T x, T y) { T q, r; float_divmod(x, y, &q, &r); return q; });
      else return false;
      return true;
    case kRemainder:
      if constexpr (is_int) binary_loop<T, T>(s, [](T x, T y) { return int_remainder(x, y); });
      else if constexpr (is_float) binary_loop<T, T>(s, [](T x, T y) { T q, r; float_divmod(x, y, &q, &r); return r; });
      else return false;
      return true;
    case kPower:
      if constexpr (is_int) {
        if constexpr (std::is_signed_v<T>) {
          bool negative = false;
          const legate_physical_store* exponents[1] = {s[2]};
          const T* e = at<const T>(*s[2]);
          for_each_point(exponents, [&](const int64_t* base, int64_t n, const int64_t* stride) {
            for (int64_t i = 0; i < n; ++i) negative |= e[base[0] + i * stride[0]] < 0;
          });
          if (negative) {
            core->task_fail(ctx, "power: Integers to negative integer powers are not allowed.");
            return true;
          }
        }
        binary_loop<T, T>(s, [](T x, T y) { return int_power(x, y); });
      } else if constexpr (is_cplx) {
        // NumPy's zero base: 1 for a zero exponent, 0 for a positive real part, NaN otherwise.
        binary_loop<T, T>(s, [](T x, T y) { return complex_power(x, y); });
      } else if constexpr (is_float) {
        binary_loop<T, T>(s, [](T x, T y) { return static_cast<T>(std::pow(x, y)); });
      } else {
        return false;
      }
      return true;
    case kClipMaximum:
    case kClipMinimum:
      if constexpr (is_cplx) {
        // NumPy's _NPY_MAX / _NPY_MIN for complex: a NaN-holding x stays, else x unless x < bound.
        const auto ge = [](T x, T y) { return x.real() > y.real() || (x.real() == y.real() && x.imag() >= y.imag()); };
        if (op == kClipMaximum) binary_loop<T, T>(s, [ge](T x, T y) { return (is_nan(x) || ge(x, y)) ? x : y; });
        else binary_loop<T, T>(s, [ge](T x, T y) { return (is_nan(x) || ge(y, x)) ? x : y; });
        return true;
      } else {
        return arithmetic<T>(ctx, s, op == kClipMaximum ? kMaximum : kMinimum);
      }
    case kMaximum:
    case kFmax:
    case kMinimum:
    case kFmin: {
      // maximum/minimum propagate NaN; fmax/fmin prefer the number.
      const bool propagate = op == kMaximum || op == kMinimum;
      const bool max = op == kMaximum || op == kFmax;
      if (max && propagate) binary_loop<T, T>(s, [](T x, T y) { return (is_nan(x) || (!is_nan(y) && !less(x, y))) ? x : y; });
      else if (max) binary_loop<T, T>(s, [](T x, T y) { return (is_nan(y) || (!is_nan(x) && !less(x, y))) ? x : y; });
      else if (propagate) binary_loop<T, T>(s, [](T x, T y) { return (is_nan(x) || (!is_nan(y) && !less(y, x))) ? x : y; });
      else binary_loop<T, T>(s, [](T x, T y) { return (is_nan(y) || (!is_nan(x) && !less(y, x))) ? x : y; });
      return true;
    }
    case kArctan2:
      if constexpr (is_float) binary_loop<T, T>(s, [](T x, T y) { return std::atan2(x, y); });
      else return false;
      return true;
    case kHypot:
      if constexpr (is_float) binary_loop<T, T>(s, [](T x, T y) { return std::hypot(x, y); });
      else return false;
      return true;
    case kCopysign:
      if constexpr (is_float) binary_loop<T, T>(s, [](T x, T y) { return std::copysign(x, y); });
      else return false;
      return true;
    case kBitwiseAnd:
    case kBitwiseOr:
    case kBitwiseXor:
      if constexpr (is_bool) {
        if (op == kBitwiseAnd) binary_loop<T, T>(s, [](T x, T y) { return x && y; });
        else if (op == kBitwiseOr) binary_loop<T, T>(s, [](T x, T y) { return x || y; });
        else binary_loop<T, T>(s, [](T x, T y) { return x != y; });
        return true;
      } else if constexpr (is_int) {
        if (op == kBitwiseAnd) binary_loop<T, T>(s, [](T x, T y) { return static_cast<T>(x & y); });
        else if (op == kBitwiseOr) binary_loop<T, T>(s, [](T x, T y) { return static_cast<T>(x | y); });
        else binary_loop<T, T>(s, [](T x, T y) { return static_cast<T>(x ^ y); });
        return true;
      }
      return false;
    case kLeftShift:
      if constexpr (is_int) binary_loop<T, T>(s, [](T x, T y) { return left_shift(x, y); });
      else return false;
      return true;
    case kRightShift:
      if constexpr (is_int) binary_loop<T, T>(s, [](T x, T y) { return right_shift(x, y); });
      else return false;
      return true;
    case kFmod:
      if constexpr (is_int) binary_loop<T, T>(s, [](T x, T y) { return int_fmod(x, y); });
      else if constexpr (is_float) binary_loop<T, T>(s, [](T x, T y) { return std::fmod(x, y); });
      else return false;
      return true;
    case kGcd:
    case kLcm:
      if constexpr (is_int) {
        if (op == kGcd) binary_loop<T, T>(s, [](T x, T y) { return int_gcd(x, y); });
        else binary_loop<T, T>(s, [](T x, T y) { return int_lcm(x, y); });
        return true;
      }
      return false;
    case kNextafter:
      if constexpr (is_float) binary_loop<T, T>(s, [](T x, T y) { return std::nextafter(x, y); });
      else return false;
      return true;
    case kLdexp:
      if constexpr (is_float) binary_loop<T, T>(s, [](T x, T y) { return float_ldexp(x, y); });
      else return false;
      return true;
    default:
      return false;
  }
}

template <typename T>
bool predicate(const legate_physical_store* const (&s)[3], int32_t op) {
  switch (op) {
    case kEqual: binary_loop<bool, T>(s, [](T x, T y) { return x == y; }); return true;
    case kNotEqual: binary_loop<bool, T>(s, [](T x, T y) { return x != y; }); return true;
    // NaN compares false both ways, complex numbers lexicographically.
    case kLess: binary_loop<bool, T>(s, [](T x, T y) { return !is_nan(x) && !is_nan(y) && less(x, y); }); return true;
    case kLessEqual: binary_loop<bool, T>(s, [](T x, T y) { return !is_nan(x) && !is_nan(y) && !less(y, x); }); return true;
    case kGreater: binary_loop<bool, T>(s, [](T x, T y) { return !is_nan(x) && !is_nan(y) && less(y, x); }); return true;
    case kGreaterEqual: binary_loop<bool, T>(s, [](T x, T y) { return !is_nan(x) && !is_nan(y) && !less(x, y); }); return true;
    case kLogicalAnd: binary_loop<bool, T>(s, [](T x, T y) { return x != T{} && y != T{}; }); return true;
    case kLogicalOr: binary_loop<bool, T>(s, [](T x, T y) { return x != T{} || y != T{}; }); return true;
    case kLogicalXor: binary_loop<bool, T>(s, [](T x, T y) { return (x != T{}) != (y != T{}); }); return true;
    default: return false;
  }
}

// out = x1 <op> x2. One of the operands may be a scalar instead of a store (scalars: op, the
// operand's bytes in x's type, and 0 when it is x2, 1 when it is x1): it is read as a store of
// x's shape whose strides are all 0.
void binary(legate_task_context* ctx) {
  legate_physical_store operand;
  const legate_physical_store* stores[3] = {&ctx->outputs[0], &ctx->inputs[0], nullptr};
  if (ctx->num_inputs == 2) {
    stores[2] = &ctx->inputs[1];
  } else {
    size_t itemsize = 0;
    if (ctx->num_inputs == 1) dispatch(ctx->inputs[0].type_code, [&](auto zero) { itemsize = sizeof(zero); });
    if (ctx->num_inputs != 1 || ctx->num_scalars != 3 || ctx->scalar_sizes[1] != itemsize) {
      core->task_fail(ctx, "binary: expected two inputs, or one and a scalar operand of its type");
      return;
    }
    operand = ctx->inputs[0];
    operand.data = const_cast<void*>(ctx->scalars[1]);
    for (int32_t d = 0; d < operand.ndim; ++d) operand.strides[d] = 0;
    const bool first = scalar_arg<int32_t>(ctx, 2) != 0;
    stores[first ? 1 : 2] = &operand;
    stores[first ? 2 : 1] = &ctx->inputs[0];
  }
  const int32_t op = scalar_arg<int32_t>(ctx, 0);
  const bool to_bool = op >= kEqual && op <= kLogicalXor;
  bool ok = false;
  dispatch(stores[1]->type_code, [&](auto zero) {
    using T = decltype(zero);
    if (stores[2]->type_code != type_code_of<T>()) return;
    if (to_bool) {
      if (stores[0]->type_code == LEGATE_BOOL) ok = predicate<T>(stores, op);
    } else if (stores[0]->type_code == type_code_of<T>()) {
      ok = arithmetic<T>(ctx, stores, op);
    }
  });
  if (!ok) core->task_fail(ctx, "binary: the operator does not take these types");
}

// out = op(x) over the pieces.
template <typename Out, typename In, typename Op>
void unary_loop(const legate_physical_store* const (&stores)[2], Op op) {
  Out* o = at<Out>(*stores[0]);
  const In* x = at<const In>(*stores[1]);
  for_each_point(stores, [&](const int64_t* base, int64_t n, const int64_t* stride) {
    Out* __restrict po = o + base[0];
    const In* px = x + base[1];
    if (stride[0] == 1 && stride[1] == 1) {
      for (int64_t i = 0; i < n; ++i) po[i] = op(px[i]);
    } else {
      for (int64_t i = 0; i < n; ++i) po[i * stride[0]] = op(px[i * stride[1]]);
    }
  });
}

// NumPy's round: half to even, at `decimals` places (negative: left of the point).
template <typename T>
T round_to(T x, int32_t decimals) {
  if constexpr (std::is_floating_point_v<T>) {
    if (decimals == 0) return std::nearbyint(x);
    T factor = std::pow(T(10), static_cast<T>(std::abs(decimals)));
    return decimals > 0 ? std::nearbyint(x * factor) / factor : std::nearbyint(x / factor) * factor;
  } else if constexpr (is_complex_v<T>) {
    return T(round_to(x.real(), decimals), round_to(x.imag(), decimals));
  } else if constexpr (is_int_v<T>) {
    if (decimals >= 0) return x;
    if (decimals < -18) return 0;
    int64_t factor = 1;
    for (int32_t i = 0; i < -decimals; ++i) factor *= 10;
    if (static_cast<uint64_t>(factor) > static_cast<uint64_t>(std::numeric_limits<T>::max())) return 0;
    T f = static_cast<T>(factor);
    T q = int_floor_divide(x, f);
    T r = static_cast<T>(x - q * f);
    // Half to even, as NumPy rounds integers through float division and rint.
    if (2 * static_cast<int64_t>(r) > factor || (2 * static_cast<int64_t>(r) == factor && (q & 1))) ++q;
    return wrap_mul(q, f);
  } else {
    return x;
  }
}

template <typename T>
bool same_type_unary(legate_task_context* ctx, const legate_physical_store* const (&s)[2], int32_t op) {
  constexpr bool is_bool = std::is_same_v<T, bool>;
  constexpr bool is_int = is_int_v<T>;
  constexpr bool is_float = std::is_floating_point_v<T>;
  constexpr bool is_cplx = is_complex_v<T>;
  constexpr bool inexact = is_float || is_cplx;
  switch (op) {
    case kNegative:
      if constexpr (is_bool) return false;
      else if constexpr (is_int) unary_loop<T, T>(s, [](T x) { return wrap_sub(T(0), x); });
      else unary_loop<T, T>(s, [](T x) { return -x; });
      return true;
    case kPositive:
      if constexpr (is_bool) return false;
      else unary_loop<T, T>(s, [](T x) { return x; });
      return true;
    case kAbsolute:
      if constexpr (is_cplx) return false;  // complex -> real, below
      else if constexpr (std::is_signed_v<T> && is_int) unary_loop<T, T>(s, [](T x) { return x < 0 ? wrap_sub(T(0), x) : x; });
      else if constexpr (is_float) unary_loop<T, T>(s, [](T x) { return std::fabs(x); });
      else unary_loop<T, T>(s, [](T x) { return x; });
      return true;
    case kSign:
      if constexpr (is_bool) return false;
      else if constexpr (is_cplx) unary_loop<T, T>(s, [](T x) { return complex_sign(x); });
      else if constexpr (is_float) unary_loop<T, T>(s, [](T x) { return std::isnan(x) ? x : static_cast<T>((x > 0) - (x < 0)); });
      else if constexpr (std::is_signed_v<T>) unary_loop<T, T>(s, [](T x) { return static_cast<T>((x > 0) - (x < 0)); });
      else unary_loop<T, T>(s, [](T x) { return static_cast<T>(x != 0); });
      return true;
    case kSquare:
      if constexpr (is_bool) unary_loop<T, T>(s, [](T x) { return x; });
      else if constexpr (is_int) unary_loop<T, T>(s, [](T x) { return wrap_mul(x, x); });
      else if constexpr (is_cplx) unary_loop<T, T>(s, [](T x) { return cmul_fused(x, x); });
      else unary_loop<T, T>(s, [](T x) { return x * x; });
      return true;
    case kReciprocal:
      if constexpr (is_bool) unary_loop<T, T>(s, [](T x) { return x; });
      else if constexpr (is_int) unary_loop<T, T>(s, [](T x) { return x == 0 ? int_reciprocal_of_zero<T>() : static_cast<T>(T(1) / x); });  // C's truncating division, as NumPy's
      else if constexpr (is_cplx) unary_loop<T, T>(s, [](T x) { return complex_reciprocal(x); });
      else unary_loop<T, T>(s, [](T x) { return T(1) / x; });
      return true;
    case kFloor:
    case kCeil:
    case kTrunc:
    case kRint:
      if constexpr (is_cplx) {
        if (op == kRint) {
          unary_loop<T, T>(s, [](T x) { return round_to(x, 0); });
          return true;
        }
        return false;
      } else if constexpr (is_float) {
        if (op == kFloor) unary_loop<T, T>(s, [](T x) { return std::floor(x); });
        else if (op == kCeil) unary_loop<T, T>(s, [](T x) { return std::ceil(x); });
        else if (op == kTrunc) unary_loop<T, T>(s, [](T x) { return std::trunc(x); });
        else unary_loop<T, T>(s, [](T x) { return std::nearbyint(x); });
        return true;
      } else if constexpr (is_int || is_bool) {
        unary_loop<T, T>(s, [](T x) { return x; });
        return true;
      }
      return false;
    case kRound: {
      const auto decimals = static_cast<int32_t>(scalar_arg<double>(ctx, 1));
      unary_loop<T, T>(s, [decimals](T x) { return round_to(x, decimals); });
      return true;
    }
    case kInvert:
      if constexpr (is_bool) unary_loop<T, T>(s, [](T x) { return !x; });
      else if constexpr (is_int) unary_loop<T, T>(s, [](T x) { return static_cast<T>(~x); });
      else return false;
      return true;
    case kConj:
      if constexpr (is_cplx) unary_loop<T, T>(s, [](T x) { return std::conj(x); });
      else unary_loop<T, T>(s, [](T x) { return x; });
      return true;
    case kReal:
    case kImag:
      if constexpr (is_cplx) return false;
      else if (op == kReal) unary_loop<T, T>(s, [](T x) { return x; });
      else unary_loop<T, T>(s, [](T) { return T{}; });
      return true;
    default:
      break;
  }
  if constexpr (inexact) {
    using R = real_t<T>;
    switch (op) {
      case kSqrt: unary_loop<T, T>(s, [](T x) { return std::sqrt(x); }); return true;
      case kCbrt:
        if constexpr (is_float) unary_loop<T, T>(s, [](T x) { return std::cbrt(x); });
        else return false;
        return true;
      case kExp: unary_loop<T, T>(s, [](T x) { return std::exp(x); }); return true;
      case kExp2:
        if constexpr (is_float) unary_loop<T, T>(s, [](T x) { return std::exp2(x); });
        else unary_loop<T, T>(s, [](T x) { return std::exp(T(x.real() * std::log(R(2)), x.imag() * std::log(R(2)))); });  // NumPy's nc_exp2
        return true;
      case kExpm1:
        if constexpr (is_float) unary_loop<T, T>(s, [](T x) { return std::expm1(x); });
        else unary_loop<T, T>(s, [](T x) {  // NumPy's nc_expm1
          const R h = std::sin(x.imag() / 2);
          return T(std::expm1(x.real()) * std::cos(x.imag()) - 2 * h * h, std::exp(x.real()) * std::sin(x.imag()));
        });
        return true;
      case kLog: unary_loop<T, T>(s, [](T x) { return std::log(x); }); return true;
      case kLog2:
        if constexpr (is_float) unary_loop<T, T>(s, [](T x) { return std::log2(x); });
        else unary_loop<T, T>(s, [](T x) { return std::log(x) / std::log(R(2)); });
        return true;
      case kLog10: unary_loop<T, T>(s, [](T x) { return std::log10(x); }); return true;
      case kLog1p:
        if constexpr (is_float) unary_loop<T, T>(s, [](T x) { return std::log1p(x); });
        else unary_loop<T, T>(s, [](T x) { return std::log(T(1) + x); });
        return true;
      case kSin: unary_loop<T, T>(s, [](T x) { return std::sin(x); }); return true;
      case kCos: unary_loop<T, T>(s, [](T x) { return std::cos(x); }); return true;
      case kTan: unary_loop<T, T>(s, [](T x) { return std::tan(x); }); return true;
      case kArcsin: unary_loop<T, T>(s, [](T x) { return std::asin(x); }); return true;
      case kArccos: unary_loop<T, T>(s, [](T x) { return std::acos(x); }); return true;
      case kArctan: unary_loop<T, T>(s, [](T x) { return std::atan(x); }); return true;
      case kSinh: unary_loop<T, T>(s, [](T x) { return std::sinh(x); }); return true;
      case kCosh: unary_loop<T, T>(s, [](T x) { return std::cosh(x); }); return true;
      case kTanh: unary_loop<T, T>(s, [](T x) { return std::tanh(x); }); return true;
      case kArcsinh: unary_loop<T, T>(s, [](T x) { return std::asinh(x); }); return true;
      case kArccosh: unary_loop<T, T>(s, [](T x) { return std::acosh(x); }); return true;
      case kArctanh: unary_loop<T, T>(s, [](T x) { return std::atanh(x); }); return true;
      case kAngle:
        if constexpr (is_float) {
          unary_loop<T, T>(s, [](T x) { return std::atan2(T(0), x); });
          return true;
        }
        return false;
      case kSpacing:
        // The step to the next float away from zero (zeros of both signs step up); ±∞ and NaN give NaN.
        if constexpr (is_float) {
          unary_loop<T, T>(s, [](T x) {
            if (!std::isfinite(x)) return std::numeric_limits<T>::quiet_NaN();
            return std::nextafter(x, x < 0 ? -std::numeric_limits<T>::infinity() : std::numeric_limits<T>::infinity()) - x;
          });
          return true;
        }
        return false;
      case kFrexpMantissa:
        if constexpr (is_float) {
          unary_loop<T, T>(s, [](T x) {
            int e = 0;
            return std::isfinite(x) ? std::frexp(x, &e) : x;
          });
          return true;
        }
        return false;
      default: return false;
    }
  }
  return false;
}

template <typename T>
bool to_bool_unary(const legate_physical_store* const (&s)[2], int32_t op) {
  switch (op) {
    case kIsnan: unary_loop<bool, T>(s, [](T x) { return is_nan(x); }); return true;
    case kIsinf:
      if constexpr (is_complex_v<T>) unary_loop<bool, T>(s, [](T x) { return std::isinf(x.real()) || std::isinf(x.imag()); });
      else if constexpr (std::is_floating_point_v<T>) unary_loop<bool, T>(s, [](T x) { return std::isinf(x); });
      else unary_loop<bool, T>(s, [](T) { return false; });
      return true;
    case kIsfinite:
      if constexpr (is_complex_v<T>) unary_loop<bool, T>(s, [](T x) { return std::isfinite(x.real()) && std::isfinite(x.imag()); });
      else if constexpr (std::is_floating_point_v<T>) unary_loop<bool, T>(s, [](T x) { return std::isfinite(x); });
      else unary_loop<bool, T>(s, [](T) { return true; });
      return true;
    case kSignbit:
      if constexpr (is_complex_v<T>) return false;
      else if constexpr (std::is_floating_point_v<T>) unary_loop<bool, T>(s, [](T x) { return std::signbit(x); });
      else if constexpr (std::is_signed_v<T>) unary_loop<bool, T>(s, [](T x) { return x < 0; });
      else unary_loop<bool, T>(s, [](T) { return false; });
      return true;
    case kLogicalNot: unary_loop<bool, T>(s, [](T x) { return x == T{}; }); return true;
    default: return false;
  }
}

template <typename T>
bool to_real_unary(const legate_physical_store* const (&s)[2], int32_t op) {
  if constexpr (is_complex_v<T>) {
    using R = real_t<T>;
    switch (op) {
      case kAbsolute: unary_loop<R, T>(s, [](T x) { return std::abs(x); }); return true;
      case kReal: unary_loop<R, T>(s, [](T x) { return x.real(); }); return true;
      case kImag: unary_loop<R, T>(s, [](T x) { return x.imag(); }); return true;
      case kAngle: unary_loop<R, T>(s, [](T x) { return std::arg(x); }); return true;
      default: return false;
    }
  }
  return false;
}

// The unary operators whose output type is fixed: frexp's exponent (int32), bitwise_count (uint8).
template <typename T>
bool fixed_type_unary(const legate_physical_store* const (&s)[2], int32_t op) {
  const int32_t out = s[0]->type_code;
  if constexpr (std::is_floating_point_v<T>) {
    if (op == kFrexpExponent && out == LEGATE_INT32) {
      unary_loop<int32_t, T>(s, [](T x) {
        int e = 0;
        if (std::isfinite(x)) std::frexp(x, &e);
        return static_cast<int32_t>(e);
      });
      return true;
    }
  }
  if constexpr (is_int_v<T>) {
    if (op == kBitwiseCount && out == LEGATE_UINT8) {
      unary_loop<uint8_t, T>(s, [](T x) { return static_cast<uint8_t>(__builtin_popcountll(static_cast<unsigned long long>(magnitude(x)))); });
      return true;
    }
  }
  return false;
}

void unary(legate_task_context* ctx) {
  const legate_physical_store* stores[2] = {&ctx->outputs[0], &ctx->inputs[0]};
  const int32_t op = scalar_arg<int32_t>(ctx, 0);
  bool ok = false;
  dispatch(stores[1]->type_code, [&](auto zero) {
    using T = decltype(zero);
    const int32_t out = stores[0]->type_code;
    if (op == kFrexpExponent || op == kBitwiseCount) ok = fixed_type_unary<T>(stores, op);
    else if (out == type_code_of<T>()) ok = same_type_unary<T>(ctx, stores, op);
    else if (out == LEGATE_BOOL) ok = to_bool_unary<T>(stores, op);
    else if (out == type_code_of<real_t<T>>()) ok = to_real_unary<T>(stores, op);
    // isnan & co. of bool input: the output is bool too, so the first branch missed them.
    if (!ok && out == LEGATE_BOOL && std::is_same_v<T, bool>) ok = to_bool_unary<T>(stores, op);
  });
  if (!ok) core->task_fail(ctx, "unary: the operator does not take these types");
}

void where(legate_task_context* ctx) {
  const auto& out = ctx->outputs[0];
  const legate_physical_store* stores[4] = {&out, &ctx->inputs[0], &ctx->inputs[1], &ctx->inputs[2]};
  bool ok = dispatch(out.type_code, [&](auto zero) {
    using T = decltype(zero);
    T* o = at<T>(out);
    const bool* c = at<const bool>(ctx->inputs[0]);
    const T* a = at<const T>(ctx->inputs[1]);
    const T* b = at<const T>(ctx->inputs[2]);
    for_each_point(stores, [&](const int64_t* base, int64_t n, const int64_t* stride) {
      for (int64_t i = 0; i < n; ++i) {
        o[base[0] + i * stride[0]] = c[base[1] + i * stride[1]] ? a[base[2] + i * stride[2]] : b[base[3] + i * stride[3]];
      }
    });
  });
  if (!ok) core->task_fail(ctx, "where: unknown type");
}

}  // namespace

void register_ufunc_tasks(const legate_core_api* api, int32_t library) {
  api->register_task(library, kBinary, "numeric.binary", binary);
  api->register_task(library, kUnary, "numeric.unary", unary);
  api->register_task(library, kWhere, "numeric.where", where);
}

}  // namespace legate::numeric
