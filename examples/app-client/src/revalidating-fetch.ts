/**
 * ETag revalidation for GET requests (persisted queries by hash), as a browser's HTTP
 * cache does it: keep the last body and ETag per URL and media type, send
 * `If-None-Match`, and replay the kept body on `304 Not Modified`. Responses marked
 * `no-store` (errors, anything personal) are never kept. In browsers `fetch`
 * already does this (the API exposes `ETag` to CORS apps); Node and React Native need it.
 */

type Fetch = typeof globalThis.fetch;

interface Kept {
  etag: string;
  body: string;
  headers: [string, string][];
}

export function revalidatingFetch(inner: Fetch = globalThis.fetch): Fetch {
  const kept = new Map<string, Kept>();

  return async (input, init) => {
    const request = new Request(input, init);
    if (request.method !== "GET") return inner(input, init);
    const key = `${request.headers.get("accept") ?? ""} ${request.url}`;
    const known = kept.get(key);
    const headers = new Headers(request.headers);
    if (known) headers.set("If-None-Match", known.etag);
    const response = await inner(request.url, { method: "GET", headers, signal: request.signal });
    if (response.status === 304 && known) {
      return new Response(known.body, { status: 200, headers: known.headers });
    }
    const etag = response.headers.get("ETag");
    const noStore = /\bno-store\b/i.test(response.headers.get("Cache-Control") ?? "");
    if (response.status === 200 && etag && !noStore) {
      const body = await response.clone().text();
      kept.set(key, { etag, body, headers: [...response.headers] });
    }
    return response;
  };
}
