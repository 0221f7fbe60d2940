// What core was built with and what it finds at run time: CPU threads, MPI, CUDA, NCCL.
#include <cstdlib>
#include <string>
#include <thread>

#include "legate_build_features.h"
#include "registry.h"

#if LEGATE_HAVE_MPI
#include <mpi.h>
#endif
#if LEGATE_HAVE_NCCL
#include <nccl.h>
#endif

namespace legate {

#if LEGATE_HAVE_CUDA
std::string cuda_runtime_detail(bool* usable);  // cuda_info.cu
#endif

namespace {

Feature cpu_feature() {
  unsigned cores = std::thread::hardware_concurrency();
  return Feature{"cpu", true, std::to_string(cores == 0 ? 1 : cores) + " hardware threads"};
}

Feature mpi_feature() {
#if LEGATE_HAVE_MPI
  char version[MPI_MAX_LIBRARY_VERSION_STRING] = {0};
  int length = 0;
  // Allowed before MPI_Init: reports the library this process loaded.
  MPI_Get_library_version(version, &length);
  std::string text(version, static_cast<size_t>(length));
  auto cut = text.find_first_of(",\n");
  if (cut != std::string::npos) text.resize(cut);
  return Feature{"mpi", true, text + " (built with " LEGATE_MPI_DETAIL ")"};
#else
  return Feature{"mpi", false, LEGATE_MPI_DETAIL};
#endif
}

Feature cuda_feature() {
#if LEGATE_HAVE_CUDA
  bool usable = false;
  std::string detail = cuda_runtime_detail(&usable);
  return Feature{"cuda", usable, detail};
#else
  return Feature{"cuda", false, LEGATE_CUDA_DETAIL};
#endif
}

Feature nccl_feature() {
#if LEGATE_HAVE_NCCL
  int version = 0;
  ncclGetVersion(&version);
  return Feature{"nccl", true, "NCCL " + std::to_string(version)};
#else
  return Feature{"nccl", false, LEGATE_NCCL_DETAIL};
#endif
}

}  // namespace

std::vector<Feature> core_features() { return {cpu_feature(), mpi_feature(), cuda_feature(), nccl_feature()}; }

}  // namespace legate
