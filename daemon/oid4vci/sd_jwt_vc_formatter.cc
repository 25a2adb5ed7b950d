#include "daemon/oid4vci/sd_jwt_vc_formatter.h"

#include "crypto/jose/jws.h"
#include "crypto/sdjwt/sd_jwt.h"
#include "policy/disclosure_frame.h"

namespace vci::oid4vci {

Result<std::string> SdJwtVcFormatter::Format(const CredentialInput& input) {
  nlohmann::json frame = policy::DisclosureFrame(input.configuration, input.claims);
  VCI_ASSIGN_OR_RETURN(sdjwt::SdJwtPayload built,
                       sdjwt::BuildSdPayload(ossl_, input.claims, frame, random_, {}));

  // Registered claims are always visible (SD-JWT VC section 3.2.2.2); the policy refuses claim
  // names that would collide with them.
  nlohmann::json& payload = built.payload;
  payload["iss"] = input.issuer;
  payload["iat"] = input.issued_at;
  payload["nbf"] = input.not_before;
  payload["exp"] = input.expires_at;
  payload["vct"] = input.configuration.vct;
  if (!input.holder_jwk.is_null()) {
    payload["cnf"] = {{"jwk", input.holder_jwk}};
  }

  nlohmann::json header = {{"typ", kSdJwtVcType}, {"kid", input.signer.kid}};
  std::string payload_text = payload.dump();
  VCI_ASSIGN_OR_RETURN(std::string jwt,
                       jose::SignCompact(header, AsBytes(payload_text), *input.signer.signer));
  return sdjwt::IssuanceForm(jwt, built.disclosures);
}

}  // namespace vci::oid4vci
