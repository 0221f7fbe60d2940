/** Task ids of numeric's addon (native/numeric/src/kernels.h). */
export const enum Task {
  Fill = 0,
  Astype = 1,
  Binary = 2,
  Arange = 3,
  Sum = 4,
}

/** Binary operators of the Binary task. */
export const enum BinaryOp {
  Add = 0,
  Subtract = 1,
  Multiply = 2,
  Divide = 3,
}
