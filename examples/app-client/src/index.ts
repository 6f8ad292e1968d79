export { createCache, createClient, fetchPreview } from "./client.js";
export type { ClientOptions } from "./client.js";
export { revalidatingFetch } from "./revalidating-fetch.js";
export { parseDateTime } from "./scalars.js";
export type { Html, IsoDate, IsoDateTime } from "./scalars.js";
export * from "./gql/graphql.js";
