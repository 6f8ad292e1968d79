// The graphql-http server audit (GraphQL-over-HTTP spec conformance) against a live
// server: every audit must pass ("ok"), warnings included. GRAPHQL_URL is set by
// tests/test_graphql_http_audit.py, which starts the server.
import assert from "node:assert/strict";
import { test } from "node:test";
import { serverAudits } from "graphql-http";

const url = process.env.GRAPHQL_URL;
assert.ok(url, "GRAPHQL_URL must name the live server's GraphQL endpoint");

for (const audit of serverAudits({ url })) {
  test(`${audit.id} ${audit.name}`, async () => {
    const result = await audit.fn();
    assert.equal(result.status, "ok", `${result.status}: ${result.reason}`);
  });
}
