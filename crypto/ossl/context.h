// Context: the project's one OpenSSL library context and the algorithms fetched from it.
//
// Every OpenSSL call in the project names this context explicitly (the *_ex, *_fromdata and
// EVP_*_fetch APIs), so no code depends on OpenSSL's implicit default context or on whatever an
// openssl.cnf on the host would load into it.
#ifndef VCISSUER_CRYPTO_OSSL_CONTEXT_H_
#define VCISSUER_CRYPTO_OSSL_CONTEXT_H_

#include <openssl/provider.h>

#include <memory>

#include "crypto/base/result.h"
#include "crypto/ossl/ossl_ptr.h"

namespace vci::ossl {

// Context owns an OSSL_LIB_CTX with the default provider loaded into it, and the message digests
// (SHA-256/384/512) and the HMAC MAC fetched once from it. After Create() returns, a Context is
// immutable: any number of threads may use it at once. It must outlive every key, signer and
// digest operation made through it.
class Context {
 public:
  // Create returns a ready context, or kInternal (detail: the OpenSSL error queue) when the library
  // context cannot be made, the default provider cannot be loaded or an algorithm cannot be
  // fetched.
  static Result<std::unique_ptr<Context>> Create();

  // Copying is deleted: keys and fetched algorithms point into this one library context.
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;

  ~Context() = default;

  // lib_ctx is the library context to pass to OpenSSL's *_ex functions; owned by this Context.
  OSSL_LIB_CTX* lib_ctx() const { return lib_ctx_.get(); }

  // Sha256, Sha384 and Sha512 are the fetched digests; owned by this Context.
  const EVP_MD* sha256() const { return sha256_.get(); }

  const EVP_MD* sha384() const { return sha384_.get(); }

  const EVP_MD* sha512() const { return sha512_.get(); }

  // hmac is the fetched HMAC implementation; owned by this Context.
  EVP_MAC* hmac() const { return hmac_.get(); }

 private:
  using ProviderPtr = UniquePtr<OSSL_PROVIDER, ::OSSL_PROVIDER_unload>;

  Context() = default;

  // Declaration order is destruction order in reverse: the algorithms and the provider are
  // released before the library context they belong to.
  LibCtxPtr lib_ctx_;
  ProviderPtr default_provider_;
  EvpMdPtr sha256_;
  EvpMdPtr sha384_;
  EvpMdPtr sha512_;
  EvpMacPtr hmac_;
};

}  // namespace vci::ossl

#endif  // VCISSUER_CRYPTO_OSSL_CONTEXT_H_
