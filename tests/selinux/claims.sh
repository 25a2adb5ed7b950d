# shellcheck shell=bash
# The claims of selinux/vcissuer.te as queries on an expanded policy (sourced by analyse.sh).
#
# Each claim_* function takes the policy file, prints what violates the claim and returns 1, or
# returns 0. They repeat the module's neverallow rules in another tool, so that a rule dropped
# from the module, or a policy expanded without assertion checks, is still caught. The
# check_* functions assert that the rules the claims are about exist at all.

WRITE_PERMS=write,append,create,unlink,rename,link,setattr,relabelfrom,relabelto

# Every socket class but the two unix ones.
non_unix_socket_classes() {
  seinfo "$1" -c | sed -n 's/^ *\([a-z0-9_]*socket\)$/\1/p' |
    grep -v -x -e unix_stream_socket -e unix_dgram_socket | paste -s -d,
}

# violated DESCRIPTION RULES: prints the rules that violate a claim and fails, if there are any.
violated() {
  [ -z "$2" ] && return 0
  printf '    violated: %s\n%s\n' "$1" "$(sed 's/^/      /' <<<"$2")"
  return 1
}

# none DESCRIPTION SESEARCH-ARGS...: the query must find no rule.
none() {
  local what="$1"
  shift
  violated "$what" "$(sesearch "$@")"
}

claim_no_auth_file_read() {
  local rc=0
  none "vcissuerd_t reads shadow_t" "$1" -A -s vcissuerd_t -t shadow_t -c file \
    -p read,open,map || rc=1
  none "vcissuerd_t reads the PIN file" "$1" -A -s vcissuerd_t -t vcissuer_pin_t -c file \
    -p read,open,map || rc=1
  return $rc
}

# The daemon creates no socket but unix ones; with the network HSM module, TCP sockets labelled
# vcissuer_hsm_socket_t are the one exception.
claim_no_network_socket() {
  local out
  out="$(sesearch "$1" -A -s vcissuerd_t -c "$(non_unix_socket_classes "$1")" -p create |
    grep -v '^allow vcissuerd_t vcissuer_hsm_socket_t:tcp_socket ' || true)"
  violated "vcissuerd_t creates a network socket" "$out" || return 1
  none "vcissuerd_t sets a socket creation context" "$1" -A -s vcissuerd_t -c process \
    -p setsockcreate
}

claim_no_name_connect() {
  local rc=0 out
  none "vcissuerd_t sockets name_connect" "$1" -A -s vcissuerd_t -p name_connect || rc=1
  out="$(sesearch "$1" -A -s vcissuer_hsm_socket_t -p name_connect |
    grep -v '^allow vcissuer_hsm_socket_t vcissuer_hsm_port_t:tcp_socket ' || true)"
  violated "an HSM socket connects elsewhere" "$out" || rc=1
  return $rc
}

claim_no_config_write() {
  local rc=0 t
  for t in etc_t vcissuer_conf_t vcissuer_pin_t; do
    none "vcissuerd_t writes $t" "$1" -A -s vcissuerd_t -t "$t" -c file,lnk_file,dir \
      -p "$WRITE_PERMS,add_name,remove_name,rmdir" || rc=1
  done
  return $rc
}

claim_no_capability() {
  none "vcissuerd_t holds a capability" "$1" -A -s vcissuerd_t \
    -c capability,capability2,cap_userns,cap2_userns
}

claim_no_ptrace() {
  none "vcissuerd_t ptraces" "$1" -A -s vcissuerd_t -c process -p ptrace
}

claim_no_shell() {
  local rc=0 out
  none "vcissuerd_t executes a shell" "$1" -A -s vcissuerd_t -t shell_exec_t -c file \
    -p execute,execute_no_trans,entrypoint,map || rc=1
  out="$(sesearch "$1" -A -s vcissuerd_t -c file -p execute_no_trans |
    grep -v '^allow vcissuerd_t vcissuerd_exec_t:file ' || true)"
  violated "vcissuerd_t executes another program" "$out" || rc=1
  return $rc
}

claim_no_transition() {
  local rc=0 found
  found="$(sedta -p "$1" -s vcissuerd_t)"
  if ! grep -q '^0 domain transition(s) found\.' <<<"$found"; then
    printf '    violated: sedta finds transitions out of vcissuerd_t\n%s\n' \
      "$(sed 's/^/      /' <<<"$found" | head -20)"
    rc=1
  fi
  none "vcissuerd_t may transition or set its exec context" "$1" -A -s vcissuerd_t -c process \
    -p transition,dyntransition,setexec,setcurrent || rc=1
  return $rc
}

# writers POLICY TYPE: every domain allowed to write files or directories of TYPE, attributes
# expanded, one a line.
writers() {
  local source members
  for source in $(sesearch "$1" -A -t "$2" -c file,dir \
    -p write,append,create,unlink,rename,add_name,remove_name | awk '{print $2}' | sort -u); do
    # Whole outputs into variables: grep -q in a pipe would SIGPIPE seinfo under pipefail.
    members="$(seinfo "$1" -a "$source" -x)"
    if grep -q '^ *attribute ' <<<"$members"; then
      sed -n 's/^[[:space:]]*\([a-z0-9_]*\)$/\1/p' <<<"$members"
    else
      echo "$source"
    fi
  done | sort -u
}

# No web server, ssh, DNS or syslog domain writes the token store, and every other writer but
# the issuer's own two domains may also write shadow_t: the token store is as well guarded.
# httpd_unconfined_script_t is refpolicy's unconfined CGI domain (it writes shadow_t too).
claim_token_store_writers() {
  local rc=0 token shadow services extra
  token="$(writers "$1" vcissuer_token_t)"
  shadow="$(writers "$1" shadow_t)"
  services="$(seinfo "$1" -a domain -x | sed -n 's/^[[:space:]]*\([a-z0-9_]*\)$/\1/p' |
    grep -E '^(httpd|nginx|lighttpd|sshd|ssh_|named|dnsmasq|nsd|unbound|djbdns|syslogd|klogd)' |
    grep -v -x httpd_unconfined_script_t)"
  extra="$(comm -12 <(echo "$token") <(echo "$services"))"
  if [ -n "$extra" ]; then
    printf '    violated: service domains write the token store: %s\n' \
      "$(paste -s -d' ' <<<"$extra")"
    rc=1
  fi
  shadow="$(printf '%s\n' "$shadow" vcissuerd_t vcissuerctl_t | sort -u)"
  extra="$(comm -23 <(echo "$token") <(echo "$shadow"))"
  if [ -n "$extra" ]; then
    printf '    violated: these write the token store but not shadow_t: %s\n' \
      "$(paste -s -d' ' <<<"$extra")"
    rc=1
  fi
  return $rc
}

claim_console_isolated() {
  local rc=0 t
  for t in vcissuer_token_t vcissuer_var_lib_t vcissuer_pin_t; do
    none "vcissuer_console_t reads $t" "$1" -A -s vcissuer_console_t -t "$t" \
      -c file,dir,lnk_file,sock_file,fifo_file -p read,open,map,execute,search || rc=1
  done
  return $rc
}

# shellcheck disable=SC2034 # read by analyse.sh
CLAIMS=(no_auth_file_read no_network_socket no_name_connect no_config_write no_capability
  no_ptrace no_shell no_transition token_store_writers console_isolated)

# some DESCRIPTION SESEARCH-ARGS...: the query must find a rule.
some() {
  local what="$1"
  shift
  if [ -z "$(sesearch "$@")" ]; then
    printf '    missing: %s\n' "$what"
    return 1
  fi
}

# path_exists POLICY SOURCE TARGET: sedta finds a domain transition path.
path_exists() {
  local found
  found="$(sedta -p "$1" -s "$2" -t "$3" -S)"
  if ! grep -q '^[1-9][0-9]* domain transition path(s) found\.' <<<"$found"; then
    printf '    missing: a transition from %s to %s\n' "$2" "$3"
    return 1
  fi
}

check_module_rules() {
  local rc=0
  some "init_t creates the daemon's listening sockets" "$1" -A -s init_t -t vcissuerd_t \
    -c tcp_socket -p create,bind,listen || rc=1
  some "vcissuerd_t accepts on them" "$1" -A -s vcissuerd_t -t vcissuerd_t -c tcp_socket \
    -p accept,read,write || rc=1
  some "vcissuerd_t writes the token store" "$1" -A -s vcissuerd_t -t vcissuer_token_t -c file \
    -p write,create || rc=1
  some "vcissuerd_t reads its configuration" "$1" -A -s vcissuerd_t -t vcissuer_conf_t -c file \
    -p read || rc=1
  some "vcissuerd_t talks to the journal" "$1" -A -s vcissuerd_t -t devlog_t -c sock_file \
    -p write || rc=1
  local attributes
  attributes="$(seinfo "$1" -t vcissuer_token_t -x)"
  if ! grep -q 'auth_file_type' <<<"$attributes"; then
    echo "    missing: vcissuer_token_t is not an auth_file_type"
    rc=1
  fi
  path_exists "$1" init_t vcissuerd_t || rc=1
  path_exists "$1" init_t vcissuer_console_t || rc=1
  path_exists "$1" unconfined_t vcissuerctl_t || rc=1
  path_exists "$1" sysadm_t vcissuerctl_t || rc=1
  return $rc
}

check_nethsm_rules() {
  local rc=0
  some "TCP sockets of vcissuerd_t are labelled as HSM sockets" "$1" -T -s vcissuerd_t \
    -t vcissuerd_t -c tcp_socket -D vcissuer_hsm_socket_t || rc=1
  some "an HSM socket connects to the HSM port" "$1" -A -s vcissuer_hsm_socket_t \
    -t vcissuer_hsm_port_t -c tcp_socket -p name_connect || rc=1
  some "vcissuerd_t creates HSM sockets" "$1" -A -s vcissuerd_t -t vcissuer_hsm_socket_t \
    -c tcp_socket -p create,connect || rc=1
  return $rc
}
