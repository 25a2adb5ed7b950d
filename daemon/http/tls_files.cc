#include "daemon/http/tls_files.h"

#include <cerrno>
#include <cstring>
#include <fstream>

#include "crypto/base/errno_text.h"

namespace vci::http {
namespace {

constexpr std::streamoff kMaxPemBytes = 1 << 20;

Error FileError(const std::string& path, std::string_view why) {
  return Error(ErrorCode::kInvalidArgument, "cannot read the TLS file " + path,
               path + ": " + std::string(why));
}

// ReadWhole reads the file at `path` into the buffer that `resize` sizes and `data` points at.
template <typename Resize, typename Data>
Result<void> ReadWhole(const std::string& path, Resize resize, Data data) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) {
    return FileError(path, ErrnoText(errno));
  }
  std::streamoff size = in.tellg();
  if (size <= 0 || size > kMaxPemBytes) {
    return FileError(path, size <= 0 ? "empty" : "larger than 1 MiB");
  }
  resize(static_cast<size_t>(size));
  in.seekg(0);
  if (!in.read(data(), size)) {
    return FileError(path, "short read");
  }
  return Ok();
}

Result<std::string> ReadText(const std::string& path) {
  std::string text;
  VCI_TRY(ReadWhole(
      path, [&](size_t n) { text.resize(n); }, [&] { return text.data(); }));
  return text;
}

}  // namespace

Result<TlsFiles> LoadTlsFiles(const std::string& certificate_file, const std::string& key_file,
                              const std::string& client_ca_file) {
  TlsFiles files;
  VCI_ASSIGN_OR_RETURN(files.certificate_pem, ReadText(certificate_file));
  VCI_TRY(ReadWhole(
      key_file, [&](size_t n) { files.key_pem.Resize(n + 1); },  // The last 0 ends the C string.
      [&] { return reinterpret_cast<char*>(files.key_pem.MutableSpan().data()); }));
  if (!client_ca_file.empty()) {
    VCI_ASSIGN_OR_RETURN(files.client_ca_pem, ReadText(client_ca_file));
  }
  return files;
}

}  // namespace vci::http
