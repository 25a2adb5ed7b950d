// The console demo's identity provider and mail relay: oidc-provider with the two test people,
// and an SMTP server that prints every message (so the tx_code shows up in this terminal).
// Started by console/demo.sh with the ports it exports; stops on Ctrl-C.

import { SMTPServer } from 'smtp-server';

import { alice, bob, startProvider } from './provider.mjs';

const provider = await startProvider({ port: Number(process.env.VCI_PROVIDER_PORT),
  consoleUrl: process.env.VCI_CONSOLE, clientSecret: process.env.VCI_CLIENT_SECRET });
const smtp = new SMTPServer({
  authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false,
  onData(stream, session, callback) {
    const chunks = [];
    stream.on('data', (chunk) => chunks.push(chunk));
    stream.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const body = text.slice(text.indexOf('\r\n\r\n') + 4).trim();
      console.log(`\n--- mail to ${session.envelope.rcptTo.map((r) => r.address).join(', ')} ---\n`
        + `${body}\n---`);
      callback();
    });
  },
});
await new Promise((resolve) => smtp.listen(Number(process.env.VCI_SMTP_PORT), '127.0.0.1', resolve));

console.log(`
The console:        ${process.env.VCI_CONSOLE}/
Identity provider:  ${provider.issuer} (any password)
  "${alice.login}": staff and alumni, may obtain the employee badge and the diploma
  "${bob.login}":   matches no rule, sees no credentials
Transaction codes arrive as mail and are printed here. Ctrl-C stops everything.`);

process.on('SIGINT', () => {
  provider.close();
  smtp.close(() => process.exit(0));
});
