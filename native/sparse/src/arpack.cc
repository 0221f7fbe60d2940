// ARPACK's reverse-communication drivers (ARPACK-NG from Debian), called from JavaScript with the
// work arrays in typed arrays the caller keeps between calls: each call to an *aupd routine
// returns with ido asking for one operator application, which the caller does with its
// partitioned matrix–vector product. ARPACK keeps some state in its own statics, so one
// iteration runs at a time (JavaScript's single thread gives that).

#include <napi.h>

#include <complex>
#include <cstdint>
#include <string>

#include "legate_build_features.h"

#if LEGATE_HAVE_ARPACK
extern "C" {
// ARPACK-NG's ISO C bindings (arpack.h), with C++ complex types for the complex routines: the
// same layout and calling convention as C's double _Complex.
void dsaupd_c(int* ido, char const* bmat, int n, char const* which, int nev, double tol, double* resid, int ncv, double* v, int ldv, int* iparam,
              int* ipntr, double* workd, double* workl, int lworkl, int* info);
void dseupd_c(int rvec, char const* howmny, int const* select, double* d, double* z, int ldz, double sigma, char const* bmat, int n, char const* which,
              int nev, double tol, double* resid, int ncv, double* v, int ldv, int* iparam, int* ipntr, double* workd, double* workl, int lworkl,
              int* info);
void dnaupd_c(int* ido, char const* bmat, int n, char const* which, int nev, double tol, double* resid, int ncv, double* v, int ldv, int* iparam,
              int* ipntr, double* workd, double* workl, int lworkl, int* info);
void dneupd_c(int rvec, char const* howmny, int const* select, double* dr, double* di, double* z, int ldz, double sigmar, double sigmai,
              double* workev, char const* bmat, int n, char const* which, int nev, double tol, double* resid, int ncv, double* v, int ldv,
              int* iparam, int* ipntr, double* workd, double* workl, int lworkl, int* info);
void znaupd_c(int* ido, char const* bmat, int n, char const* which, int nev, double tol, std::complex<double>* resid, int ncv,
              std::complex<double>* v, int ldv, int* iparam, int* ipntr, std::complex<double>* workd, std::complex<double>* workl, int lworkl,
              double* rwork, int* info);
void zneupd_c(int rvec, char const* howmny, int const* select, std::complex<double>* d, std::complex<double>* z, int ldz,
              std::complex<double> sigma, std::complex<double>* workev, char const* bmat, int n, char const* which, int nev, double tol,
              std::complex<double>* resid, int ncv, std::complex<double>* v, int ldv, int* iparam, int* ipntr, std::complex<double>* workd,
              std::complex<double>* workl, int lworkl, double* rwork, int* info);
}
#endif

namespace legate::sparse {
namespace {

#if LEGATE_HAVE_ARPACK
// The state object's fields, as packages/sparse/src/linalg/arpack.ts makes them.
struct State {
  std::string kind, bmat, which;
  int n = 0, nev = 0, ncv = 0, lworkl = 0;
  double tol = 0;
  int *ido = nullptr, *iparam = nullptr, *ipntr = nullptr, *info = nullptr;
  double *resid = nullptr, *v = nullptr, *workd = nullptr, *workl = nullptr, *rwork = nullptr;
};

template <typename T>
T* elements(const Napi::Object& o, const char* name, size_t at_least) {
  const Napi::Value value = o.Get(name);
  if (!value.IsTypedArray()) throw Napi::TypeError::New(o.Env(), std::string("arpack: state.") + name + " must be a typed array");
  auto array = value.As<Napi::TypedArrayOf<T>>();
  if (array.ElementLength() < at_least) throw Napi::RangeError::New(o.Env(), std::string("arpack: state.") + name + " is too short");
  return array.Data();
}

State state_of(const Napi::CallbackInfo& info) {
  if (info.Length() < 1 || !info[0].IsObject()) throw Napi::TypeError::New(info.Env(), "arpack: expected a state object");
  const auto o = info[0].As<Napi::Object>();
  State s;
  s.kind = o.Get("kind").As<Napi::String>().Utf8Value();
  s.bmat = "I";
  s.which = o.Get("which").As<Napi::String>().Utf8Value();
  s.n = o.Get("n").As<Napi::Number>().Int32Value();
  s.nev = o.Get("nev").As<Napi::Number>().Int32Value();
  s.ncv = o.Get("ncv").As<Napi::Number>().Int32Value();
  s.tol = o.Get("tol").As<Napi::Number>().DoubleValue();
  if (s.n < 1 || s.nev < 1 || s.ncv <= s.nev || s.ncv > s.n || s.which.size() != 2) throw Napi::RangeError::New(info.Env(), "arpack: bad sizes");
  const bool complex = s.kind == "zn";
  const size_t lanes = complex ? 2 : 1;
  const size_t n = static_cast<size_t>(s.n), ncv = static_cast<size_t>(s.ncv);
  s.lworkl = s.kind == "ds" ? s.ncv * (s.ncv + 8) : complex ? 3 * s.ncv * s.ncv + 5 * s.ncv : 3 * s.ncv * s.ncv + 6 * s.ncv;
  s.ido = elements<int32_t>(o, "ido", 1);
  s.info = elements<int32_t>(o, "info", 1);
  s.iparam = elements<int32_t>(o, "iparam", 11);
  s.ipntr = elements<int32_t>(o, "ipntr", 14);
  s.resid = elements<double>(o, "resid", lanes * n);
  s.v = elements<double>(o, "v", lanes * n * ncv);
  s.workd = elements<double>(o, "workd", lanes * 3 * n);
  s.workl = elements<double>(o, "workl", lanes * static_cast<size_t>(s.lworkl));
  if (complex) s.rwork = elements<double>(o, "rwork", ncv);
  return s;
}

// aupd(state): one reverse-communication step; state.ido and state.info say what it wants.
Napi::Value Aupd(const Napi::CallbackInfo& info) {
  State s = state_of(info);
  if (s.kind == "ds") {
    dsaupd_c(s.ido, s.bmat.c_str(), s.n, s.which.c_str(), s.nev, s.tol, s.resid, s.ncv, s.v, s.n, s.iparam, s.ipntr, s.workd, s.workl, s.lworkl, s.info);
  } else if (s.kind == "dn") {
    dnaupd_c(s.ido, s.bmat.c_str(), s.n, s.which.c_str(), s.nev, s.tol, s.resid, s.ncv, s.v, s.n, s.iparam, s.ipntr, s.workd, s.workl, s.lworkl, s.info);
  } else if (s.kind == "zn") {
    using Z = std::complex<double>;
    znaupd_c(s.ido, s.bmat.c_str(), s.n, s.which.c_str(), s.nev, s.tol, reinterpret_cast<Z*>(s.resid), s.ncv, reinterpret_cast<Z*>(s.v), s.n, s.iparam,
             s.ipntr, reinterpret_cast<Z*>(s.workd), reinterpret_cast<Z*>(s.workl), s.lworkl, s.rwork, s.info);
  } else {
    throw Napi::TypeError::New(info.Env(), "arpack: kind must be ds, dn or zn");
  }
  return info.Env().Undefined();
}

// eupd(state, rvec, sigma, out): the converged Ritz values (and vectors) into out's arrays:
// ds: d (nev), z (n·nev); dn: dr, di (nev + 1), z (n·(nev + 1)), workev (3·ncv); zn: d (2·(nev
// + 1)), z (2·n·nev), workev (2·2·ncv). Returns info.
Napi::Value Eupd(const Napi::CallbackInfo& info) {
  State s = state_of(info);
  if (info.Length() < 4 || !info[3].IsObject()) throw Napi::TypeError::New(info.Env(), "arpack: eupd(state, rvec, sigma, out)");
  const int rvec = info[1].As<Napi::Boolean>().Value() ? 1 : 0;
  const auto sigma = info[2].As<Napi::Float64Array>();
  if (sigma.ElementLength() < 2) throw Napi::RangeError::New(info.Env(), "arpack: sigma holds (re, im)");
  const auto out = info[3].As<Napi::Object>();
  const size_t n = static_cast<size_t>(s.n), nev = static_cast<size_t>(s.nev), ncv = static_cast<size_t>(s.ncv);
  std::string howmny = "A";
  auto* select = elements<int32_t>(out, "select", ncv);
  int result = 0;
  if (s.kind == "ds") {
    dseupd_c(rvec, howmny.c_str(), select, elements<double>(out, "d", nev), elements<double>(out, "z", n * nev), s.n, sigma[0], s.bmat.c_str(), s.n,
             s.which.c_str(), s.nev, s.tol, s.resid, s.ncv, s.v, s.n, s.iparam, s.ipntr, s.workd, s.workl, s.lworkl, &result);
  } else if (s.kind == "dn") {
    dneupd_c(rvec, howmny.c_str(), select, elements<double>(out, "dr", nev + 1), elements<double>(out, "di", nev + 1),
             elements<double>(out, "z", n * (nev + 1)), s.n, sigma[0], sigma[1], elements<double>(out, "workev", 3 * ncv), s.bmat.c_str(), s.n,
             s.which.c_str(), s.nev, s.tol, s.resid, s.ncv, s.v, s.n, s.iparam, s.ipntr, s.workd, s.workl, s.lworkl, &result);
  } else if (s.kind == "zn") {
    using Z = std::complex<double>;
    zneupd_c(rvec, howmny.c_str(), select, reinterpret_cast<Z*>(elements<double>(out, "d", 2 * (nev + 1))),
             reinterpret_cast<Z*>(elements<double>(out, "z", 2 * n * nev)), s.n, Z(sigma[0], sigma[1]),
             reinterpret_cast<Z*>(elements<double>(out, "workev", 4 * ncv)), s.bmat.c_str(), s.n, s.which.c_str(), s.nev, s.tol,
             reinterpret_cast<Z*>(s.resid), s.ncv, reinterpret_cast<Z*>(s.v), s.n, s.iparam, s.ipntr, reinterpret_cast<Z*>(s.workd),
             reinterpret_cast<Z*>(s.workl), s.lworkl, s.rwork, &result);
  } else {
    throw Napi::TypeError::New(info.Env(), "arpack: kind must be ds, dn or zn");
  }
  return Napi::Number::New(info.Env(), result);
}
#endif

}  // namespace

void add_arpack_bindings(Napi::Env env, Napi::Object exports) {
#if LEGATE_HAVE_ARPACK
  exports.Set("arpackAupd", Napi::Function::New(env, Aupd, "arpackAupd"));
  exports.Set("arpackEupd", Napi::Function::New(env, Eupd, "arpackEupd"));
#else
  (void)env, (void)exports;
#endif
}

}  // namespace legate::sparse
