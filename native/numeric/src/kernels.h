// numeric's CPU task variants: elementwise kernels over strided N-d pieces of any element type.
#pragma once

#include <cstdint>

#include "legate/core_abi.h"

namespace legate::numeric {

// Task ids within the numeric library; packages/numeric/src/tasks.ts mirrors them.
enum TaskId : int32_t {
  kFill = 0,     // outputs[0] = scalars[0] (bytes of the output's type)
  kAstype = 1,   // outputs[0] = (output type) inputs[0]
  kBinary = 2,   // outputs[0] = inputs[0] <op> inputs[1]; scalars[0] = op (int32); all one type
  kArange = 3,   // outputs[0][i] = start + (offset + i) * step; scalars: start, step (float64)
  kSum = 4,      // reductions[0] (0-d, add) += sum of inputs[0]; both of the reduction's type
};

// Binary operators; packages/numeric/src/tasks.ts mirrors them.
enum BinaryOp : int32_t { kAdd = 0, kSubtract = 1, kMultiply = 2, kDivide = 3 };

void register_tasks(const legate_core_api* api, int32_t library);

}  // namespace legate::numeric
