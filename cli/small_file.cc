#include "cli/small_file.h"

#include <cerrno>
#include <cstdio>
#include <memory>
#include <span>
#include <string_view>
#include <system_error>

namespace vci::cli {
namespace {

// The deleter of the unique_ptr that owns the FILE (this code uses no gsl::owner).
struct FileCloser {
  void operator()(std::FILE* file) const {
    static_cast<void>(std::fclose(file));  // NOLINT(cppcoreguidelines-owning-memory): see above
  }
};

using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

// ReadInto fills `out` (resized to max_bytes + 1 first, so an oversized file is noticed) and
// shrinks it to what was read.
template <typename Buffer>
Result<void> ReadInto(const std::string& path, size_t max_bytes, Buffer& out) {
  FilePtr file(std::fopen(path.c_str(), "rb"));
  if (file == nullptr) {
    return Error(ErrorCode::kNotFound, "cannot open " + path,
                 std::error_code(errno, std::generic_category()).message());
  }
  out.Resize(max_bytes + 1);
  size_t num_read = std::fread(out.MutableSpan().data(), 1, out.size(), file.get());
  if (std::ferror(file.get()) != 0) {
    return Error(ErrorCode::kUnavailable, "cannot read " + path);
  }
  if (num_read > max_bytes) {
    return Error(ErrorCode::kInvalidArgument,
                 path + " is larger than " + std::to_string(max_bytes) + " bytes");
  }
  out.Resize(num_read);
  return Ok();
}

// StringBuffer gives std::string the small interface ReadInto needs.
struct StringBuffer {
  std::string text;

  void Resize(size_t size) { text.resize(size); }

  size_t size() const { return text.size(); }

  std::span<char> MutableSpan() { return {text.data(), text.size()}; }
};

}  // namespace

Result<std::string> ReadSmallFile(const std::string& path, size_t max_bytes) {
  StringBuffer buffer;
  VCI_TRY(ReadInto(path, max_bytes, buffer));
  return std::move(buffer.text);
}

Result<SecretBytes> ReadBearerTokenFile(const std::string& path) {
  SecretBytes raw;
  VCI_TRY(ReadInto(path, kMaxTokenFileBytes, raw));
  std::string_view text = raw.RevealAsString();
  if (text.ends_with('\n')) {
    text.remove_suffix(1);
    if (text.ends_with('\r')) {
      text.remove_suffix(1);
    }
  }
  if (text.empty()) {
    return Error(ErrorCode::kInvalidArgument, "the token file " + path + " is empty");
  }
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte == 0x7f) {
      return Error(
          ErrorCode::kInvalidArgument,
          "the token file " + path + " must hold the token alone, on one line, without spaces");
    }
  }
  return SecretBytes::FromString(text);
}

}  // namespace vci::cli
