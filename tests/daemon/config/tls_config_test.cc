// The [tls.public] and [tls.admin] tables of the configuration.
#include <gtest/gtest.h>

#include <string>

#include "daemon/config/config.h"

namespace vci::config {
namespace {

constexpr std::string_view kBase = R"(
[issuer]
identifier = "https://issuer.example.com"
[pkcs11]
module = "/usr/lib/softhsm/libsofthsm2.so"
token = "pkcs11:token=vcissuer"
pin_file = "/etc/vcissuer/pin"
[keys]
hmac = "pkcs11:token=vcissuer;object=code-hmac;type=secret-key"
[state]
directory = "/var/lib/vcissuer"
[policy]
directory = "/etc/vcissuer/policy.d"
)";

Result<Config> Parse(std::string_view tls) {
  return ParseConfig(std::string(kBase) + std::string(tls), "/etc/vcissuer/vcissuer.toml");
}

TEST(TlsConfigTest, WithoutTlsTablesBothListenersArePlain) {
  // Proves the default: no TLS unless configured.
  Result<Config> config = Parse("");
  ASSERT_TRUE(config.has_value()) << config.error().message();
  EXPECT_FALSE(config->tls.public_listener.enabled());
  EXPECT_FALSE(config->tls.admin.enabled());
}

TEST(TlsConfigTest, RelativePathsResolveAgainstTheConfigurationDirectory) {
  // Proves both listeners' files are read, relative ones next to the configuration file.
  Result<Config> config = Parse(R"(
[tls.public]
certificate = "tls/public.crt"
key = "/secure/public.key"
[tls.admin]
certificate = "tls/admin.crt"
key = "tls/admin.key"
client_ca = "tls/clients.pem"
)");
  ASSERT_TRUE(config.has_value()) << config.error().message();
  EXPECT_EQ(config->tls.public_listener.certificate_file, "/etc/vcissuer/tls/public.crt");
  EXPECT_EQ(config->tls.public_listener.key_file, "/secure/public.key");
  EXPECT_EQ(config->tls.public_listener.client_ca_file, "");
  EXPECT_EQ(config->tls.admin.certificate_file, "/etc/vcissuer/tls/admin.crt");
  EXPECT_EQ(config->tls.admin.key_file, "/etc/vcissuer/tls/admin.key");
  EXPECT_EQ(config->tls.admin.client_ca_file, "/etc/vcissuer/tls/clients.pem");
  std::string dump = RedactedDump(*config);
  EXPECT_NE(dump.find("[tls.admin]\ncertificate = \"/etc/vcissuer/tls/admin.crt\"\n"
                      "key = \"/etc/vcissuer/tls/admin.key\"\n"
                      "client_ca = \"/etc/vcissuer/tls/clients.pem\"\n"),
            std::string::npos)
      << dump;
}

struct BadCase {
  std::string tls;
  std::string message;  // A fragment of the expected diagnostic.
};

class TlsConfigErrorTest : public ::testing::TestWithParam<BadCase> {};

TEST_P(TlsConfigErrorTest, IsRefusedWithItsReason) {
  // Proves each incomplete or misplaced TLS setting is an error, not a silent plain listener.
  Result<Config> config = Parse(GetParam().tls);
  ASSERT_FALSE(config.has_value());
  EXPECT_NE(config.error().message().find(GetParam().message), std::string::npos)
      << config.error().message();
}

INSTANTIATE_TEST_SUITE_P(
    Cases, TlsConfigErrorTest,
    ::testing::Values(
        BadCase{"[tls.public]\ncertificate = \"a.crt\"\n", "must set both certificate and key"},
        BadCase{"[tls.admin]\nkey = \"a.key\"\n", "must set both certificate and key"},
        BadCase{"[tls.public]\ncertificate = \"\"\nkey = \"\"\n", "must be file paths"},
        BadCase{"[tls.public]\ncertificate = \"a.crt\"\nkey = \"a.key\"\nclient_ca = \"c.pem\"\n",
                "client_ca"},
        BadCase{"[tls.admin]\nclient_ca = \"c.pem\"\n", "needs certificate and key"},
        BadCase{"[tls.other]\ncertificate = \"a.crt\"\n", "other"}));

}  // namespace
}  // namespace vci::config
