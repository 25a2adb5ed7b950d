#include "daemon/oid4vci/pre_authorized_code.h"

#include "crypto/jose/base64url.h"

namespace vci::oid4vci {
namespace {

constexpr uint8_t kCodeVersion = 1;
constexpr size_t kMaxKeyIdBytes = 64;
constexpr size_t kMaxCodeChars = 256;

// Domain separation: one HMAC key serves codes and tx_codes, never with the same input.
constexpr std::string_view kCodeLabel = "vcissuer pre-authorized code v1";
constexpr std::string_view kTxCodeLabel = "vcissuer tx_code v1";

Bytes LabelledInput(std::string_view label, ByteView offer_id) {
  Bytes input(label.begin(), label.end());
  input.push_back(0);
  input.insert(input.end(), offer_id.begin(), offer_id.end());
  return input;
}

Error BadCode(std::string detail) {
  return Error(ErrorCode::kInvalidGrant, "the pre-authorized code is invalid, expired or used",
               std::move(detail));
}

}  // namespace

std::string OfferIdToString(ByteView raw) {
  return jose::Base64UrlEncode(raw);
}

Result<Bytes> OfferIdFromString(std::string_view text) {
  Result<Bytes> raw = jose::Base64UrlDecode(text, kOfferIdBytes);
  if (!raw.has_value() || raw->size() != kOfferIdBytes) {
    return Error(ErrorCode::kNotFound, "unknown offer", "malformed offer id");
  }
  return raw;
}

Result<SecretBytes> DerivePreAuthorizedCode(MacKey& key, ByteView offer_id) {
  VCI_CHECK(offer_id.size() == kOfferIdBytes);
  ByteView key_id = key.KeyId();
  if (key_id.size() > kMaxKeyIdBytes) {
    return Error(ErrorCode::kFailedPrecondition, "internal error", "HMAC key id too long");
  }
  VCI_ASSIGN_OR_RETURN(Sha256Mac mac, key.HmacSha256(LabelledInput(kCodeLabel, offer_id)));

  Bytes raw;
  raw.reserve(1 + offer_id.size() + 1 + key_id.size() + mac.size());
  raw.push_back(kCodeVersion);
  raw.insert(raw.end(), offer_id.begin(), offer_id.end());
  raw.push_back(static_cast<uint8_t>(key_id.size()));
  raw.insert(raw.end(), key_id.begin(), key_id.end());
  raw.insert(raw.end(), mac.begin(), mac.end());
  std::string text = jose::Base64UrlEncode(raw);
  SecretBytes code = SecretBytes::FromString(text);
  WipeMemory(text.data(), text.size());
  return code;
}

Result<Bytes> VerifyPreAuthorizedCode(const MacKeyring& keys, std::string_view code) {
  if (code.empty() || code.size() > kMaxCodeChars) {
    return BadCode("code length out of range");
  }
  Result<Bytes> decoded = jose::Base64UrlDecode(code, kMaxCodeChars);
  if (!decoded.has_value()) {
    return BadCode("code is not base64url");
  }
  const Bytes& raw = *decoded;
  constexpr size_t kMacBytes = sizeof(Sha256Mac);
  if (raw.size() < 1 + kOfferIdBytes + 1 + kMacBytes || raw[0] != kCodeVersion) {
    return BadCode("code has the wrong layout");
  }
  size_t key_id_len = raw[1 + kOfferIdBytes];
  if (raw.size() != 1 + kOfferIdBytes + 1 + key_id_len + kMacBytes) {
    return BadCode("code has the wrong length");
  }
  ByteView offer_id(raw.data() + 1, kOfferIdBytes);
  ByteView key_id(raw.data() + 2 + kOfferIdBytes, key_id_len);
  ByteView presented_mac(raw.data() + 2 + kOfferIdBytes + key_id_len, kMacBytes);

  MacKey* key = keys.Find(key_id);
  if (key == nullptr) {
    return BadCode("code names an unknown HMAC key");
  }
  Result<Sha256Mac> expected = key->HmacSha256(LabelledInput(kCodeLabel, offer_id));
  if (!expected.has_value()) {
    // A key destroyed in the token can no longer vouch for its codes.
    if (expected.error().code() == ErrorCode::kNotFound) {
      return BadCode("HMAC key is gone: " + expected.error().detail());
    }
    return expected.error();
  }
  if (!ConstantTimeEquals(*expected, presented_mac)) {
    return BadCode("code MAC mismatch");
  }
  return Bytes(offer_id.begin(), offer_id.end());
}

Result<Bytes> TxCodeMac(MacKey& key, ByteView offer_id, std::string_view tx_code) {
  Bytes input = LabelledInput(kTxCodeLabel, offer_id);
  input.push_back(0);
  input.insert(input.end(), tx_code.begin(), tx_code.end());
  Result<Sha256Mac> mac = key.HmacSha256(input);
  WipeMemory(input.data(), input.size());
  if (!mac.has_value()) {
    return mac.error();
  }
  return Bytes(mac->begin(), mac->end());
}

}  // namespace vci::oid4vci
