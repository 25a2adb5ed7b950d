// The whole corpus, in the order it runs. Each case is
//   { name, prepare?(ctx) -> vars, request(vars, ctx) -> request, status, error?, bug?, check? }
// status and error may be lists of acceptable answers; error null means "a challenge without an
// error member" and undefined means "not checked" (the listener's own refusals have no body).
// A case with `bug` (starting "DAEMON BUG:") states what the specification requires and is
// skipped until the daemon is fixed; VCI_HOSTILE_RUN_DAEMON_BUGS=1 runs those cases as todo.

import { adminCases } from './admin.mjs';
import { credentialCases } from './credential.mjs';
import { httpCases } from './http.mjs';
import { otherCases } from './other.mjs';
import { proofCases } from './proof.mjs';
import { tokenCases } from './token.mjs';

export const corpus = () => [...tokenCases(), ...credentialCases(), ...proofCases(),
  ...otherCases(), ...httpCases(), ...adminCases()];
