# Where `cmake --install` puts the appliance: the agreed paths of the packages (Debian and RPM) and
# of the SELinux file contexts. Configure with -DCMAKE_INSTALL_PREFIX=/usr for a system install;
# /etc and /var then resolve to the system's own directories, not to ones under the prefix.
include(GNUInstallDirs)

set(VCI_SYSTEMD_UNITDIR "lib/systemd/system" CACHE STRING
    "systemd system unit directory, relative to the prefix")
set(VCI_SYSUSERSDIR "lib/sysusers.d" CACHE STRING "sysusers.d directory, relative to the prefix")
set(VCI_TMPFILESDIR "lib/tmpfiles.d" CACHE STRING "tmpfiles.d directory, relative to the prefix")
set(VCI_CONFDIR "${CMAKE_INSTALL_FULL_SYSCONFDIR}/vcissuer")

# The programs. Each component is one binary package.
install(TARGETS vcissuerd RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT daemon)
install(TARGETS vcissuerctl RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT cli)
if(EXISTS ${PROJECT_SOURCE_DIR}/cli/vcissuerctl.1)
  install(FILES cli/vcissuerctl.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT cli)
endif()

# The daemon's units and its user, group and token store.
install(FILES systemd/vcissuerd.service systemd/vcissuerd-public.socket
              systemd/vcissuerd-admin.socket
        DESTINATION ${VCI_SYSTEMD_UNITDIR} COMPONENT daemon)
install(FILES systemd/vcissuer.sysusers DESTINATION ${VCI_SYSUSERSDIR} RENAME vcissuer.conf
        COMPONENT daemon)
install(FILES systemd/vcissuer.tmpfiles DESTINATION ${VCI_TMPFILESDIR} RENAME vcissuer.conf
        COMPONENT daemon)

# The configuration (a PIN credential, not a PIN file) and the example issuance policy.
install(FILES packaging/common/vcissuer.toml DESTINATION ${VCI_CONFDIR} COMPONENT daemon)
# The live policy is one credential, the badge (signed by badge-signer, offered by the client
# hr-system whose token the operator sets); every example stays under the documentation.
install(FILES examples/policy/00-issuer.toml examples/policy/employee_badge.toml
        DESTINATION ${VCI_CONFDIR}/policy.d COMPONENT daemon)
install(FILES examples/config/vcissuer.toml DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples
        COMPONENT daemon)
install(DIRECTORY examples/policy/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples/policy
        COMPONENT daemon FILES_MATCHING PATTERN "*.toml")

# The account console, while it is being written: only when its target exists.
if(TARGET vcissuer-console)
  install(TARGETS vcissuer-console RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT console)
  install(FILES systemd/vcissuer-console.service DESTINATION ${VCI_SYSTEMD_UNITDIR}
          COMPONENT console)
  install(FILES systemd/vcissuer-console.sysusers DESTINATION ${VCI_SYSUSERSDIR}
          RENAME vcissuer-console.conf COMPONENT console)
  if(EXISTS ${PROJECT_SOURCE_DIR}/examples/console/console.toml)
    install(FILES examples/console/console.toml
            DESTINATION ${CMAKE_INSTALL_FULL_SYSCONFDIR}/vcissuer-console COMPONENT console)
  endif()
endif()
