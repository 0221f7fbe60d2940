#include "registry.h"

#include "engine.h"

namespace legate {

LibraryRegistry& LibraryRegistry::instance() {
  static LibraryRegistry registry;
  return registry;
}

int32_t LibraryRegistry::add(const std::string& name, const void* owner, std::vector<Feature> features) {
  std::lock_guard<std::mutex> lock(mutex_);
  for (size_t i = 0; i < libraries_.size(); ++i) {
    if (libraries_[i].name == name) return libraries_[i].owner == owner ? static_cast<int32_t>(i) : -1;
  }
  libraries_.push_back(LibraryRecord{name, owner, std::move(features)});
  return static_cast<int32_t>(libraries_.size() - 1);
}

std::vector<LibraryRecord> LibraryRegistry::snapshot() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return libraries_;
}

namespace {

const char* abi_core_version() { return LEGATE_CORE_VERSION; }

int32_t abi_register_library(const char* name, const void* owner, const legate_feature* features,
                             uint32_t num_features) {
  if (name == nullptr || *name == '\0' || owner == nullptr) return -1;
  std::vector<Feature> copied;
  copied.reserve(num_features);
  for (uint32_t i = 0; i < num_features; ++i) {
    copied.push_back(Feature{features[i].name ? features[i].name : "", features[i].enabled != 0,
                             features[i].detail ? features[i].detail : ""});
  }
  return LibraryRegistry::instance().add(name, owner, std::move(copied));
}

int32_t abi_register_task(int32_t library, int32_t task_id, const char* name, legate_task_fn cpu) {
  return engine().register_task(library, task_id, name, cpu);
}

int32_t abi_declare_elementwise(int32_t library, int32_t task_id) { return engine().declare_elementwise(library, task_id); }

const legate_core_api kApi = {
    LEGATE_CORE_ABI_VERSION,
    sizeof(legate_core_api),
    abi_core_version,
    abi_register_library,
    abi_register_task,
    task_fail,
    create_output_buffer,
    abi_declare_elementwise,
};

}  // namespace

const legate_core_api* core_api() { return &kApi; }

}  // namespace legate
