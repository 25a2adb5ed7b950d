// Owning pointers for OpenSSL objects: one alias per type, each freed by its own *_free.
// No OpenSSL object is freed by hand outside this header.
#ifndef VCISSUER_CRYPTO_OSSL_OSSL_PTR_H_
#define VCISSUER_CRYPTO_OSSL_OSSL_PTR_H_

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace vci::ossl {

template <auto FreeFn>
struct Deleter {
  template <typename T>
  void operator()(T* p) const {
    FreeFn(p);
  }
};

template <typename T, auto FreeFn>
using UniquePtr = std::unique_ptr<T, Deleter<FreeFn>>;

using BioPtr = UniquePtr<BIO, ::BIO_free_all>;
using BignumPtr = UniquePtr<BIGNUM, ::BN_clear_free>;
using BnCtxPtr = UniquePtr<BN_CTX, ::BN_CTX_free>;
using EcdsaSigPtr = UniquePtr<ECDSA_SIG, ::ECDSA_SIG_free>;
using EcGroupPtr = UniquePtr<EC_GROUP, ::EC_GROUP_free>;
using EcPointPtr = UniquePtr<EC_POINT, ::EC_POINT_free>;
using EvpMacPtr = UniquePtr<EVP_MAC, ::EVP_MAC_free>;
using EvpMacCtxPtr = UniquePtr<EVP_MAC_CTX, ::EVP_MAC_CTX_free>;
using EvpMdPtr = UniquePtr<EVP_MD, ::EVP_MD_free>;
using EvpMdCtxPtr = UniquePtr<EVP_MD_CTX, ::EVP_MD_CTX_free>;
using EvpPkeyPtr = UniquePtr<EVP_PKEY, ::EVP_PKEY_free>;
using EvpPkeyCtxPtr = UniquePtr<EVP_PKEY_CTX, ::EVP_PKEY_CTX_free>;
using LibCtxPtr = UniquePtr<OSSL_LIB_CTX, ::OSSL_LIB_CTX_free>;
using ParamBldPtr = UniquePtr<OSSL_PARAM_BLD, ::OSSL_PARAM_BLD_free>;
using ParamPtr = UniquePtr<OSSL_PARAM, ::OSSL_PARAM_free>;
using X509Ptr = UniquePtr<X509, ::X509_free>;
using X509ReqPtr = UniquePtr<X509_REQ, ::X509_REQ_free>;
using X509NamePtr = UniquePtr<X509_NAME, ::X509_NAME_free>;

}  // namespace vci::ossl

#endif  // VCISSUER_CRYPTO_OSSL_OSSL_PTR_H_
