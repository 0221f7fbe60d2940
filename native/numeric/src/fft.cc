// Fast Fourier transforms through FFTW's guru interface: a point task transforms its piece, whose
// transformed dimensions are whole and whose other dimensions (the batch) are split across
// processors. Strides of both pieces go to FFTW as they are, so views need no copy (except the
// input of a complex-to-real transform, which FFTW overwrites).
#include <fftw3.h>

#include <cstring>
#include <mutex>
#include <vector>

#include "iteration.h"
#include "kernels.h"

namespace legate::numeric {
namespace {

// FFTW's planner is not thread-safe; executing a plan is.
std::mutex planner;

template <typename R>
struct Fftw;

template <>
struct Fftw<double> {
  using plan = fftw_plan;
  using complex = fftw_complex;
  using iodim = fftw_iodim64;
  static plan dft(int rank, const iodim* dims, int howmany, const iodim* loops, complex* in, complex* out, int sign, unsigned flags) {
    return fftw_plan_guru64_dft(rank, dims, howmany, loops, in, out, sign, flags);
  }
  static plan r2c(int rank, const iodim* dims, int howmany, const iodim* loops, double* in, complex* out, unsigned flags) {
    return fftw_plan_guru64_dft_r2c(rank, dims, howmany, loops, in, out, flags);
  }
  static plan c2r(int rank, const iodim* dims, int howmany, const iodim* loops, complex* in, double* out, unsigned flags) {
    return fftw_plan_guru64_dft_c2r(rank, dims, howmany, loops, in, out, flags);
  }
  static void set_timelimit(double seconds) { fftw_set_timelimit(seconds); }
  static void execute(plan p) { fftw_execute(p); }
  static void destroy(plan p) { fftw_destroy_plan(p); }
};

template <>
struct Fftw<float> {
  using plan = fftwf_plan;
  using complex = fftwf_complex;
  using iodim = fftwf_iodim64;
  static plan dft(int rank, const iodim* dims, int howmany, const iodim* loops, complex* in, complex* out, int sign, unsigned flags) {
    return fftwf_plan_guru64_dft(rank, dims, howmany, loops, in, out, sign, flags);
  }
  static plan r2c(int rank, const iodim* dims, int howmany, const iodim* loops, float* in, complex* out, unsigned flags) {
    return fftwf_plan_guru64_dft_r2c(rank, dims, howmany, loops, in, out, flags);
  }
  static plan c2r(int rank, const iodim* dims, int howmany, const iodim* loops, complex* in, float* out, unsigned flags) {
    return fftwf_plan_guru64_dft_c2r(rank, dims, howmany, loops, in, out, flags);
  }
  static void set_timelimit(double seconds) { fftwf_set_timelimit(seconds); }
  static void execute(plan p) { fftwf_execute(p); }
  static void destroy(plan p) { fftwf_destroy_plan(p); }
};

// Scratch memory laid out as a piece (same strides, same alignment modulo 64 bytes), for FFTW
// to measure plans on.
struct Scratch {
  std::vector<char> memory;
  void* base = nullptr;
  template <typename Dims>
  Scratch(const void* like, size_t item, const Dims& dims, const Dims& loops, bool input) {
    int64_t lo = 0, hi = 0;
    for (const auto* list : {&dims, &loops}) {
      for (const auto& d : *list) {
        const int64_t step = (input ? d.is : d.os) * (d.n - 1);
        (step < 0 ? lo : hi) += step;
      }
    }
    // A halved real-to-complex dimension is shorter on the complex side: hi over-counts, safely.
    const size_t bytes = static_cast<size_t>(hi - lo + 1) * item + 128;
    memory.assign(bytes, 0);
    const auto want = reinterpret_cast<uintptr_t>(like) % 64;
    auto start = reinterpret_cast<uintptr_t>(memory.data()) - static_cast<uintptr_t>(lo) * item;
    start += (want + 64 - start % 64) % 64;
    base = reinterpret_cast<void*>(start);
  }
};

// scalars: kind (FftKind), axes bit mask (int32), scale (float64)
template <typename R>
void transform(legate_task_context* ctx) {
  using F = Fftw<R>;
  using C = std::complex<R>;
  const auto& in = ctx->inputs[0];
  const auto& out = ctx->outputs[0];
  const auto kind = scalar_arg<int32_t>(ctx, 0);
  const auto mask = scalar_arg<int32_t>(ctx, 1);
  const auto scale = scalar_arg<double>(ctx, 2);
  if (volume(out) == 0) return;
  // Transformed dimensions in order (the last one is the halved one of real transforms); the
  // logical size is the real side's extent.
  const auto& real_side = kind == kFftC2R ? out : in;
  std::vector<typename F::iodim> dims, loops;
  for (int32_t d = 0; d < in.ndim; ++d) {
    const typename F::iodim dim{kind == kFftC2C ? in.shape[d] : real_side.shape[d], in.strides[d], out.strides[d]};
    ((mask >> d) & 1 ? dims : loops).push_back(dim);
  }
  // c2r overwrites its input: work on a contiguous copy of the piece, in C order.
  std::vector<C> copy;
  const C* source = kind == kFftR2C ? nullptr : at<const C>(in);
  if (kind == kFftC2R) {
    copy.resize(static_cast<size_t>(volume(in)));
    const legate_physical_store* stores[1] = {&in};
    int64_t k = 0;
    for_each_point(stores, [&](const int64_t* base, int64_t n, const int64_t* stride) {
      for (int64_t i = 0; i < n; ++i) copy[static_cast<size_t>(k++)] = source[base[0] + i * stride[0]];
    });
    int64_t stride = 1;
    std::vector<int64_t> c_strides(static_cast<size_t>(in.ndim));
    for (int32_t d = in.ndim; d-- > 0;) {
      c_strides[static_cast<size_t>(d)] = stride;
      stride *= in.shape[d];
    }
    size_t t = 0, l = 0;
    for (int32_t d = 0; d < in.ndim; ++d) ((mask >> d) & 1 ? dims[t++] : loops[l++]).is = c_strides[static_cast<size_t>(d)];
  }
  // FFTW_ESTIMATE's plans of small transforms run up to ten times slower than measured ones
  // (256 × 256 complex64: 1.3 ms against 0.13 ms here), so each new shape is measured once on scratch arrays laid out as the pieces (measuring
  // overwrites its arrays), within a time limit; the plan for the real arrays then comes from
  // the wisdom that leaves, without touching them.
  const int rank = static_cast<int>(dims.size()), howmany = static_cast<int>(loops.size());
  void* in_ptr = kind == kFftC2R ? static_cast<void*>(copy.data()) : in.data;
  void* out_ptr = out.data;
  const auto make = [&](void* i, void* o, unsigned flags) -> typename F::plan {
    if (kind == kFftC2C || kind == kFftC2CInverse) {
      return F::dft(rank, dims.data(), howmany, loops.data(), static_cast<typename F::complex*>(i), static_cast<typename F::complex*>(o),
                    kind == kFftC2C ? FFTW_FORWARD : FFTW_BACKWARD, flags);
    }
    if (kind == kFftR2C) return F::r2c(rank, dims.data(), howmany, loops.data(), static_cast<R*>(i), static_cast<typename F::complex*>(o), flags);
    return F::c2r(rank, dims.data(), howmany, loops.data(), static_cast<typename F::complex*>(i), static_cast<R*>(o), flags | FFTW_DESTROY_INPUT);
  };
  typename F::plan plan;
  {
    std::lock_guard<std::mutex> lock(planner);
    // Large transforms cannot be measured within the limit; FFTW's estimate does well on them.
    int64_t points = 1;
    for (const auto& d : dims) points *= d.n;
    plan = points > (int64_t{1} << 18) ? make(in_ptr, out_ptr, FFTW_ESTIMATE) : make(in_ptr, out_ptr, FFTW_MEASURE | FFTW_WISDOM_ONLY);
    if (plan == nullptr) {
      const size_t in_item = kind == kFftR2C ? sizeof(R) : sizeof(C), out_item = kind == kFftC2R ? sizeof(R) : sizeof(C);
      Scratch scratch_in(in_ptr, in_item, dims, loops, true), scratch_out(out_ptr, out_item, dims, loops, false);
      F::set_timelimit(0.25);
      if (auto trial = make(scratch_in.base, scratch_out.base, FFTW_MEASURE)) F::destroy(trial);
      plan = make(in_ptr, out_ptr, FFTW_MEASURE | FFTW_WISDOM_ONLY);
      if (plan == nullptr) plan = make(in_ptr, out_ptr, FFTW_ESTIMATE);
    }
  }
  if (plan == nullptr) return core->task_fail(ctx, "fft: FFTW could not plan this transform");
  F::execute(plan);
  {
    std::lock_guard<std::mutex> lock(planner);
    F::destroy(plan);
  }
  if (scale != 1.0) {
    const legate_physical_store* stores[1] = {&out};
    const R factor = static_cast<R>(scale);
    if (kind == kFftC2R) {
      R* o = at<R>(out);
      for_each_point(stores, [&](const int64_t* base, int64_t n, const int64_t* stride) {
        for (int64_t i = 0; i < n; ++i) o[base[0] + i * stride[0]] *= factor;
      });
    } else {
      C* o = at<C>(out);
      for_each_point(stores, [&](const int64_t* base, int64_t n, const int64_t* stride) {
        for (int64_t i = 0; i < n; ++i) o[base[0] + i * stride[0]] *= factor;
      });
    }
  }
}

void fft(legate_task_context* ctx) {
  const int32_t code = scalar_arg<int32_t>(ctx, 0) == kFftC2R ? ctx->outputs[0].type_code : ctx->inputs[0].type_code;
  if (code == LEGATE_FLOAT64 || code == LEGATE_COMPLEX128) return transform<double>(ctx);
  if (code == LEGATE_FLOAT32 || code == LEGATE_COMPLEX64) return transform<float>(ctx);
  core->task_fail(ctx, "fft: float or complex arrays only");
}

}  // namespace

void register_fft_tasks(const legate_core_api* api, int32_t library) {
  api->register_task(library, kFft, "numeric.fft", fft);
}

}  // namespace legate::numeric
