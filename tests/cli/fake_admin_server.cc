#include "tests/cli/fake_admin_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <sstream>
#include <utility>

namespace vci::cli::testing {
namespace {

std::string HeaderValue(const std::string& head, const std::string& name) {
  std::istringstream lines(head);
  std::string line;
  while (std::getline(lines, line)) {
    if (!line.empty() && line.back() == '\r') {
      line.pop_back();
    }
    if (line.size() > name.size() && ::strncasecmp(line.c_str(), name.c_str(), name.size()) == 0 &&
        line[name.size()] == ':') {
      size_t start = line.find_first_not_of(' ', name.size() + 1);
      return start == std::string::npos ? "" : line.substr(start);
    }
  }
  return "";
}

}  // namespace

FakeAdminServer::FakeAdminServer(std::map<std::string, Answer> answers)
    : answers_(std::move(answers)) {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof(addr);
  if (listen_fd_ < 0 || ::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), len) != 0 ||
      ::listen(listen_fd_, 8) != 0 ||
      ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    return;
  }
  port_ = ntohs(addr.sin_port);
  thread_ = std::thread([this] { Serve(); });
}

FakeAdminServer::~FakeAdminServer() {
  stop_ = true;
  if (thread_.joinable()) {
    thread_.join();
  }
  if (listen_fd_ >= 0) {
    ::close(listen_fd_);
  }
}

std::string FakeAdminServer::Url() const {
  return port_ == 0 ? "" : "http://127.0.0.1:" + std::to_string(port_);
}

std::vector<FakeAdminServer::Request> FakeAdminServer::Requests() {
  std::lock_guard<std::mutex> lock(mutex_);
  return requests_;
}

void FakeAdminServer::Serve() {
  while (!stop_) {
    pollfd pfd{listen_fd_, POLLIN, 0};
    if (::poll(&pfd, 1, 50) <= 0) {
      continue;
    }
    int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd >= 0) {
      HandleConnection(fd);
      ::close(fd);
    }
  }
}

void FakeAdminServer::HandleConnection(int fd) {
  std::string data;
  char buffer[4096];
  size_t head_end = std::string::npos;
  size_t content_length = 0;
  while (true) {
    if (head_end == std::string::npos) {
      head_end = data.find("\r\n\r\n");
      if (head_end != std::string::npos) {
        content_length = std::strtoul(
            HeaderValue(data.substr(0, head_end), "Content-Length").c_str(), nullptr, 10);
      }
    }
    if (head_end != std::string::npos && data.size() >= head_end + 4 + content_length) {
      break;
    }
    ssize_t n = ::recv(fd, buffer, sizeof(buffer), 0);
    if (n <= 0) {
      return;
    }
    data.append(buffer, static_cast<size_t>(n));
  }
  std::string head = data.substr(0, head_end);
  Request request;
  std::istringstream first_line(head.substr(0, head.find("\r\n")));
  first_line >> request.method >> request.path;
  request.authorization = HeaderValue(head, "Authorization");
  request.body = data.substr(head_end + 4, content_length);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    requests_.push_back(request);
  }

  Answer answer{404, R"({"error":"not_found","error_description":"no such resource"})"};
  if (auto it = answers_.find(request.path); it != answers_.end()) {
    answer = it->second;
  }
  std::string response = "HTTP/1.1 " + std::to_string(answer.status) +
                         " Canned\r\nContent-Type: application/json\r\nContent-Length: " +
                         std::to_string(answer.body.size()) + "\r\nConnection: close\r\n\r\n" +
                         answer.body;
  ::send(fd, response.data(), response.size(), MSG_NOSIGNAL);
}

}  // namespace vci::cli::testing
