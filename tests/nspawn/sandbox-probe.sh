#!/bin/bash
# Runs as ExecStart= of vci-sandbox-probe.service, a copy of vcissuerd.service's sandbox, and
# says on stdout (the journal) what the sandbox allows. in-container.sh reads the verdicts.
inet=$( (exec 3<>/dev/tcp/127.0.0.1/9) 2>&1)
if [[ "$inet" == *"Address family not supported"* ]]; then
  echo "inet refused"
else
  echo "inet NOT refused: $inet"
fi
if cat /etc/shadow >/dev/null 2>&1; then echo "shadow READABLE"; else echo "shadow unreadable"; fi
etc=$(touch /etc/vci-probe 2>&1)
if [[ "$etc" == *"Read-only file system"* ]]; then echo "etc read-only"; else echo "etc WRITABLE: $etc"; fi
