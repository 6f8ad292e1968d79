/**
 * The app's Apollo Client for the health articles API.
 *
 * - `possibleTypes` from the committed possibleTypes.json (regenerated with the schema), so
 *   fragments on unions and interfaces (`... on SectionBlock`) match from the cache;
 * - objects normalised by id (`ArticlePage:12`, `Disclaimer:1`, ...), so a cache-first
 *   re-read of an article never goes back to the network;
 * - automatic persisted queries, hashed queries sent by GET (short, cacheable URLs);
 * - ETag revalidation of those GETs (`revalidatingFetch`);
 * - drafts fetched with `fetchPreview`, which never touches the cache: a preview must not
 *   leak into what the app shows as published.
 */
import { ApolloClient, HttpLink, InMemoryCache } from "@apollo/client";
import { PersistedQueryLink } from "@apollo/client/link/persisted-queries";

import possibleTypes from "../../../possibleTypes.json" with { type: "json" };
import { ArticlePreviewDocument } from "./gql/graphql.js";
import type { ArticlePreviewQuery } from "./gql/graphql.js";
import { revalidatingFetch } from "./revalidating-fetch.js";

export interface ClientOptions {
  /** The API endpoint, e.g. `https://cms.example.org/graphql`. */
  uri: string;
  /** The `fetch` to send requests with (tests pass one that records them). */
  fetch?: typeof globalThis.fetch;
}

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

export function createCache(): InMemoryCache {
  return new InMemoryCache({
    possibleTypes,
    typePolicies: {
      ArticlePage: { keyFields: ["id"] },
      Disclaimer: { keyFields: ["id"] },
      Condition: { keyFields: ["id"] },
      TrustedSource: { keyFields: ["id"] },
      ArticleTombstone: { keyFields: ["id"] },
      // Embedded values without ids: replaced whole, never merged field by field.
      Reviewer: { keyFields: false, merge: false },
      Query: {
        fields: {
          // `article(slug:)` reads an ArticlePage already in the cache (from a listing).
          article: {
            read(existing, { args, toReference, canRead, cache }) {
              if (existing !== undefined || !args) return existing;
              if (typeof args.id === "string") {
                const reference = toReference({ __typename: "ArticlePage", id: args.id });
                return canRead(reference) ? reference : undefined;
              }
              void cache;
              return undefined;
            },
          },
        },
      },
    },
  });
}

export function createClient({ uri, fetch }: ClientOptions): ApolloClient {
  const http = new HttpLink({ uri, fetch: revalidatingFetch(fetch) });
  const persisted = new PersistedQueryLink({ sha256, useGETForHashedQueries: true });
  return new ApolloClient({ link: persisted.concat(http), cache: createCache() });
}

/** A draft by preview token: sent as a plain POST and never written to the cache. */
export async function fetchPreview(
  { uri, fetch = globalThis.fetch }: ClientOptions,
  token: string,
): Promise<ArticlePreviewQuery["page"]> {
  const client = new ApolloClient({
    link: new HttpLink({ uri, fetch }),
    cache: createCache(),
    defaultOptions: { query: { fetchPolicy: "no-cache" } },
  });
  const { data } = await client.query({ query: ArticlePreviewDocument, variables: { token } });
  return data?.page ?? null;
}
