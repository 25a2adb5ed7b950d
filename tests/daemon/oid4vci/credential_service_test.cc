#include "daemon/oid4vci/credential_service.h"

#include <gtest/gtest.h>

#include <set>

#include "crypto/jose/base64url.h"
#include "crypto/jose/jwk.h"
#include "crypto/jose/jws.h"
#include "crypto/ossl/digest.h"
#include "daemon/oid4vci/offer_service.h"
#include "daemon/oid4vci/token_service.h"
#include "tests/daemon/oid4vci/issuer_fixture.h"

namespace vci::oid4vci {
namespace {

class CredentialServiceTest : public IssuerFixture {
 protected:
  void SetUp() override {
    IssuerFixture::SetUp();
    wallet_ = std::move(jose::OsslSigner::Generate(*ossl_, jose::JwsAlgorithm::kEs256)).value();
    wallet_jwk_ = std::move(jose::PublicKeyToJwk(wallet_->PublicKey())).value();
    access_token_ = RedeemOffer();
  }

  std::string RedeemOffer() {
    OfferService offers(*context_);
    CreateOfferRequest request;
    request.configuration_id = "badge";
    request.claims = {{"given_name", "Erika"}, {"employee_id", "E123456"}, {"age", 42}};
    auto created = offers.Create(*policy_->Get(), Client("hr"), request);
    EXPECT_TRUE(created.has_value());
    auto json = offers.OfferJson(created->offer_id);
    std::string code = (*json)["grants"][kPreAuthorizedGrantType]["pre-authorized_code"];
    TokenService tokens(*context_);
    auto answer = tokens.Exchange(
        {{"grant_type", std::string(kPreAuthorizedGrantType)}, {"pre-authorized_code", code}});
    EXPECT_TRUE(answer.has_value());
    return (*answer)["access_token"];
  }

  std::string FreshNonce() {
    NonceService nonces(*context_);
    return std::string(nonces.Issue()->RevealAsString());
  }

  std::string Proof(const std::string& nonce, nlohmann::json header_extra = {},
                    nlohmann::json claims_extra = {}) {
    nlohmann::json header = {{"typ", "openid4vci-proof+jwt"}, {"jwk", wallet_jwk_}};
    if (header_extra.is_object()) {
      header.update(header_extra);
    }
    nlohmann::json claims = {{"aud", kTestIssuer}, {"iat", clock_.NowSeconds()}, {"nonce", nonce}};
    if (claims_extra.is_object()) {
      claims.update(claims_extra);
    }
    std::string payload = claims.dump();
    return std::move(jose::SignCompact(header, AsBytes(payload), *wallet_)).value();
  }

  static std::string Body(const std::string& proof, std::string configuration = "badge") {
    return nlohmann::json{{"credential_configuration_id", configuration},
                          {"proofs", {{"jwt", {proof}}}}}
        .dump();
  }

  Result<nlohmann::json> Issue(const std::string& body) {
    CredentialService credentials(*context_);
    return credentials.Issue(access_token_, body);
  }

  ErrorCode IssueError(const std::string& body) {
    auto result = Issue(body);
    EXPECT_FALSE(result.has_value());
    return result.has_value() ? ErrorCode::kInternal : result.error().code();
  }

  std::unique_ptr<jose::OsslSigner> wallet_;
  nlohmann::json wallet_jwk_;
  std::string access_token_;
};

// Section 8.3 and SD-JWT VC: the credential verifies with the issuer key, binds the wallet key,
// shows employee_id in the clear and hides given_name and age behind disclosures whose digests
// are in _sd.
TEST_F(CredentialServiceTest, IssueWorks) {
  auto answer = Issue(Body(Proof(FreshNonce())));
  ASSERT_TRUE(answer.has_value()) << answer.error().message() << " " << answer.error().detail();
  ASSERT_EQ((*answer)["credentials"].size(), 1u);
  std::string sd_jwt = (*answer)["credentials"][0]["credential"];

  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t tilde = sd_jwt.find('~'); tilde != std::string::npos;
       tilde = sd_jwt.find('~', start)) {
    parts.push_back(sd_jwt.substr(start, tilde - start));
    start = tilde + 1;
  }
  EXPECT_EQ(start, sd_jwt.size()) << "the issuance form ends with ~";
  ASSERT_EQ(parts.size(), 3u);  // the JWT and two disclosures (given_name, age)

  auto jws = jose::ParseCompact(parts[0], 64 * 1024);
  ASSERT_TRUE(jws.has_value());
  EXPECT_EQ(jws->header["typ"], "dc+sd-jwt");
  EXPECT_EQ(jws->header["alg"], "ES256");
  const RegisteredSigner* issuer = signers_.Find(kSignerUri);
  EXPECT_EQ(jws->header["kid"], issuer->kid);
  EXPECT_TRUE(
      jose::VerifySignature(*ossl_, *jws, jose::JwsAlgorithm::kEs256, issuer->signer->PublicKey())
          .has_value());

  nlohmann::json payload = nlohmann::json::parse(jws->payload.begin(), jws->payload.end());
  EXPECT_EQ(payload["iss"], kTestIssuer);
  EXPECT_EQ(payload["vct"], "https://credentials.example.com/badge");
  // Times are rounded down to the policy's timestamp_granularity (default one hour).
  int64_t hour = clock_.NowSeconds() - clock_.NowSeconds() % 3600;
  EXPECT_EQ(payload["iat"], hour);
  EXPECT_EQ(payload["nbf"], hour);
  EXPECT_EQ(payload["exp"], hour + 86400);
  EXPECT_EQ(payload["cnf"]["jwk"], wallet_jwk_);
  EXPECT_EQ(payload["_sd_alg"], "sha-256");
  EXPECT_EQ(payload["employee_id"], "E123456");
  EXPECT_FALSE(payload.contains("given_name"));
  EXPECT_FALSE(payload.contains("age"));

  std::map<std::string, nlohmann::json> disclosed;
  for (size_t i = 1; i < parts.size(); ++i) {
    auto digest = ossl::Sha256(*ossl_, AsBytes(parts[i]));
    std::string b64 = jose::Base64UrlEncode(*digest);
    EXPECT_NE(std::find(payload["_sd"].begin(), payload["_sd"].end(), b64), payload["_sd"].end());
    auto decoded = jose::Base64UrlDecode(parts[i], 4096);
    nlohmann::json disclosure = nlohmann::json::parse(decoded->begin(), decoded->end());
    ASSERT_EQ(disclosure.size(), 3u);
    disclosed[disclosure[1]] = disclosure[2];
  }
  EXPECT_EQ(disclosed["given_name"], "Erika");
  EXPECT_EQ(disclosed["age"], 42);
}

// Section 7: a c_nonce is consumed by the request that uses it; a reuse is invalid_nonce, and so
// is a nonce the issuer never made or one past its lifetime.
TEST_F(CredentialServiceTest, NonceIsSingleUse) {
  std::string nonce = FreshNonce();
  ASSERT_TRUE(Issue(Body(Proof(nonce))).has_value());
  EXPECT_EQ(IssueError(Body(Proof(nonce))), ErrorCode::kInvalidNonce);
  EXPECT_EQ(IssueError(Body(Proof("made-up-nonce"))), ErrorCode::kInvalidNonce);
  context_->settings.nonce_lifetime = std::chrono::seconds(60);
  std::string old = FreshNonce();
  clock_.Advance(std::chrono::seconds(61));
  EXPECT_EQ(IssueError(Body(Proof(old))), ErrorCode::kInvalidNonce);
}

// Section 8 / Appendix F.1: each broken proof rule is invalid_proof.
TEST_F(CredentialServiceTest, BrokenProofsFail) {
  EXPECT_EQ(IssueError(Body(Proof(FreshNonce(), {}, {{"aud", "https://evil.example"}}))),
            ErrorCode::kInvalidProof);
  EXPECT_EQ(IssueError(Body(Proof(FreshNonce(), {}, {{"iat", clock_.NowSeconds() - 3600}}))),
            ErrorCode::kInvalidProof);
  EXPECT_EQ(IssueError(Body(Proof(FreshNonce(), {}, {{"iat", clock_.NowSeconds() + 3600}}))),
            ErrorCode::kInvalidProof);
  EXPECT_EQ(IssueError(Body(Proof(FreshNonce(), {{"typ", "JWT"}}))), ErrorCode::kInvalidProof);
  EXPECT_EQ(IssueError(Body(Proof(FreshNonce(), {{"kid", "did:example:123#1"}}))),
            ErrorCode::kInvalidProof);

  // No nonce claim at all.
  nlohmann::json header = {{"typ", "openid4vci-proof+jwt"}, {"jwk", wallet_jwk_}};
  std::string payload = nlohmann::json{{"aud", kTestIssuer}, {"iat", clock_.NowSeconds()}}.dump();
  std::string no_nonce = std::move(jose::SignCompact(header, AsBytes(payload), *wallet_)).value();
  EXPECT_EQ(IssueError(Body(no_nonce)), ErrorCode::kInvalidProof);

  // alg none with an empty signature.
  nlohmann::json none_header = {
      {"typ", "openid4vci-proof+jwt"}, {"alg", "none"}, {"jwk", wallet_jwk_}};
  std::string none_payload = nlohmann::json{
      {"aud", kTestIssuer},
      {"iat", clock_.NowSeconds()},
      {"nonce", FreshNonce()}}.dump();
  std::string none_jwt = jose::Base64UrlEncode(AsBytes(none_header.dump())) + "." +
                         jose::Base64UrlEncode(AsBytes(none_payload)) + ".";
  EXPECT_EQ(IssueError(Body(none_jwt)), ErrorCode::kInvalidProof);

  // A proof signed by another key than the jwk it names.
  std::string good = Proof(FreshNonce());
  auto other = std::move(jose::OsslSigner::Generate(*ossl_, jose::JwsAlgorithm::kEs256)).value();
  std::string signing_input = good.substr(0, good.rfind('.'));
  std::string forged =
      signing_input + "." + jose::Base64UrlEncode(*other->Sign(AsBytes(signing_input)));
  EXPECT_EQ(IssueError(Body(forged)), ErrorCode::kInvalidProof);

  // Missing proofs, or an empty list.
  EXPECT_EQ(IssueError(R"({"credential_configuration_id":"badge"})"), ErrorCode::kInvalidProof);
  EXPECT_EQ(IssueError(R"({"credential_configuration_id":"badge","proofs":{"jwt":[]}})"),
            ErrorCode::kInvalidProof);
}

// Section 8.3.1.2: request shape errors.
TEST_F(CredentialServiceTest, MalformedRequestsFail) {
  std::string proof = Proof(FreshNonce());
  EXPECT_EQ(IssueError("not json"), ErrorCode::kInvalidCredentialRequest);
  EXPECT_EQ(IssueError(R"({"format":"dc+sd-jwt"})"), ErrorCode::kInvalidCredentialRequest);
  nlohmann::json both = nlohmann::json::parse(Body(proof));
  both["credential_identifier"] = "x";
  EXPECT_EQ(IssueError(both.dump()), ErrorCode::kInvalidCredentialRequest);
  nlohmann::json by_identifier = {{"credential_identifier", "x"}, {"proofs", {{"jwt", {proof}}}}};
  EXPECT_EQ(IssueError(by_identifier.dump()), ErrorCode::kUnknownCredentialIdentifier);
  EXPECT_EQ(IssueError(Body(proof, "nope")), ErrorCode::kUnknownCredentialConfiguration);
  EXPECT_EQ(IssueError(Body(proof, "other")), ErrorCode::kCredentialRequestDenied);
}

// RFC 6750: an unknown or expired access token is invalid_token.
TEST_F(CredentialServiceTest, BadAccessTokenFails) {
  CredentialService credentials(*context_);
  std::string body = Body(Proof(FreshNonce()));
  EXPECT_EQ(credentials.Issue("not-a-token", body).error().code(), ErrorCode::kInvalidToken);
  clock_.Advance(std::chrono::seconds(300));
  EXPECT_EQ(credentials.Issue(access_token_, body).error().code(), ErrorCode::kInvalidToken);
}

// Several requests with one access token succeed while it lives, each with a fresh nonce.
TEST_F(CredentialServiceTest, SeveralRequestsPerTokenWork) {
  EXPECT_TRUE(Issue(Body(Proof(FreshNonce()))).has_value());
  EXPECT_TRUE(Issue(Body(Proof(FreshNonce()))).has_value());
}

// UsePolicy replaces the policy with the test policy followed by `extra`.
void UsePolicy(PolicyHolder& holder, std::string_view extra) {
  auto policy = policy::ParsePolicyText(std::string(kTestPolicy) + std::string(extra), "t.toml");
  ASSERT_TRUE(policy.has_value()) << policy.error().message();
  holder.Set(std::make_shared<const policy::Policy>(std::move(policy).value()));
}

// SplitIssuance returns the JWT payload and the disclosures of an SD-JWT in issuance form.
std::pair<nlohmann::json, std::vector<std::string>> SplitIssuance(const std::string& sd_jwt) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t tilde = sd_jwt.find('~'); tilde != std::string::npos;
       tilde = sd_jwt.find('~', start)) {
    parts.push_back(sd_jwt.substr(start, tilde - start));
    start = tilde + 1;
  }
  auto jws = jose::ParseCompact(parts.at(0), 64 * 1024);
  EXPECT_TRUE(jws.has_value());
  nlohmann::json payload = nlohmann::json::parse(jws->payload.begin(), jws->payload.end());
  return {payload, std::vector<std::string>(parts.begin() + 1, parts.end())};
}

// Section 8.2 / 12.2.4: a batch of proofs with distinct keys gets one credential per key, all
// with the same iat, nbf and exp, and disclosures that share no salt.
TEST_F(CredentialServiceTest, BatchIssuanceWorks) {
  UsePolicy(*policy_,
            "[issuer]\ndisplay = [ { locale = \"en\", name = \"I\" } ]\nbatch_size = 3\n");
  auto second = std::move(jose::OsslSigner::Generate(*ossl_, jose::JwsAlgorithm::kEdDsa)).value();
  nlohmann::json second_jwk = std::move(jose::PublicKeyToJwk(second->PublicKey())).value();
  std::string nonce = FreshNonce();
  std::string first_proof = Proof(nonce);
  nlohmann::json header = {{"typ", "openid4vci-proof+jwt"}, {"jwk", second_jwk}};
  std::string claims =
      nlohmann::json{{"aud", kTestIssuer}, {"iat", clock_.NowSeconds()}, {"nonce", nonce}}.dump();
  std::string second_proof = std::move(jose::SignCompact(header, AsBytes(claims), *second)).value();
  nlohmann::json body = {{"credential_configuration_id", "badge"},
                         {"proofs", {{"jwt", {first_proof, second_proof}}}}};
  auto answer = Issue(body.dump());
  ASSERT_TRUE(answer.has_value()) << answer.error().message();
  ASSERT_EQ((*answer)["credentials"].size(), 2u);
  auto [a, a_disclosures] = SplitIssuance((*answer)["credentials"][0]["credential"]);
  auto [b, b_disclosures] = SplitIssuance((*answer)["credentials"][1]["credential"]);
  EXPECT_EQ(a["cnf"]["jwk"], wallet_jwk_);
  EXPECT_EQ(b["cnf"]["jwk"], second_jwk);
  for (const char* time : {"iat", "nbf", "exp"}) {
    EXPECT_EQ(a[time], b[time]) << time;
  }
  std::set<std::string> salts;
  for (const auto& d : a_disclosures) {
    salts.insert(nlohmann::json::parse(*jose::Base64UrlDecode(d, 4096))[0].get<std::string>());
  }
  for (const auto& d : b_disclosures) {
    salts.insert(nlohmann::json::parse(*jose::Base64UrlDecode(d, 4096))[0].get<std::string>());
  }
  EXPECT_EQ(salts.size(), a_disclosures.size() + b_disclosures.size());
}

// Batch limits: more proofs than batch_size, two proofs of one key, or several proofs while
// batches are off are invalid_credential_request.
TEST_F(CredentialServiceTest, BatchLimitsFail) {
  std::string nonce = FreshNonce();
  nlohmann::json two_same = {{"credential_configuration_id", "badge"},
                             {"proofs", {{"jwt", {Proof(nonce), Proof(nonce)}}}}};
  EXPECT_EQ(IssueError(two_same.dump()), ErrorCode::kInvalidCredentialRequest);  // batches off
  UsePolicy(*policy_,
            "[issuer]\ndisplay = [ { locale = \"en\", name = \"I\" } ]\nbatch_size = 2\n");
  EXPECT_EQ(IssueError(two_same.dump()), ErrorCode::kInvalidCredentialRequest);  // same key
  nlohmann::json three = {{"credential_configuration_id", "badge"},
                          {"proofs", {{"jwt", {Proof(nonce), Proof(nonce), Proof(nonce)}}}}};
  EXPECT_EQ(IssueError(three.dump()), ErrorCode::kInvalidCredentialRequest);  // over batch_size
  // None of these consumed the nonce.
  EXPECT_TRUE(Issue(Body(Proof(nonce))).has_value());
}

// Appendix F.1: a proof may name its key by a did:jwk kid where the policy allows that binding
// method; the credential is then bound to the resolved key. Where it does not, invalid_proof.
TEST_F(CredentialServiceTest, DidJwkKidWorks) {
  std::string did = "did:jwk:" + jose::Base64UrlEncode(AsBytes(wallet_jwk_.dump())) + "#0";
  auto proof_with_kid = [&] {
    nlohmann::json header = {{"typ", "openid4vci-proof+jwt"}, {"kid", did}};
    std::string claims =
        nlohmann::json{{"aud", kTestIssuer}, {"iat", clock_.NowSeconds()}, {"nonce", FreshNonce()}}
            .dump();
    return std::move(jose::SignCompact(header, AsBytes(claims), *wallet_)).value();
  };
  EXPECT_EQ(IssueError(Body(proof_with_kid())), ErrorCode::kInvalidProof);

  std::string text(kTestPolicy);
  text.replace(text.find("proof_algs"), 0, "binding_methods = [\"jwk\", \"did:jwk\"]\n");
  auto policy = policy::ParsePolicyText(text, "t.toml");
  ASSERT_TRUE(policy.has_value()) << policy.error().message();
  policy_->Set(std::make_shared<const policy::Policy>(std::move(policy).value()));
  auto answer = Issue(Body(proof_with_kid()));
  ASSERT_TRUE(answer.has_value()) << answer.error().message();
  auto [payload, disclosures] = SplitIssuance((*answer)["credentials"][0]["credential"]);
  EXPECT_EQ(payload["cnf"]["jwk"], wallet_jwk_);
}

// Sections 6.2 and 8.2: after authorization_details, the token names a credential identifier,
// and the credential request must use it instead of credential_configuration_id.
TEST_F(CredentialServiceTest, CredentialIdentifierFlowWorks) {
  OfferService offers(*context_);
  CreateOfferRequest request;
  request.configuration_id = "badge";
  request.claims = {{"given_name", "Erika"}, {"employee_id", "E1"}};
  auto created = offers.Create(*policy_->Get(), Client("hr"), request);
  ASSERT_TRUE(created.has_value());
  std::string code = (*offers.OfferJson(
      created->offer_id))["grants"][kPreAuthorizedGrantType]["pre-authorized_code"];
  TokenService tokens(*context_);
  auto answer = tokens.Exchange(
      {{"grant_type", std::string(kPreAuthorizedGrantType)},
       {"pre-authorized_code", code},
       {"authorization_details",
        R"([{"type":"openid_credential","credential_configuration_id":"badge"}])"}});
  ASSERT_TRUE(answer.has_value()) << answer.error().message();
  const nlohmann::json& details = (*answer)["authorization_details"];
  ASSERT_EQ(details.size(), 1u);
  EXPECT_EQ(details[0]["credential_configuration_id"], "badge");
  std::string identifier = details[0]["credential_identifiers"][0];
  access_token_ = (*answer)["access_token"];

  std::string proof = Proof(FreshNonce());
  EXPECT_EQ(IssueError(Body(proof)), ErrorCode::kInvalidCredentialRequest);
  nlohmann::json wrong = {{"credential_identifier", "badge:2"}, {"proofs", {{"jwt", {proof}}}}};
  EXPECT_EQ(IssueError(wrong.dump()), ErrorCode::kUnknownCredentialIdentifier);
  nlohmann::json right = {{"credential_identifier", identifier}, {"proofs", {{"jwt", {proof}}}}};
  EXPECT_TRUE(Issue(right.dump()).has_value());
}

// Section 11: the notification_id of a response accepts each event, repeatedly; unknown ids and
// malformed requests get their own error codes.
TEST_F(CredentialServiceTest, NotificationWorks) {
  auto answer = Issue(Body(Proof(FreshNonce())));
  ASSERT_TRUE(answer.has_value());
  std::string id = (*answer)["notification_id"];
  CredentialService credentials(*context_);
  auto notify = [&](const nlohmann::json& body) {
    return credentials.Notify(access_token_, body.dump());
  };
  EXPECT_TRUE(notify({{"notification_id", id}, {"event", "credential_accepted"}}).has_value());
  EXPECT_TRUE(notify({{"notification_id", id}, {"event", "credential_accepted"}}).has_value());
  EXPECT_TRUE(notify({{"notification_id", id},
                      {"event", "credential_deleted"},
                      {"event_description", "the holder deleted it"}})
                  .has_value());
  EXPECT_EQ(notify({{"notification_id", "nope"}, {"event", "credential_accepted"}}).error().code(),
            ErrorCode::kInvalidNotificationId);
  EXPECT_EQ(notify({{"notification_id", id}, {"event", "credential_lost"}}).error().code(),
            ErrorCode::kInvalidNotificationRequest);
  EXPECT_EQ(notify({{"event", "credential_accepted"}}).error().code(),
            ErrorCode::kInvalidNotificationRequest);
  EXPECT_EQ(
      credentials.Notify("other-token", R"({"notification_id":"x","event":"credential_failure"})")
          .error()
          .code(),
      ErrorCode::kInvalidToken);
}

// Draft 15's singular proof is an unknown member unless compatibility is on; then it works.
TEST_F(CredentialServiceTest, Draft15ProofNeedsCompatibility) {
  auto body = [&] {
    return nlohmann::json{{"credential_configuration_id", "badge"},
                          {"proof", {{"proof_type", "jwt"}, {"jwt", Proof(FreshNonce())}}}}
        .dump();
  };
  EXPECT_EQ(IssueError(body()), ErrorCode::kInvalidProof);  // proofs is missing
  context_->settings.accept_draft15_proof = true;
  EXPECT_TRUE(Issue(body()).has_value());
}

// RFC 7515 section 4.1.11 and RFC 7519 sections 4.1.4-4.1.5: a proof with critical extensions,
// one past its exp or one before its nbf is invalid_proof; exp and nbf within the skew pass.
TEST_F(CredentialServiceTest, ProofCritExpNbfWork) {
  int64_t now = clock_.NowSeconds();
  EXPECT_EQ(IssueError(Body(Proof(FreshNonce(), {{"crit", {"urn:x"}}, {"urn:x", 1}}))),
            ErrorCode::kInvalidProof);
  EXPECT_EQ(IssueError(Body(Proof(FreshNonce(), {}, {{"exp", now - 120}}))),
            ErrorCode::kInvalidProof);
  EXPECT_EQ(IssueError(Body(Proof(FreshNonce(), {}, {{"nbf", now + 3600}}))),
            ErrorCode::kInvalidProof);
  EXPECT_EQ(IssueError(Body(Proof(FreshNonce(), {}, {{"exp", "soon"}}))), ErrorCode::kInvalidProof);
  EXPECT_TRUE(
      Issue(Body(Proof(FreshNonce(), {}, {{"exp", now + 600}, {"nbf", now - 5}}))).has_value());
  EXPECT_TRUE(
      Issue(Body(Proof(FreshNonce(), {}, {{"exp", now - 30}, {"nbf", now + 30}}))).has_value());
}

// Section 8.2: a request for an encrypted response cannot be honoured by an issuer that
// advertises no encryption: invalid_encryption_parameters, never a plaintext answer.
TEST_F(CredentialServiceTest, EncryptionRequestFails) {
  nlohmann::json body = nlohmann::json::parse(Body(Proof(FreshNonce())));
  body["credential_response_encryption"] = {{"enc", "A128GCM"}};
  EXPECT_EQ(IssueError(body.dump()), ErrorCode::kInvalidEncryptionParameters);
}

// Section 11.1: event_description allows only %x20-21 / %x23-5B / %x5D-7E.
TEST_F(CredentialServiceTest, NotificationDescriptionCharactersFail) {
  auto answer = Issue(Body(Proof(FreshNonce())));
  ASSERT_TRUE(answer.has_value());
  std::string id = (*answer)["notification_id"];
  CredentialService credentials(*context_);
  for (std::string description : {"caf\xc3\xa9", "line\n", "quote\"", "back\\slash"}) {
    nlohmann::json body = {{"notification_id", id},
                           {"event", "credential_failure"},
                           {"event_description", description}};
    EXPECT_EQ(credentials.Notify(access_token_, body.dump()).error().code(),
              ErrorCode::kInvalidNotificationRequest)
        << description;
  }
}

// Issue #4: a token issued for a configuration that a policy reload has since removed gets
// credential_request_denied, not unknown_credential_configuration.
TEST_F(CredentialServiceTest, RemovedConfigurationIsDenied) {
  RemoveBadgeConfiguration();
  EXPECT_EQ(IssueError(Body(Proof(FreshNonce()))), ErrorCode::kCredentialRequestDenied);
}

}  // namespace
}  // namespace vci::oid4vci
