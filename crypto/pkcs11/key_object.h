// Finding key objects by URI and reading what they are: kind, hardening attributes, public key,
// and the KeyInfo the officer sees. Each function works on one session the caller holds.
#ifndef VCISSUER_CRYPTO_PKCS11_KEY_OBJECT_H_
#define VCISSUER_CRYPTO_PKCS11_KEY_OBJECT_H_

#include <p11-kit/pkcs11.h>

#include <optional>
#include <string>
#include <vector>

#include "crypto/base/result.h"
#include "crypto/ossl/context.h"
#include "crypto/ossl/ossl_ptr.h"
#include "crypto/pkcs11/key_info.h"
#include "crypto/pkcs11/uri.h"

namespace vci::pkcs11 {

// FindObjectsByUri returns every object matching the URI's label and id and its type, or
// `klass` when given. kInvalidArgument when the URI names no object (neither label nor id) or a
// type other than `klass`.
Result<std::vector<CK_OBJECT_HANDLE>> FindObjectsByUri(const CK_FUNCTION_LIST& fn,
                                                       CK_SESSION_HANDLE session, const Uri& uri,
                                                       std::optional<CK_OBJECT_CLASS> klass);

// FindOneKey returns the one object of class `klass` the URI names: kInvalidArgument when the URI
// names another type, kNotFound when nothing matches, kInvalidArgument when several do.
Result<CK_OBJECT_HANDLE> FindOneKey(const CK_FUNCTION_LIST& fn, CK_SESSION_HANDLE session,
                                    const Uri& uri, CK_OBJECT_CLASS klass);

// ReadLabel returns CKA_LABEL (empty when unset).
Result<std::string> ReadLabel(const CK_FUNCTION_LIST& fn, CK_SESSION_HANDLE session,
                              CK_OBJECT_HANDLE object);

// ReadKeyKind returns the kind of a private or secret key. kFailedPrecondition for any other key
// type, curve, or a generic secret shorter than 32 bytes.
Result<KeyKind> ReadKeyKind(const CK_FUNCTION_LIST& fn, CK_SESSION_HANDLE session,
                            CK_OBJECT_HANDLE object);

// CheckKeyHardening succeeds when the key is sensitive, always sensitive, never extractable, not
// extractable, private and not copyable (a module that does not know CKA_COPYABLE passes that
// check). Otherwise kFailedPrecondition whose message names `label` and the attribute.
Result<void> CheckKeyHardening(const CK_FUNCTION_LIST& fn, CK_SESSION_HANDLE session,
                               CK_OBJECT_HANDLE object, const std::string& label);

// ReadPublicKey imports into `ctx` the public key of the signing key `private_key` of `kind`, read
// from the public-key object with the same CKA_ID. kNotFound when there is no such object.
Result<ossl::EvpPkeyPtr> ReadPublicKey(const ossl::Context& ctx, const CK_FUNCTION_LIST& fn,
                                       CK_SESSION_HANDLE session, CK_OBJECT_HANDLE private_key,
                                       KeyKind kind);

// ReadKeyInfo describes the private or secret key `object` on the token labelled `token_label`;
// for signing keys `kid` is the RFC 7638 thumbprint when the public key can be read.
Result<KeyInfo> ReadKeyInfo(const ossl::Context& ctx, const CK_FUNCTION_LIST& fn,
                            CK_SESSION_HANDLE session, CK_OBJECT_HANDLE object,
                            const std::string& token_label);

}  // namespace vci::pkcs11

#endif  // VCISSUER_CRYPTO_PKCS11_KEY_OBJECT_H_
