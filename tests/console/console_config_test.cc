// Tests of the console's configuration file.
#include "console/console_config.h"

#include <gtest/gtest.h>

namespace vci::console {
namespace {

constexpr std::string_view kGood = R"toml(
[console]
public_url = "https://console.example.org/"
listen = "127.0.0.1:8600"
rules = "/etc/vcissuer-console/rules.toml"
session_idle_timeout = "10m"

[oidc]
issuer = "https://idp.example.org"
client_id = "console"
client_secret_credential = "oidc-client-secret"

[admin]
url = "http://127.0.0.1:8444"
token_credential = "admin-token"

[mail]
smtp_url = "smtp://relay.example.org:25"
from = "console@example.org"
)toml";

// Every key reads back; the trailing slash of public_url is dropped; defaults stay.
TEST(ConsoleConfigTest, ParseWorks) {
  Result<ConsoleConfig> config = ParseConsoleConfig(kGood, "c.toml");
  ASSERT_TRUE(config.has_value()) << config.error().message();
  EXPECT_EQ(config->public_url, "https://console.example.org");
  EXPECT_EQ(config->listen.port, 8600);
  EXPECT_EQ(config->session_idle, std::chrono::seconds(600));
  EXPECT_EQ(config->session_absolute, std::chrono::seconds(8 * 3600));
  EXPECT_EQ(config->offer_lifetime, std::chrono::seconds(300));
  EXPECT_EQ(config->oidc_client_secret.credential, "oidc-client-secret");
  EXPECT_EQ(config->admin_token.credential, "admin-token");
  EXPECT_EQ(config->smtp_url, "smtp://relay.example.org:25");
}

// Secrets in the file, unknown keys and plain http off loopback are errors with a position.
TEST(ConsoleConfigTest, BadConfigFails) {
  struct Case {
    std::string_view from, to, expect;
  };

  const Case cases[] = {
      {"client_secret_credential = \"oidc-client-secret\"", "client_secret = \"hunter2\"",
       "c.toml:"},
      {"session_idle_timeout = \"10m\"", "session_idle = \"10m\"", "session_idle"},
      {"https://idp.example.org", "http://idp.example.org", "issuer"},
      {"https://console.example.org/", "http://127.0.0.1:8600", "public_url"},
      {"listen = \"127.0.0.1:8600\"", "listen = \"8600\"", "listen"},
  };
  for (const Case& c : cases) {
    std::string text(kGood);
    text.replace(text.find(c.from), c.from.size(), c.to);
    Result<ConsoleConfig> config = ParseConsoleConfig(text, "c.toml");
    ASSERT_FALSE(config.has_value()) << c.to;
    EXPECT_NE(config.error().message().find(c.expect), std::string::npos)
        << config.error().message();
    EXPECT_EQ(config.error().message().find("hunter2"), std::string::npos);
  }
}

// http on loopback is accepted only with allow_insecure_loopback.
TEST(ConsoleConfigTest, LoopbackHttpNeedsDevelopmentSwitch) {
  std::string text(kGood);
  text.replace(text.find("https://idp.example.org"), 23, "http://127.0.0.1:9000");
  EXPECT_FALSE(ParseConsoleConfig(text, "c.toml").has_value());
  text += "\n[development]\nallow_insecure_loopback = true\n";
  EXPECT_TRUE(ParseConsoleConfig(text, "c.toml").has_value());
}

}  // namespace
}  // namespace vci::console
