// Token: opening the token and handing out signers and MAC keys. Key administration (generate,
// list, destroy) is in token_admin.cc.
#include "crypto/pkcs11/token.h"

#include <utility>

#include "crypto/pkcs11/attributes.h"
#include "crypto/pkcs11/key_object.h"
#include "crypto/pkcs11/key_ref.h"
#include "crypto/pkcs11/pkcs11_mac_key.h"
#include "crypto/pkcs11/pkcs11_signer.h"
#include "crypto/pkcs11/slot_finder.h"
#include "crypto/pkcs11/token_impl.h"

namespace vci::pkcs11 {

namespace {

Result<jose::JwsAlgorithm> AlgorithmForKind(KeyKind kind, const std::string& label) {
  switch (kind) {
    case KeyKind::kEcP256:
      return jose::JwsAlgorithm::kEs256;
    case KeyKind::kEcP384:
      return jose::JwsAlgorithm::kEs384;
    case KeyKind::kEd25519:
      return jose::JwsAlgorithm::kEdDsa;
    case KeyKind::kHmacSha256:
    case KeyKind::kAes256:
      break;
  }
  return Error(ErrorCode::kFailedPrecondition, "key '" + label + "' is not a signing key",
               std::string(KeyKindName(kind)));
}

// CheckSameKey accepts `candidate` when it has CKA_ID `id`, is of `kind` and is still hardened.
Result<void> CheckSameKey(const CK_FUNCTION_LIST& fn, CK_SESSION_HANDLE session,
                          CK_OBJECT_HANDLE candidate, const std::optional<Bytes>& id, KeyKind kind,
                          const std::string& label) {
  VCI_ASSIGN_OR_RETURN(std::optional<Bytes> found_id, GetBytes(fn, session, candidate, CKA_ID));
  VCI_ASSIGN_OR_RETURN(KeyKind found_kind, ReadKeyKind(fn, session, candidate));
  if (found_id != id || found_kind != kind) {
    return Error(ErrorCode::kFailedPrecondition, "another key answers to the key URI",
                 "key '" + label + "': its id or type changed");
  }
  return CheckKeyHardening(fn, session, candidate, label);
}

}  // namespace

Token::Token(std::unique_ptr<TokenImpl> impl) : impl_(std::move(impl)) {}

Token::~Token() = default;

Result<std::unique_ptr<Token>> Token::Open(TokenOptions options) {
  // The PIN is wiped when this copy goes out of scope, at the end of Open.
  const SecretBytes pin = std::move(options.pin);
  VCI_ASSIGN_OR_RETURN(Uri uri, Uri::Parse(options.token_uri));
  if (pin.empty()) {
    // An empty PIN is a configuration mistake; sending it would cost a try on a real HSM.
    return Error(ErrorCode::kInvalidArgument, "no token PIN given", "empty PIN");
  }
  auto impl = std::make_unique<TokenImpl>();
  VCI_ASSIGN_OR_RETURN(impl->ctx, ossl::Context::Create());
  VCI_ASSIGN_OR_RETURN(impl->module,
                       Module::Load(options.module_path, static_cast<const CK_FUNCTION_LIST*>(
                                                             options.function_list_override)));
  VCI_ASSIGN_OR_RETURN(FoundSlot found, FindTokenSlot(impl->Functions(), uri));
  impl->slot = found.slot;
  impl->info = found.info;
  impl->label = PaddedToString(found.info.label, sizeof(found.info.label));
  VCI_ASSIGN_OR_RETURN(TokenLogin login, TokenLogin::Login(impl->Functions(), impl->slot, pin));
  impl->login.emplace(std::move(login));
  impl->pool = std::make_unique<SessionPool>(impl->Functions(), impl->slot, options.max_sessions,
                                             options.observer);
  // The pool lives inside impl, so the hook never outlives what it points to.
  TokenImpl* raw = impl.get();
  impl->pool->health().SetRecovery([raw] { return raw->Recover().has_value(); });
  return std::unique_ptr<Token>(new Token(std::move(impl)));
}

Result<std::unique_ptr<jose::JwsSigner>> Token::OpenSigner(const ossl::Context& ctx,
                                                           std::string_view key_uri) {
  VCI_ASSIGN_OR_RETURN(Uri uri, impl_->ParseKeyUri(key_uri));
  VCI_ASSIGN_OR_RETURN(SessionPool::Lease lease, impl_->pool->Acquire());
  const CK_FUNCTION_LIST& fn = impl_->Functions();
  VCI_ASSIGN_OR_RETURN(CK_OBJECT_HANDLE key, FindOneKey(fn, lease.Handle(), uri, CKO_PRIVATE_KEY));
  VCI_ASSIGN_OR_RETURN(std::string label, ReadLabel(fn, lease.Handle(), key));
  VCI_ASSIGN_OR_RETURN(KeyKind kind, ReadKeyKind(fn, lease.Handle(), key));
  VCI_ASSIGN_OR_RETURN(jose::JwsAlgorithm alg, AlgorithmForKind(kind, label));
  VCI_TRY(CheckKeyHardening(fn, lease.Handle(), key, label));
  VCI_ASSIGN_OR_RETURN(ossl::EvpPkeyPtr public_key,
                       ReadPublicKey(ctx, fn, lease.Handle(), key, kind));
  VCI_ASSIGN_OR_RETURN(std::optional<Bytes> id, GetBytes(fn, lease.Handle(), key, CKA_ID));
  // A key found again after a reset must be this one: same id and kind, hardened, same public key.
  const EVP_PKEY* expected = public_key.get();
  KeyRef::SameKey same_key = [&ctx, expected, id, kind, label](
                                 const CK_FUNCTION_LIST& f, CK_SESSION_HANDLE session,
                                 CK_OBJECT_HANDLE candidate) -> Result<void> {
    VCI_TRY(CheckSameKey(f, session, candidate, id, kind, label));
    VCI_ASSIGN_OR_RETURN(ossl::EvpPkeyPtr found, ReadPublicKey(ctx, f, session, candidate, kind));
    if (::EVP_PKEY_eq(found.get(), expected) != 1) {
      return Error(ErrorCode::kFailedPrecondition, "another key answers to the key URI",
                   "key '" + label + "': its public key changed");
    }
    return Ok();
  };
  auto ref = std::make_unique<KeyRef>(key, std::move(uri), CKO_PRIVATE_KEY, std::move(same_key));
  return std::unique_ptr<jose::JwsSigner>(
      new Pkcs11Signer(ctx, *impl_->pool, std::move(ref), alg, std::move(public_key)));
}

Result<std::unique_ptr<MacKey>> Token::OpenMacKey(std::string_view key_uri) {
  VCI_ASSIGN_OR_RETURN(Uri uri, impl_->ParseKeyUri(key_uri));
  VCI_ASSIGN_OR_RETURN(SessionPool::Lease lease, impl_->pool->Acquire());
  const CK_FUNCTION_LIST& fn = impl_->Functions();
  VCI_ASSIGN_OR_RETURN(CK_OBJECT_HANDLE key, FindOneKey(fn, lease.Handle(), uri, CKO_SECRET_KEY));
  VCI_ASSIGN_OR_RETURN(std::string label, ReadLabel(fn, lease.Handle(), key));
  VCI_ASSIGN_OR_RETURN(KeyKind kind, ReadKeyKind(fn, lease.Handle(), key));
  if (kind != KeyKind::kHmacSha256) {
    return Error(ErrorCode::kFailedPrecondition, "key '" + label + "' is not an HMAC key",
                 std::string(KeyKindName(kind)));
  }
  VCI_TRY(CheckKeyHardening(fn, lease.Handle(), key, label));
  VCI_ASSIGN_OR_RETURN(std::optional<Bytes> id, GetBytes(fn, lease.Handle(), key, CKA_ID));
  KeyRef::SameKey same_key = [id, kind, label](const CK_FUNCTION_LIST& f, CK_SESSION_HANDLE session,
                                               CK_OBJECT_HANDLE candidate) -> Result<void> {
    return CheckSameKey(f, session, candidate, id, kind, label);
  };
  auto ref = std::make_unique<KeyRef>(key, std::move(uri), CKO_SECRET_KEY, std::move(same_key));
  return std::unique_ptr<MacKey>(
      new Pkcs11MacKey(*impl_->pool, std::move(ref), id.value_or(Bytes())));
}

Result<ossl::EvpPkeyPtr> Token::PublicKey(const ossl::Context& ctx, std::string_view key_uri) {
  VCI_ASSIGN_OR_RETURN(Uri uri, impl_->ParseKeyUri(key_uri));
  VCI_ASSIGN_OR_RETURN(SessionPool::Lease lease, impl_->pool->Acquire());
  const CK_FUNCTION_LIST& fn = impl_->Functions();
  VCI_ASSIGN_OR_RETURN(CK_OBJECT_HANDLE key, FindOneKey(fn, lease.Handle(), uri, CKO_PRIVATE_KEY));
  VCI_ASSIGN_OR_RETURN(KeyKind kind, ReadKeyKind(fn, lease.Handle(), key));
  return ReadPublicKey(ctx, fn, lease.Handle(), key, kind);
}

const std::string& Token::label() const {
  return impl_->label;
}

}  // namespace vci::pkcs11
