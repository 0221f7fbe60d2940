// A library addon that is not part of core: it registers its tasks through core's C ABI only,
// as numeric, sparse and third parties do. Used by core's tests of launches and constraints.
#include <napi.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <string>
#include <thread>

#include "legate/addon.hpp"

namespace {

const legate_core_api* api = nullptr;

// Calls body(element offset of each store, global point) for every point of the first store's
// piece; all stores of the call must have the same piece shape.
template <int N, typename Body>
void for_each(const legate_physical_store* const (&stores)[N], Body body) {
  const legate_physical_store& first = *stores[0];
  int64_t count = 1;
  for (int32_t d = 0; d < first.ndim; ++d) count *= first.shape[d];
  int64_t index[LEGATE_MAX_DIM] = {};
  for (int64_t i = 0; i < count; ++i) {
    int64_t offsets[N];
    for (int s = 0; s < N; ++s) {
      offsets[s] = 0;
      for (int32_t d = 0; d < stores[s]->ndim; ++d) offsets[s] += index[d] * stores[s]->strides[d];
    }
    int64_t global[LEGATE_MAX_DIM];
    for (int32_t d = 0; d < first.ndim; ++d) global[d] = first.offset[d] + index[d];
    body(offsets, global);
    for (int32_t d = first.ndim; d-- > 0;) {
      if (++index[d] < first.shape[d]) break;
      index[d] = 0;
    }
  }
}

double* f64(const legate_physical_store& s) { return static_cast<double*>(s.data); }
double scalar(legate_task_context* ctx, int i) { return *static_cast<const double*>(ctx->scalars[i]); }

// 0: out[p] = sum_d p_d * 1000^(ndim-1-d)
void iota(legate_task_context* ctx) {
  const legate_physical_store* s[1] = {&ctx->outputs[0]};
  int32_t nd = ctx->outputs[0].ndim;
  for_each(s, [&](const int64_t* off, const int64_t* p) {
    double v = 0;
    for (int32_t d = 0; d < nd; ++d) v = v * 1000 + static_cast<double>(p[d]);
    f64(ctx->outputs[0])[off[0]] = v;
  });
}

// 1: out = scalar 0
void fill(legate_task_context* ctx) {
  const legate_physical_store* s[1] = {&ctx->outputs[0]};
  double v = scalar(ctx, 0);
  for_each(s, [&](const int64_t* off, const int64_t*) { f64(ctx->outputs[0])[off[0]] = v; });
}

// 2: out = in0 + in1
void add(legate_task_context* ctx) {
  const auto &o = ctx->outputs[0], &a = ctx->inputs[0], &b = ctx->inputs[1];
  if (o.ndim == 1 && o.strides[0] == 1 && a.strides[0] == 1 && b.strides[0] == 1) {  // contiguous: vectorised
    double* __restrict out = f64(o);
    const double* __restrict x = f64(a);
    const double* __restrict y = f64(b);
    for (int64_t i = 0; i < o.shape[0]; ++i) out[i] = x[i] + y[i];
    return;
  }
  const legate_physical_store* s[3] = {&ctx->outputs[0], &ctx->inputs[0], &ctx->inputs[1]};
  for_each(s, [&](const int64_t* off, const int64_t*) {
    f64(ctx->outputs[0])[off[0]] = f64(ctx->inputs[0])[off[1]] + f64(ctx->inputs[1])[off[2]];
  });
}

// 3: reduction 0 (0-d, float64) folds every element of input 0 with the reduction's operator
void reduce_all(legate_task_context* ctx) {
  const legate_physical_store* s[1] = {&ctx->inputs[0]};
  double* acc = f64(ctx->reductions[0]);
  int32_t op = ctx->reductions[0].redop;
  for_each(s, [&](const int64_t* off, const int64_t*) {
    double x = f64(ctx->inputs[0])[off[0]];
    switch (op) {
      case LEGATE_REDOP_ADD: *acc += x; break;
      case LEGATE_REDOP_MUL: *acc *= x; break;
      case LEGATE_REDOP_MIN: *acc = std::fmin(*acc, x); break;
      case LEGATE_REDOP_MAX: *acc = std::fmax(*acc, x); break;
      default: break;
    }
  });
}

// 4: fails with the message in the name of the task
void fail(legate_task_context* ctx) { api->task_fail(ctx, "this task always fails"); }

// 5: like fill, after a pause, so that a task that does not wait for it would see old values
void slow_fill(legate_task_context* ctx) {
  std::this_thread::sleep_for(std::chrono::milliseconds(static_cast<int>(scalar(ctx, 1))));
  fill(ctx);
}

// 6: out = (in0 + in1 + in2) / 3, the 1-D stencil over three views
void stencil(legate_task_context* ctx) {
  const legate_physical_store* s[4] = {&ctx->outputs[0], &ctx->inputs[0], &ctx->inputs[1], &ctx->inputs[2]};
  for_each(s, [&](const int64_t* off, const int64_t*) {
    f64(ctx->outputs[0])[off[0]] = (f64(ctx->inputs[0])[off[1]] + f64(ctx->inputs[1])[off[2]] + f64(ctx->inputs[2])[off[3]]) / 3;
  });
}

// 7: histogram: int32 input values in [0, bins) add 1 to an int64 reduction of shape [bins]
void histogram(legate_task_context* ctx) {
  const legate_physical_store* s[1] = {&ctx->inputs[0]};
  const auto& bins = ctx->reductions[0];
  for_each(s, [&](const int64_t* off, const int64_t*) {
    int32_t v = static_cast<const int32_t*>(ctx->inputs[0].data)[off[0]];
    static_cast<int64_t*>(bins.data)[(v - bins.offset[0]) * bins.strides[0]] += 1;
  });
}

// 8: int64 bitwise reduction of an int64 input into a 0-d int64
void reduce_bits(legate_task_context* ctx) {
  const legate_physical_store* s[1] = {&ctx->inputs[0]};
  auto* acc = static_cast<int64_t*>(ctx->reductions[0].data);
  int32_t op = ctx->reductions[0].redop;
  for_each(s, [&](const int64_t* off, const int64_t*) {
    int64_t x = static_cast<const int64_t*>(ctx->inputs[0].data)[off[0]];
    *acc = op == LEGATE_REDOP_AND ? (*acc & x) : op == LEGATE_REDOP_OR ? (*acc | x) : (*acc ^ x);
  });
}

// 9: out = in with its piece's origin recorded: out[p] = (point task index + 1) * 1e6 + in[p]
void tag_pieces(legate_task_context* ctx) {
  const legate_physical_store* s[2] = {&ctx->outputs[0], &ctx->inputs[0]};
  double tag = 0;
  for (int32_t d = 0; d < ctx->launch_ndim; ++d) tag = tag * ctx->launch_shape[d] + ctx->point[d];
  for_each(s, [&](const int64_t* off, const int64_t*) {
    f64(ctx->outputs[0])[off[0]] = (tag + 1) * 1e6 + f64(ctx->inputs[0])[off[1]];
  });
}

// 10: lets a C++ exception escape, which the runtime turns into a failure
void throws(legate_task_context*) { throw std::runtime_error("a C++ exception escaped the task"); }

// 11: CSR SpMV: y = A x with inputs pos ((n, 2) int64 [lo, hi) per row), crd (int64), vals, x;
// crd and vals are partitioned by an image of pos, x by an image of crd.
void spmv(legate_task_context* ctx) {
  const auto& y = ctx->outputs[0];
  const auto& pos = ctx->inputs[0];
  const auto& crd = ctx->inputs[1];
  const auto& vals = ctx->inputs[2];
  const auto& x = ctx->inputs[3];
  for (int64_t r = 0; r < y.shape[0]; ++r) {
    const auto* p = static_cast<const int64_t*>(pos.data) + r * pos.strides[0];
    double sum = 0;
    for (int64_t k = p[0]; k < p[pos.strides[1]]; ++k) {
      int64_t kk = k - crd.offset[0];
      if (kk < 0 || kk >= crd.shape[0]) return api->task_fail(ctx, "crd piece misses a nonzero");
      int64_t c = static_cast<const int64_t*>(crd.data)[kk * crd.strides[0]];
      int64_t xc = c - x.offset[0];
      if (xc < 0 || xc >= x.shape[0]) return api->task_fail(ctx, "x piece misses a column");
      sum += f64(vals)[(k - vals.offset[0]) * vals.strides[0]] * f64(x)[xc * x.strides[0]];
    }
    f64(y)[r * y.strides[0]] = sum;
  }
}

// 12: records the piece of input 0 of each point in a (points, 2) int64 max-reduction
void piece_bounds(legate_task_context* ctx) {
  int64_t point = 0;
  for (int32_t d = 0; d < ctx->launch_ndim; ++d) point = point * ctx->launch_shape[d] + ctx->point[d];
  const auto& in = ctx->inputs[0];
  const auto& red = ctx->reductions[0];
  auto* out = static_cast<int64_t*>(red.data);
  out[point * red.strides[0]] = in.offset[0];
  out[point * red.strides[0] + red.strides[1]] = in.offset[0] + in.shape[0];
}

// 13: does nothing: measures the runtime's own cost per launch and per point task
void noop(legate_task_context*) {}

// 14: an unbound int64 output of the global indices of input 0's non-zero elements (flatnonzero)
void nonzero(legate_task_context* ctx) {
  const auto& in = ctx->inputs[0];
  int64_t count = 0;
  for (int64_t i = 0; i < in.shape[0]; ++i) count += f64(in)[i * in.strides[0]] != 0;
  auto* out = static_cast<int64_t*>(api->create_output_buffer(ctx, 0, count));
  if (out == nullptr) return;
  for (int64_t i = 0, k = 0; i < in.shape[0]; ++i) {
    if (f64(in)[i * in.strides[0]] != 0) out[k++] = in.offset[0] + i;
  }
}

Napi::Value Register(const Napi::CallbackInfo& info) {
  api = legate::core_api_from(info[0]);
  std::string name = legate::library_name_from(info[1]);
  static const char owner = 0;
  int32_t lib = api->register_library(name.c_str(), &owner, nullptr, 0);
  if (lib < 0) throw Napi::Error::New(info.Env(), "register: another library already registered the name '" + name + "'");
  const legate_task_fn tasks[] = {iota,      fill,        add,        reduce_all, fail, slow_fill, stencil,
                                   histogram, reduce_bits, tag_pieces, throws,     spmv, piece_bounds, noop, nonzero};
  const char* names[] = {"iota",      "fill",        "add",        "reduce_all", "fail", "slow_fill",   "stencil",
                         "histogram", "reduce_bits", "tag_pieces", "throws",     "spmv", "piece_bounds", "noop", "nonzero"};
  for (int32_t i = 0; i < static_cast<int32_t>(sizeof(tasks) / sizeof(tasks[0])); ++i) {
    api->register_task(lib, i, names[i], tasks[i]);  // -1 on a second registration: already there
  }
  return Napi::Number::New(info.Env(), lib);
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("register", Napi::Function::New(env, Register, "register"));
  return exports;
}

}  // namespace

NODE_API_MODULE(legate_core_test_tasks, Init)
