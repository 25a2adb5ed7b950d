// Uri: the parts of an RFC 7512 "pkcs11:" URI this project uses to find a token and a key.
#ifndef VCISSUER_CRYPTO_PKCS11_URI_H_
#define VCISSUER_CRYPTO_PKCS11_URI_H_

#include <p11-kit/pkcs11.h>

#include <optional>
#include <string>
#include <string_view>

#include "crypto/base/bytes.h"
#include "crypto/base/result.h"

namespace vci::pkcs11 {

struct Uri {
  // Token attributes (RFC 7512 section 2.3: token, serial, manufacturer, model).
  std::optional<std::string> token_label;
  std::optional<std::string> token_serial;
  std::optional<std::string> token_manufacturer;
  std::optional<std::string> token_model;
  // Object attributes: "object" (CKA_LABEL), "id" (CKA_ID), "type" (CKA_CLASS).
  std::optional<std::string> object_label;
  std::optional<Bytes> id;
  std::optional<CK_OBJECT_CLASS> object_class;

  // Parse reads `text` with p11-kit's parser. Fails with kInvalidArgument when it is not a
  // pkcs11: URI, is malformed, carries "pin-value" or "pin-source" (a PIN never travels in a URI)
  // or a path attribute p11-kit does not know. Query attributes such as module-path are ignored:
  // the module is configured separately.
  static Result<Uri> Parse(std::string_view text);

  // MatchesToken says whether every token attribute present here equals the token's (blank-padded
  // fields compared without their padding). A URI without token attributes matches every token.
  bool MatchesToken(const CK_TOKEN_INFO& info) const;

  // HasObjectAttributes says whether the URI names an object (label or id).
  bool HasObjectAttributes() const { return object_label.has_value() || id.has_value(); }
};

// FormatKeyUri returns "pkcs11:token=<token>;object=<label>;id=<%xx...>;type=<type>", each value
// percent-encoded (RFC 3986: all but unreserved characters), for an object of class
// `object_class`; id is left out when empty. Parse() reads the result back unchanged.
std::string FormatKeyUri(std::string_view token_label, std::string_view label, ByteView id,
                         CK_OBJECT_CLASS object_class);

// PaddedToString returns the blank-padded PKCS#11 text field `field` (token label, serial, ...)
// without the trailing blanks or NULs.
std::string PaddedToString(const unsigned char* field, size_t len);

}  // namespace vci::pkcs11

#endif  // VCISSUER_CRYPTO_PKCS11_URI_H_
