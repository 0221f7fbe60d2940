#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "legate/core_abi.h"

namespace legate {

struct Feature {
  std::string name;
  bool enabled;
  std::string detail;
};

struct LibraryRecord {
  std::string name;
  const void* owner;
  std::vector<Feature> features;
};

// Libraries registered into this process's runtime, core first; ids are indices.
class LibraryRegistry {
 public:
  static LibraryRegistry& instance();
  int32_t add(const std::string& name, const void* owner, std::vector<Feature> features);
  std::vector<LibraryRecord> snapshot() const;

 private:
  mutable std::mutex mutex_;
  std::vector<LibraryRecord> libraries_;
};

const legate_core_api* core_api();
std::vector<Feature> core_features();

}  // namespace legate
