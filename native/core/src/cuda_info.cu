// Compiled only when CUDA is found. The runtime is linked statically, so this addon loads on
// machines without a CUDA driver and reports why no GPU is usable.
#include <cuda_runtime.h>

#include <string>

namespace legate {

std::string cuda_runtime_detail(bool* usable) {
  int runtime = 0;
  cudaRuntimeGetVersion(&runtime);
  std::string text = "CUDA runtime " + std::to_string(runtime / 1000) + "." + std::to_string((runtime % 1000) / 10);
  int count = 0;
  cudaError_t status = cudaGetDeviceCount(&count);
  if (status != cudaSuccess || count == 0) {
    *usable = false;
    return text + "; no usable GPU: " + (status != cudaSuccess ? cudaGetErrorString(status) : "0 devices");
  }
  *usable = true;
  text += "; " + std::to_string(count) + " GPU(s):";
  for (int i = 0; i < count; ++i) {
    cudaDeviceProp prop{};
    if (cudaGetDeviceProperties(&prop, i) == cudaSuccess) {
      text += std::string(i ? ", " : " ") + prop.name;
    }
  }
  return text;
}

}  // namespace legate
