#include "crypto/did/did_resolver.h"

#include <array>

#include "crypto/did/base58.h"
#include "crypto/jose/base64url.h"
#include "crypto/jose/json_text.h"
#include "crypto/jose/jwk.h"
#include "crypto/jose/key_import.h"
#include "crypto/ossl/errors.h"
#include "crypto/ossl/ossl_ptr.h"

namespace vci::did {
namespace {

constexpr std::string_view kDidJwkPrefix = "did:jwk:";
constexpr std::string_view kDidKeyPrefix = "did:key:";

// Multicodec prefixes (unsigned varints) of the public keys did:key carries.
constexpr std::array<uint8_t, 2> kEd25519PubCodec = {0xed, 0x01};
constexpr std::array<uint8_t, 2> kP256PubCodec = {0x80, 0x24};
constexpr size_t kEd25519KeyBytes = 32;
constexpr size_t kP256CompressedBytes = 33;

Error BadDid(std::string detail) {
  return Error(ErrorCode::kInvalidArgument, "the DID cannot be resolved to a supported key",
               std::move(detail));
}

// SplitFragment returns the DID without its "#fragment" and the fragment (without '#').
std::pair<std::string_view, std::string_view> SplitFragment(std::string_view did_url) {
  size_t hash = did_url.find('#');
  if (hash == std::string_view::npos) {
    return {did_url, {}};
  }
  return {did_url.substr(0, hash), did_url.substr(hash + 1)};
}

bool StartsWith(ByteView data, std::span<const uint8_t> prefix) {
  return data.size() >= prefix.size() && std::equal(prefix.begin(), prefix.end(), data.begin());
}

// ImportCompressedP256 returns the P-256 key whose SEC 1 compressed point is `point`.
Result<ossl::EvpPkeyPtr> ImportCompressedP256(const ossl::Context& ctx, ByteView point) {
  ossl::ParamBldPtr builder(::OSSL_PARAM_BLD_new());
  if (builder == nullptr ||
      ::OSSL_PARAM_BLD_push_utf8_string(builder.get(), OSSL_PKEY_PARAM_GROUP_NAME, "P-256", 0) !=
          1 ||
      ::OSSL_PARAM_BLD_push_octet_string(builder.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                         point.size()) != 1) {
    return Error(ErrorCode::kInternal, "internal error", ossl::DrainErrors());
  }
  ossl::ParamPtr params(::OSSL_PARAM_BLD_to_param(builder.get()));
  ossl::EvpPkeyCtxPtr pctx(::EVP_PKEY_CTX_new_from_name(ctx.lib_ctx(), "EC", nullptr));
  if (params == nullptr || pctx == nullptr || ::EVP_PKEY_fromdata_init(pctx.get()) != 1) {
    return Error(ErrorCode::kInternal, "internal error", ossl::DrainErrors());
  }
  EVP_PKEY* raw = nullptr;
  if (::EVP_PKEY_fromdata(pctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) {
    return BadDid("P-256 point rejected: " + ossl::DrainErrors());
  }
  return ossl::EvpPkeyPtr(raw);
}

Result<nlohmann::json> ResolveDidJwk(const ossl::Context& ctx, std::string_view did,
                                     std::string_view fragment) {
  if (!fragment.empty() && fragment != "0") {
    return BadDid("did:jwk fragment other than #0");
  }
  Result<Bytes> text = jose::Base64UrlDecode(did.substr(kDidJwkPrefix.size()), kMaxDidUrlChars);
  if (!text.has_value()) {
    return BadDid("did:jwk is not base64url");
  }
  Result<nlohmann::json> jwk = jose::ParseJsonText(AsString(*text));
  if (!jwk.has_value() || !jwk->is_object()) {
    return BadDid("did:jwk does not hold a JSON object");
  }
  // ParsePublicJwk refuses private members, other key types and points off the curve.
  Result<ossl::EvpPkeyPtr> key = jose::ParsePublicJwk(ctx, *jwk);
  if (!key.has_value()) {
    return BadDid("did:jwk holds no acceptable public key: " + key.error().detail());
  }
  return jose::PublicKeyToJwk(key->get());
}

Result<nlohmann::json> ResolveDidKeyMethod(const ossl::Context& ctx, std::string_view did,
                                           std::string_view fragment) {
  std::string_view multibase = did.substr(kDidKeyPrefix.size());
  // did:key section 3.1.2: the fragment, when present, repeats the multibase value.
  if (!fragment.empty() && fragment != multibase) {
    return BadDid("did:key fragment does not match the key");
  }
  if (multibase.empty() || multibase.front() != 'z') {
    return BadDid("did:key is not base58btc multibase");
  }
  Result<Bytes> decoded = Base58BtcDecode(multibase.substr(1), kMaxDidUrlChars);
  if (!decoded.has_value()) {
    return BadDid("did:key is not base58btc");
  }
  ByteView bytes = *decoded;
  Result<ossl::EvpPkeyPtr> key = BadDid("did:key names an unsupported key type");
  if (StartsWith(bytes, kEd25519PubCodec) &&
      bytes.size() == kEd25519PubCodec.size() + kEd25519KeyBytes) {
    key = jose::ImportEd25519PublicKey(ctx, bytes.subspan(kEd25519PubCodec.size()));
  } else if (StartsWith(bytes, kP256PubCodec) &&
             bytes.size() == kP256PubCodec.size() + kP256CompressedBytes) {
    ByteView point = bytes.subspan(kP256PubCodec.size());
    if (point[0] != 0x02 && point[0] != 0x03) {
      return BadDid("did:key P-256 point is not compressed");
    }
    key = ImportCompressedP256(ctx, point);
  }
  if (!key.has_value()) {
    return key.error();
  }
  return jose::PublicKeyToJwk(key->get());
}

}  // namespace

Result<DidMethod> MethodOf(std::string_view did_url) {
  if (did_url.starts_with(kDidJwkPrefix)) {
    return DidMethod::kJwk;
  }
  if (did_url.starts_with(kDidKeyPrefix)) {
    return DidMethod::kKey;
  }
  return BadDid("not a did:jwk or did:key URL");
}

Result<nlohmann::json> ResolveDidKey(const ossl::Context& ctx, std::string_view did_url) {
  if (did_url.size() > kMaxDidUrlChars) {
    return BadDid("DID URL too long");
  }
  VCI_ASSIGN_OR_RETURN(DidMethod method, MethodOf(did_url));
  auto [did, fragment] = SplitFragment(did_url);
  if (method == DidMethod::kJwk) {
    return ResolveDidJwk(ctx, did, fragment);
  }
  return ResolveDidKeyMethod(ctx, did, fragment);
}

}  // namespace vci::did
