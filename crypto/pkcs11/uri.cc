#include "crypto/pkcs11/uri.h"

#include <p11-kit/uri.h>

#include <memory>

#include "crypto/pkcs11/key_info.h"

namespace vci::pkcs11 {

namespace {

struct UriFree {
  void operator()(P11KitUri* uri) const { ::p11_kit_uri_free(uri); }
};

using P11KitUriPtr = std::unique_ptr<P11KitUri, UriFree>;

Error UriError(std::string detail) {
  return Error(ErrorCode::kInvalidArgument, "invalid pkcs11: URI", std::move(detail));
}

// TokenField reads one fixed-width field of the token info p11-kit parsed: p11-kit leaves a field
// absent from the URI all zero, and pads a present one with blanks.
std::optional<std::string> TokenField(const unsigned char* field, size_t len) {
  bool all_zero = true;
  for (size_t i = 0; i < len; ++i) {
    if (field[i] != 0) {
      all_zero = false;
      break;
    }
  }
  if (all_zero) {
    return std::nullopt;
  }
  return PaddedToString(field, len);
}

std::optional<Bytes> AttributeBytes(P11KitUri* uri, CK_ATTRIBUTE_TYPE type) {
  CK_ATTRIBUTE* attr = ::p11_kit_uri_get_attribute(uri, type);
  if (attr == nullptr) {
    return std::nullopt;
  }
  const auto* begin = static_cast<const uint8_t*>(attr->pValue);
  return Bytes(begin, begin + attr->ulValueLen);
}

void AppendPercentEncoded(std::string& out, ByteView bytes, bool encode_all) {
  for (uint8_t byte : bytes) {
    bool unreserved = (byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') ||
                      (byte >= '0' && byte <= '9') || byte == '-' || byte == '.' || byte == '_' ||
                      byte == '~';
    if (unreserved && !encode_all) {
      out.push_back(static_cast<char>(byte));
    } else {
      static constexpr char kDigits[] = "0123456789abcdef";
      out.push_back('%');
      out.push_back(kDigits[byte >> 4]);
      out.push_back(kDigits[byte & 0xf]);
    }
  }
}

}  // namespace

std::string PaddedToString(const unsigned char* field, size_t len) {
  while (len > 0 && (field[len - 1] == ' ' || field[len - 1] == '\0')) {
    --len;
  }
  return std::string(reinterpret_cast<const char*>(field), len);
}

Result<Uri> Uri::Parse(std::string_view text) {
  P11KitUriPtr parsed(::p11_kit_uri_new());
  if (parsed == nullptr) {
    return Error(ErrorCode::kInternal, "internal error", "p11_kit_uri_new failed");
  }
  std::string copy(text);
  int rc = ::p11_kit_uri_parse(copy.c_str(), P11_KIT_URI_FOR_ANY, parsed.get());
  if (rc != P11_KIT_URI_OK) {
    return UriError(std::string("p11_kit_uri_parse: ") + ::p11_kit_uri_message(rc));
  }
  if (::p11_kit_uri_get_pin_value(parsed.get()) != nullptr ||
      ::p11_kit_uri_get_pin_source(parsed.get()) != nullptr) {
    return Error(ErrorCode::kInvalidArgument, "a pkcs11: URI must not carry a PIN",
                 "pin-value or pin-source in URI");
  }
  if (::p11_kit_uri_any_unrecognized(parsed.get()) != 0) {
    return UriError("unrecognized attribute in URI");
  }

  Uri uri;
  const CK_TOKEN_INFO* token = ::p11_kit_uri_get_token_info(parsed.get());
  uri.token_label = TokenField(token->label, sizeof(token->label));
  uri.token_serial = TokenField(token->serialNumber, sizeof(token->serialNumber));
  uri.token_manufacturer = TokenField(token->manufacturerID, sizeof(token->manufacturerID));
  uri.token_model = TokenField(token->model, sizeof(token->model));

  if (std::optional<Bytes> label = AttributeBytes(parsed.get(), CKA_LABEL)) {
    uri.object_label = std::string(AsString(*label));
  }
  uri.id = AttributeBytes(parsed.get(), CKA_ID);
  CK_ATTRIBUTE* klass = ::p11_kit_uri_get_attribute(parsed.get(), CKA_CLASS);
  if (klass != nullptr && klass->ulValueLen == sizeof(CK_OBJECT_CLASS)) {
    uri.object_class = *static_cast<const CK_OBJECT_CLASS*>(klass->pValue);
  }
  return uri;
}

bool Uri::MatchesToken(const CK_TOKEN_INFO& info) const {
  auto matches = [](const std::optional<std::string>& want, const unsigned char* field,
                    size_t len) { return !want || *want == PaddedToString(field, len); };
  return matches(token_label, info.label, sizeof(info.label)) &&
         matches(token_serial, info.serialNumber, sizeof(info.serialNumber)) &&
         matches(token_manufacturer, info.manufacturerID, sizeof(info.manufacturerID)) &&
         matches(token_model, info.model, sizeof(info.model));
}

std::string FormatKeyUri(std::string_view token_label, std::string_view label, ByteView id,
                         CK_OBJECT_CLASS object_class) {
  std::string out = "pkcs11:token=";
  AppendPercentEncoded(out, AsBytes(token_label), false);
  out += ";object=";
  AppendPercentEncoded(out, AsBytes(label), false);
  if (!id.empty()) {
    out += ";id=";
    AppendPercentEncoded(out, id, true);
  }
  switch (object_class) {
    case CKO_PRIVATE_KEY:
      out += ";type=private";
      break;
    case CKO_PUBLIC_KEY:
      out += ";type=public";
      break;
    case CKO_SECRET_KEY:
      out += ";type=secret-key";
      break;
    case CKO_CERTIFICATE:
      out += ";type=cert";
      break;
    default:
      break;
  }
  return out;
}

Result<std::optional<std::string>> ObjectLabelOfUri(std::string_view uri) {
  VCI_ASSIGN_OR_RETURN(Uri parsed, Uri::Parse(uri));
  return parsed.object_label;
}

}  // namespace vci::pkcs11
