/**
 * The app client against a live server (started by tests/test_app_client.py, which sets
 * GRAPHQL_URL, ARTICLE_SLUG, PREVIEW_TOKEN and PREVIEW_TITLE).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { test } from "node:test";

import possibleTypes from "../../../possibleTypes.json" with { type: "json" };
import { createClient, fetchPreview } from "../src/client.js";
import {
  ArticleChangesDocument,
  ArticleDetailDocument,
  ArticleListingDocument,
} from "../src/gql/graphql.js";
import { parseDateTime } from "../src/scalars.js";

const uri = required("GRAPHQL_URL");
const slug = required("ARTICLE_SLUG");

function required(name: string): string {
  const value = process.env[name];
  assert.ok(value, `${name} must be set`);
  return value;
}

interface Sent {
  method: string;
  url: string;
  status: number;
  ifNoneMatch: string | null;
}

/** A fetch that records what it sent and what came back. */
function recordingFetch(sent: Sent[]): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const response = await fetch(request);
    sent.push({
      method: request.method,
      url: request.url,
      status: response.status,
      ifNoneMatch: request.headers.get("if-none-match"),
    });
    return response;
  };
}

/** Apollo's warnings (e.g. "Cache data may be lost when replacing ..."), collected. */
function collectWarnings(): string[] {
  const warnings: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => {
    warnings.push(args.map(String).join(" "));
    original(...args);
  };
  return warnings;
}

test("possibleTypes is the committed possibleTypes.json", () => {
  // Run from examples/app-client (npm test): the repository's committed file.
  const committed = JSON.parse(readFileSync(resolve("../../possibleTypes.json"), "utf8"));
  assert.deepEqual(possibleTypes, committed);
  assert.deepEqual(possibleTypes.ArticleBodyBlock, ["ComparisonTableBlock", "SectionBlock"]);
});

test("article detail: typed, normalised, re-read from the cache without the network", async () => {
  const warnings = collectWarnings();
  const sent: Sent[] = [];
  const client = createClient({ uri, fetch: recordingFetch(sent) });
  const { data } = await client.query({ query: ArticleDetailDocument, variables: { slug } });
  const article = data?.article;
  assert.ok(article, "the seed article is published");
  assert.equal(typeof article.id, "string");
  assert.ok(article.disclaimer.body.length > 0, "the disclaimer comes with the article");
  assert.ok(article.body.some((block) => block.__typename === "SectionBlock"));
  const table = article.body.find((block) => block.__typename === "ComparisonTableBlock");
  assert.ok(table && table.__typename === "ComparisonTableBlock" && table.rows.length > 0);
  if (article.lastPublishedAt) assert.ok(parseDateTime(article.lastPublishedAt).getTime() > 0);

  const cache = client.cache.extract() as Record<string, unknown>;
  const articleKey = client.cache.identify({ __typename: "ArticlePage", id: article.id });
  const disclaimerKey = client.cache.identify({ __typename: "Disclaimer", id: article.disclaimer.id });
  assert.ok(articleKey && cache[articleKey], "the article is normalised by id");
  assert.ok(disclaimerKey && cache[disclaimerKey], "so is its disclaimer");

  const requests = sent.length;
  const again = await client.query({
    query: ArticleDetailDocument,
    variables: { slug },
    fetchPolicy: "cache-first",
  });
  assert.deepEqual(again.data, data);
  assert.equal(sent.length, requests, "a cache-first re-read stays local");
  assert.deepEqual(
    warnings.filter((warning) => warning.includes("Cache data may be lost")),
    [],
  );
});

test("persisted queries by GET, revalidated with ETags", async () => {
  const sent: Sent[] = [];
  const client = createClient({ uri, fetch: recordingFetch(sent) });
  const variables = { page: 1, perPage: 2, order: "TITLE_ASC" as const };
  const first = await client.query({ query: ArticleListingDocument, variables });
  assert.ok(first.data?.articles.items.length);
  assert.equal(first.data?.articles.pagination.currentPage, 1);
  assert.equal(sent[0]?.method, "GET", "the hash is sent first, by GET");
  assert.ok(!sent[0]?.url.includes("query="), "without the query text");

  // From now on the hash alone is enough; the second answer revalidates the first.
  const refetch = () =>
    client.query({ query: ArticleListingDocument, variables, fetchPolicy: "network-only" });
  const second = await refetch();
  assert.deepEqual(second.data, first.data);
  assert.equal(sent.at(-1)?.method, "GET");
  const third = await refetch();
  assert.deepEqual(third.data, first.data);
  const last = sent.at(-1);
  assert.equal(last?.method, "GET");
  assert.ok(last?.ifNoneMatch, "the kept ETag is sent");
  assert.equal(last?.status, 304, "and the server says nothing changed");
});

test("incremental sync: a full snapshot, then nothing changed since nextSince", async () => {
  const client = createClient({ uri });
  const full = await client.query({
    query: ArticleChangesDocument,
    variables: { since: null, page: 1, perPage: 100 },
  });
  const changes = full.data?.articleChanges;
  assert.ok(changes);
  assert.ok(changes.changed.items.some((item) => item.slug === slug));
  assert.equal(changes.removed.pagination.total, 0);
  const next = await client.query({
    query: ArticleChangesDocument,
    variables: { since: changes.nextSince, page: 1, perPage: 100 },
  });
  assert.ok(next.data?.articleChanges.serverTime);
});

test("preview: the draft by token, never cached", async () => {
  const page = await fetchPreview({ uri }, required("PREVIEW_TOKEN"));
  assert.ok(page && page.__typename === "ArticlePage");
  assert.equal(page.title, required("PREVIEW_TITLE"));
  assert.ok(page.disclaimer.body.length > 0);
  assert.equal(await fetchPreview({ uri }, "not-a-token"), null);
});
