// TempDir: a fresh directory under the system's temporary directory, removed with its contents
// when the object is destroyed.
#ifndef VCISSUER_TESTS_CLI_TEMP_DIR_H_
#define VCISSUER_TESTS_CLI_TEMP_DIR_H_

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

namespace vci::cli::testing {

class TempDir {
 public:
  TempDir() {
    std::string path =
        (std::filesystem::temp_directory_path() / "vcissuerctl-test-XXXXXX").string();
    if (::mkdtemp(path.data()) != nullptr) {
      path_ = path;
    }
  }

  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }

  // Copying is deleted: two owners would remove the directory twice.
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  TempDir(TempDir&&) = delete;
  TempDir& operator=(TempDir&&) = delete;

  // Write creates `name` holding `text` with mode 600 and returns its path.
  std::string Write(const std::string& name, const std::string& text) const {
    std::filesystem::path file = path_ / name;
    std::ofstream(file, std::ios::binary) << text;
    std::filesystem::permissions(
        file, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    return file.string();
  }

  const std::filesystem::path& Path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace vci::cli::testing

#endif  // VCISSUER_TESTS_CLI_TEMP_DIR_H_
