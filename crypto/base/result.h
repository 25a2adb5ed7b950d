// Result<T>: a value or an Error, shaped like std::expected<T, Error>.
//
// The project is C++20 and neither clang 14 nor clang 16 can compile libstdc++ 12's <expected>,
// so this small type stands in. Its members carry the standard's names (has_value, value, error,
// value_or, and_then, transform) so that it can become an alias once the toolchains allow.
// Unlike std::expected, an Error converts implicitly, so `return Error(...)` reads naturally.
#ifndef VCISSUER_CRYPTO_BASE_RESULT_H_
#define VCISSUER_CRYPTO_BASE_RESULT_H_

#include <cstdio>
#include <cstdlib>
#include <optional>
#include <type_traits>
#include <utility>
#include <variant>

#include "crypto/base/error.h"

// VCI_CHECK terminates on a broken invariant, in every build mode. Never use it on anything the
// network, the HSM or the file system can cause: those are Errors.
#define VCI_CHECK(cond)                                                                         \
  do {                                                                                          \
    if (!(cond)) {                                                                              \
      (void)std::fprintf(stderr, "%s:%d: invariant violated: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                             \
    }                                                                                           \
  } while (0)

namespace vci {

template <typename T>
class [[nodiscard]] Result {
 public:
  using value_type = T;

  // The converting constructors are implicit by design: `return value;` and `return Error(...);`.
  Result(const T& value) : state_(std::in_place_index<0>, value) {}

  Result(T&& value) : state_(std::in_place_index<0>, std::move(value)) {}

  Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}

  template <typename U>

  requires(std::is_constructible_v<T, U&&> && !std::is_same_v<std::decay_t<U>, T> &&
           !std::is_same_v<std::decay_t<U>, Error> && !std::is_same_v<std::decay_t<U>, Result<T>>)
      // NOLINTNEXTLINE(bugprone-forwarding-reference-overload): `requires` excludes Result<T>.
      Result(U&& value)
      : state_(std::in_place_index<0>, T(std::forward<U>(value))) {}

  bool has_value() const { return state_.index() == 0; }

  explicit operator bool() const { return has_value(); }

  T& value() & {
    VCI_CHECK(has_value());
    return std::get<0>(state_);
  }

  const T& value() const& {
    VCI_CHECK(has_value());
    return std::get<0>(state_);
  }

  T&& value() && {
    VCI_CHECK(has_value());
    return std::move(std::get<0>(state_));
  }

  const Error& error() const {
    VCI_CHECK(!has_value());
    return std::get<1>(state_);
  }

  T& operator*() & { return value(); }

  const T& operator*() const& { return value(); }

  T&& operator*() && { return std::move(*this).value(); }

  T* operator->() { return &value(); }

  const T* operator->() const { return &value(); }

  template <typename U>
  T value_or(U&& fallback) const& {
    return has_value() ? std::get<0>(state_) : static_cast<T>(std::forward<U>(fallback));
  }

  // and_then calls `fn(value)`, which returns a Result, or passes the error on.
  template <typename Fn>
  auto and_then(Fn&& fn) const& -> std::invoke_result_t<Fn, const T&> {
    if (!has_value()) {
      return error();
    }
    return std::forward<Fn>(fn)(value());
  }

  // transform maps the value through `fn`, or passes the error on.
  template <typename Fn>
  auto transform(Fn&& fn) const& -> Result<std::invoke_result_t<Fn, const T&>> {
    if (!has_value()) {
      return error();
    }
    return std::forward<Fn>(fn)(value());
  }

 private:
  std::variant<T, Error> state_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  using value_type = void;

  Result() = default;

  Result(Error error) : error_(std::move(error)) {}  // implicit by design

  bool has_value() const { return !error_.has_value(); }

  explicit operator bool() const { return has_value(); }

  void value() const { VCI_CHECK(has_value()); }

  const Error& error() const {
    VCI_CHECK(!has_value());
    return *error_;
  }

 private:
  std::optional<Error> error_;
};

// Ok is the successful Result<void>.
inline Result<void> Ok() {
  return {};
}

}  // namespace vci

#define VCI_RESULT_CONCAT_INNER(a, b) a##b
#define VCI_RESULT_CONCAT(a, b) VCI_RESULT_CONCAT_INNER(a, b)

// VCI_TRY(expr) returns the error of a failed Result<...> expression from the enclosing function.
#define VCI_TRY(expr)                   \
  do {                                  \
    auto vci_try_result_ = (expr);      \
    if (!vci_try_result_.has_value()) { \
      return vci_try_result_.error();   \
    }                                   \
  } while (0)

// VCI_ASSIGN_OR_RETURN(decl, expr) declares `decl` from the value of a Result, or returns its
// error from the enclosing function. Example: VCI_ASSIGN_OR_RETURN(auto key, FindKey(uri));
#define VCI_ASSIGN_OR_RETURN(decl, expr) \
  VCI_ASSIGN_OR_RETURN_IMPL(VCI_RESULT_CONCAT(vci_result_, __LINE__), decl, expr)
// `decl` is a declaration ("auto key") and `tmp` a name being declared: neither can be
// parenthesized. NOLINTNEXTLINE would cover only the first line of the macro.
// NOLINTBEGIN(bugprone-macro-parentheses): arguments are declarations, see above.
#define VCI_ASSIGN_OR_RETURN_IMPL(tmp, decl, expr) \
  auto tmp = (expr);                               \
  if (!tmp.has_value()) {                          \
    return tmp.error();                            \
  }                                                \
  decl = std::move(tmp).value()
// NOLINTEND(bugprone-macro-parentheses)

#endif  // VCISSUER_CRYPTO_BASE_RESULT_H_
