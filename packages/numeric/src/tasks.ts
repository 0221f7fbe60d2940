/** Task ids of numeric's addon (native/numeric/src/kernels.h). */
export const enum Task {
  Fill = 0,
  Astype = 1,
  Binary = 2,
  Arange = 3,
  ReduceAll = 4,
  Unary = 5,
  Where = 6,
  Reduce = 7,
  Scan = 8,
  Reshape = 9,
  Diag = 10,
  Dot = 11,
  Matmul = 12,
  Linalg = 13,
  Fft = 14,
  Sort = 15,
  Merge = 16,
  Searchsorted = 17,
  Nonzero = 18,
  Take = 19,
  Put = 20,
  Bincount = 21,
  MergePieces = 22,
  Random = 40,
}

/** Distributions of the Random task, in kernels.h's order. */
export const enum RandomDistribution {
  Uniform,
  Normal,
  Integers,
}

/** Operators of the Binary task, in kernels.h's order. */
export const enum BinaryOp {
  Add,
  Subtract,
  Multiply,
  Divide,
  FloorDivide,
  Remainder,
  Power,
  Maximum,
  Minimum,
  Fmax,
  Fmin,
  Arctan2,
  Hypot,
  Copysign,
  BitwiseAnd,
  BitwiseOr,
  BitwiseXor,
  LeftShift,
  RightShift,
  Equal,
  NotEqual,
  Less,
  LessEqual,
  Greater,
  GreaterEqual,
  LogicalAnd,
  LogicalOr,
  LogicalXor,
  ClipMaximum,
  ClipMinimum,
}

/** Operators of the Unary task, in kernels.h's order. */
export const enum UnaryOp {
  Negative,
  Positive,
  Absolute,
  Sign,
  Sqrt,
  Cbrt,
  Square,
  Reciprocal,
  Exp,
  Exp2,
  Expm1,
  Log,
  Log2,
  Log10,
  Log1p,
  Sin,
  Cos,
  Tan,
  Arcsin,
  Arccos,
  Arctan,
  Sinh,
  Cosh,
  Tanh,
  Arcsinh,
  Arccosh,
  Arctanh,
  Floor,
  Ceil,
  Trunc,
  Rint,
  Round,
  Isnan,
  Isinf,
  Isfinite,
  Signbit,
  LogicalNot,
  Invert,
  Real,
  Imag,
  Conj,
  Angle,
}

/** Reductions of the ReduceAll, Reduce and Scan tasks. */
export const enum ReduceOp {
  Sum,
  Prod,
  Min,
  Max,
  Any,
  All,
  CountNonzero,
  Argmin,
  Argmax,
}

/** Modes of the Diag task. */
export const enum DiagMode {
  Eye,
  FromVector,
  Extract,
}

/** Operations of the Linalg task, in kernels.h's order. */
export const enum LinalgOp {
  Solve,
  Cholesky,
  Qr,
  Svd,
  Eigh,
  Det,
  Lstsq,
  Eig,
}

/** Transforms of the Fft task, in kernels.h's order. */
export const enum FftKind {
  Forward,
  Inverse,
  RealToComplex,
  ComplexToReal,
}
