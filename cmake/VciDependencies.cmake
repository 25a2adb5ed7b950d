# Every external dependency is found here, once, and exposed as an imported target.
# All of them come from Debian 12 packages (scripts/setup-deps.sh).
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(OpenSSL 3 REQUIRED)
find_package(nlohmann_json 3.11 REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(CURL REQUIRED)
find_package(CLI11 REQUIRED)

pkg_check_modules(MHD REQUIRED IMPORTED_TARGET libmicrohttpd>=0.9.75)
pkg_check_modules(SYSTEMD REQUIRED IMPORTED_TARGET libsystemd)
pkg_check_modules(P11KIT REQUIRED IMPORTED_TARGET p11-kit-1)
pkg_check_modules(QRENCODE REQUIRED IMPORTED_TARGET libqrencode)
pkg_check_modules(TOMLPP REQUIRED IMPORTED_TARGET tomlplusplus)

if(VCI_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
