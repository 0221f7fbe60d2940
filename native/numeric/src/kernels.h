// numeric's CPU task variants: kernels over strided N-d pieces of any element type.
#pragma once

#include <cstdint>

#include "legate/core_abi.h"

namespace legate::numeric {

// Task ids within the numeric library; packages/numeric/src/tasks.ts mirrors them.
enum TaskId : int32_t {
  kFill = 0,       // outputs[0] = scalars[0] (bytes of the output's type)
  kAstype = 1,     // outputs[0] = (output type) inputs[0]
  kBinary = 2,     // outputs[0] = inputs[0] <op> inputs[1]; scalars[0] = op; inputs one type, output it or bool
  kArange = 3,     // outputs[0][i] = start + (offset + i) * step; scalars: start, step (float64)[, start, step (int64): exact integer outputs]
  kReduceAll = 4,  // reductions[0] (0-d) <op>= all of inputs[0]; scalars[0] = ReduceOp
  kUnary = 5,      // outputs[0] = op(inputs[0]); scalars: op (int32), parameter (float64)
  kWhere = 6,      // outputs[0] = inputs[0] ? inputs[1] : inputs[2]
  kReduce = 7,     // outputs[0] = op over the dimensions of inputs[0] in scalars[1] (bit mask); see reduce.cc
  kScan = 8,       // outputs[0] = inclusive scan of inputs[0] along scalars[1]; scalars[0] = ReduceOp (sum, prod)
  kReshape = 9,    // outputs[0] (split along dim 0) = inputs[0] (whole) in C order
  kDiag = 10,      // scalars[0] = DiagMode, scalars[1] = k (int64); see shape.cc
  kDot = 11,       // reductions[0] (0-d, add) += sum of inputs[0] * inputs[1]; all one type
  kMatmul = 12,    // reductions[0] (…, m, k, n) += inputs[0] · inputs[1] over (…, m, k, n) views; see blas.cc
  kLinalg = 13,    // LAPACK on whole arrays; scalars[0] = LinalgOp; see lapack.cc
  kFft = 14,       // outputs[0] = FFT of inputs[0] over the dimensions in scalars[1] (mask); see fft.cc
  kSort = 15,      // outputs[0] = each line of inputs[0] along scalars[0] sorted (or argsorted); see sort.cc
  kMerge = 16,     // outputs[0] = sorted runs of a 1-D array merged; see sort.cc
  kSearchsorted = 17,  // outputs[0] = insertion points of inputs[1] in sorted inputs[0]
  kNonzero = 18,       // outputs[0] (unbound int64) = positions of inputs[0]'s nonzeros
  kTake = 19,          // outputs[0] = inputs[0].flat[inputs[1]] (whole source)
  kPut = 20,           // outputs[0].flat[inputs[0]] = inputs[1] (whole target, one piece)
  kBincount = 21,      // reductions[0][inputs[0]] += inputs[1] or 1
  kMergePieces = 22,   // a piece of outputs[0] = two sorted runs merged; see sort.cc
  kRandom = 40,    // outputs[0] drawn from RandomDistribution scalars[0]; see random.cc
};

// Distributions of the Random task; packages/numeric/src/tasks.ts mirrors them.
enum RandomDistribution : int32_t { kRandomUniform = 0, kRandomNormal = 1, kRandomIntegers = 2 };

// Binary operators; packages/numeric/src/tasks.ts mirrors them.
enum BinaryOp : int32_t {
  kAdd = 0, kSubtract, kMultiply, kDivide, kFloorDivide, kRemainder, kPower, kMaximum, kMinimum, kFmax,
  kFmin, kArctan2, kHypot, kCopysign, kBitwiseAnd, kBitwiseOr, kBitwiseXor, kLeftShift, kRightShift,
  kEqual, kNotEqual, kLess, kLessEqual, kGreater, kGreaterEqual, kLogicalAnd, kLogicalOr, kLogicalXor,
  // clip's two steps: maximum / minimum, except that a complex bound holding a NaN is compared
  // as NumPy's clip loop compares it (lexicographically, NaN comparisons false) instead of winning.
  kClipMaximum, kClipMinimum,
  // C's fmod (the dividend's sign; integers by 0 give 0), gcd and lcm of the magnitudes (in the
  // unsigned type, wrapping as NumPy's), nextafter, and ldexp (both operands in the float type:
  // the exponent is clamped to int's range).
  kFmod, kGcd, kLcm, kNextafter, kLdexp,
};

// Unary operators; packages/numeric/src/tasks.ts mirrors them.
enum UnaryOp : int32_t {
  kNegative = 0, kPositive, kAbsolute, kSign, kSqrt, kCbrt, kSquare, kReciprocal, kExp, kExp2, kExpm1,
  kLog, kLog2, kLog10, kLog1p, kSin, kCos, kTan, kArcsin, kArccos, kArctan, kSinh, kCosh, kTanh,
  kArcsinh, kArccosh, kArctanh, kFloor, kCeil, kTrunc, kRint, kRound, kIsnan, kIsinf, kIsfinite,
  kSignbit, kLogicalNot, kInvert, kReal, kImag, kConj, kAngle,
  // spacing (the distance to the next float away from zero), frexp's two parts (the exponent as
  // int32; 0 for zeros, infinities and NaNs), and the number of 1 bits of |x| (uint8 out).
  kSpacing, kFrexpMantissa, kFrexpExponent, kBitwiseCount,
};

// Reductions; packages/numeric/src/tasks.ts mirrors them.
enum ReduceOp : int32_t { kSum = 0, kProd, kMin, kMax, kAny, kAll, kCountNonzero, kArgmin, kArgmax };

// Operations of the Linalg task; packages/numeric/src/tasks.ts mirrors them.
enum LinalgOp : int32_t { kLinalgSolve = 0, kLinalgCholesky, kLinalgQr, kLinalgSvd, kLinalgEigh, kLinalgDet, kLinalgLstsq, kLinalgEig };

// Transforms of the Fft task; packages/numeric/src/tasks.ts mirrors them.
enum FftKind : int32_t { kFftC2C = 0, kFftC2CInverse = 1, kFftR2C = 2, kFftC2R = 3 };

enum DiagMode : int32_t { kEye = 0, kFromVector = 1, kExtract = 2 };

void register_tasks(const legate_core_api* api, int32_t library);
void register_ufunc_tasks(const legate_core_api* api, int32_t library);
void register_reduce_tasks(const legate_core_api* api, int32_t library);
void register_shape_tasks(const legate_core_api* api, int32_t library);
void register_random_tasks(const legate_core_api* api, int32_t library);
void register_blas_tasks(const legate_core_api* api, int32_t library);
void register_lapack_tasks(const legate_core_api* api, int32_t library);
void register_fft_tasks(const legate_core_api* api, int32_t library);
void register_sort_tasks(const legate_core_api* api, int32_t library);

}  // namespace legate::numeric
