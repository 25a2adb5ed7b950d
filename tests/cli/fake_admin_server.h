// FakeAdminServer: a tiny HTTP/1.1 server on 127.0.0.1 (a kernel-chosen port) that answers the
// admin API's paths with canned JSON and records what it was sent, so `offer create` can be run
// end to end without the daemon.
#ifndef VCISSUER_TESTS_CLI_FAKE_ADMIN_SERVER_H_
#define VCISSUER_TESTS_CLI_FAKE_ADMIN_SERVER_H_

#include <atomic>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace vci::cli::testing {

class FakeAdminServer {
 public:
  struct Answer {
    int status = 200;
    std::string body;
  };

  struct Request {
    std::string method;
    std::string path;
    std::string authorization;
    std::string body;
  };

  // FakeAdminServer binds and starts serving; `answers` maps a path to its answer (404 else).
  explicit FakeAdminServer(std::map<std::string, Answer> answers);

  ~FakeAdminServer();

  // Copying is deleted: the serving thread belongs to one object.
  FakeAdminServer(const FakeAdminServer&) = delete;
  FakeAdminServer& operator=(const FakeAdminServer&) = delete;
  FakeAdminServer(FakeAdminServer&&) = delete;
  FakeAdminServer& operator=(FakeAdminServer&&) = delete;

  // Url returns "http://127.0.0.1:<port>", or "" when binding failed.
  std::string Url() const;

  // Requests returns what the server has received so far.
  std::vector<Request> Requests();

 private:
  void Serve();
  void HandleConnection(int fd);

  std::map<std::string, Answer> answers_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::mutex mutex_;
  std::vector<Request> requests_;  // Guarded by mutex_.
  std::thread thread_;
};

}  // namespace vci::cli::testing

#endif  // VCISSUER_TESTS_CLI_FAKE_ADMIN_SERVER_H_
