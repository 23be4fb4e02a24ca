// Runs the GraphQL-over-HTTP server audits of graphql-http against the kgraph server at the URL
// given as the first argument, and prints one JSON line per audit: {id, name, status, reason}.
// The Rust test `audit::graphql_over_http_audits_pass` starts the server and reads the lines.
import { auditServer } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs http://127.0.0.1:PORT/graphql');
  process.exit(2);
}
const results = await auditServer({ url, fetchFn: fetch });
for (const r of results) {
  let reason = r.reason ?? '';
  if (r.status !== 'ok' && r.response) {
    const body = await r.response.text().catch(() => '');
    reason += ` [status ${r.response.status}, content-type ${r.response.headers.get('content-type')}, body ${body.slice(0, 200)}]`;
  }
  console.log(JSON.stringify({ id: r.id, name: r.name, status: r.status, reason }));
}
