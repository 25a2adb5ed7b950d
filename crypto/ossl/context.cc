#include "crypto/ossl/context.h"

#include <openssl/core_names.h>

#include "crypto/ossl/errors.h"

namespace vci::ossl {

namespace {

Error FetchError(const char* what) {
  return Error(ErrorCode::kInternal, "internal error",
               std::string("OpenSSL setup failed: ") + what + ": " + DrainErrors());
}

}  // namespace

Result<std::unique_ptr<Context>> Context::Create() {
  std::unique_ptr<Context> context(new Context());
  context->lib_ctx_.reset(::OSSL_LIB_CTX_new());
  if (context->lib_ctx_ == nullptr) {
    return FetchError("OSSL_LIB_CTX_new");
  }
  OSSL_LIB_CTX* lib_ctx = context->lib_ctx_.get();
  context->default_provider_.reset(::OSSL_PROVIDER_load(lib_ctx, "default"));
  if (context->default_provider_ == nullptr) {
    return FetchError("loading the default provider");
  }
  context->sha256_.reset(::EVP_MD_fetch(lib_ctx, OSSL_DIGEST_NAME_SHA2_256, nullptr));
  context->sha384_.reset(::EVP_MD_fetch(lib_ctx, OSSL_DIGEST_NAME_SHA2_384, nullptr));
  context->sha512_.reset(::EVP_MD_fetch(lib_ctx, OSSL_DIGEST_NAME_SHA2_512, nullptr));
  if (context->sha256_ == nullptr || context->sha384_ == nullptr || context->sha512_ == nullptr) {
    return FetchError("fetching SHA-2");
  }
  context->hmac_.reset(::EVP_MAC_fetch(lib_ctx, OSSL_MAC_NAME_HMAC, nullptr));
  if (context->hmac_ == nullptr) {
    return FetchError("fetching HMAC");
  }
  return context;
}

}  // namespace vci::ossl
