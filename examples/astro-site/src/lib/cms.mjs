// A GraphQL client for the CMS and an Astro Content Layer loader for its articles.
//
// The first build loads every article (`articleChanges` without `since`); the loader keeps
// `nextSince` in the collection's meta store, and later builds ask only for what changed
// since then: removed articles are deleted from the store, changed ones (published,
// moved, or changed through a linked page, disclaimer, condition, source or image: see
// `reasons`) are replaced. Astro persists the store in its cache directory between builds.

const PER_PAGE = 100;

export const ARTICLE_FIELDS = `
  id slug url title subtitle summary intro
  condition { name slug }
  lastReviewed nextReviewDue reviewer { name }
  sources { name url }
  disclaimer { title body }
  heroImage { alt credit decorative image { rendition(width: 800, format: WEBP) { url width height } srcSet(sizes: [400, 800], format: WEBP) } }
  body {
    __typename
    ... on SectionBlock { heading body subsections { heading body } }
    ... on ComparisonTableBlock { caption rows { blocks { field ... on CharBlock { value } } } }
  }
`;

const CHANGES_QUERY = `
query Changes($since: DateTime, $page: Int!, $perPage: Int!) {
  articleChanges(since: $since, page: $page, perPage: $perPage) {
    nextSince
    changed { items { ${ARTICLE_FIELDS} } reasons { articleId kind id } pagination { total nextPage } }
    removed { items { articleId url reason } pagination { total nextPage } }
  }
}`;

export class CmsError extends Error {
  constructor(message, codes = []) {
    super(message);
    this.codes = codes;
  }
}

export function endpoint() {
  const url = process.env.CMS_GRAPHQL_URL;
  if (!url) throw new CmsError("Set CMS_GRAPHQL_URL, e.g. http://127.0.0.1:8000/graphql/");
  return url;
}

export async function graphql(query, variables = {}) {
  const response = await fetch(endpoint(), {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      Accept: "application/graphql-response+json, application/json",
    },
    body: JSON.stringify({ query, variables }),
  });
  const payload = await response.json().catch(() => ({}));
  if (payload.errors?.length) {
    const codes = payload.errors.map((error) => error.extensions?.code);
    throw new CmsError(`GraphQL errors: ${JSON.stringify(payload.errors)}`, codes);
  }
  if (!response.ok) throw new CmsError(`${endpoint()} answered ${response.status}`);
  return payload.data;
}

/** Every page of `articleChanges`; starts over when the totals move while paging. */
export async function fetchChanges(since) {
  for (let attempt = 0; attempt < 3; attempt++) {
    const changed = [];
    const removed = [];
    const reasons = [];
    let totals = null;
    let nextSince = null;
    let page = 1;
    let consistent = true;
    while (page) {
      const data = (await graphql(CHANGES_QUERY, { since, page, perPage: PER_PAGE }))
        .articleChanges;
      const pageTotals = `${data.changed.pagination.total}/${data.removed.pagination.total}`;
      if (totals !== null && totals !== pageTotals) {
        consistent = false;
        break;
      }
      totals = pageTotals;
      nextSince ??= data.nextSince;
      changed.push(...data.changed.items);
      reasons.push(...data.changed.reasons);
      removed.push(...data.removed.items);
      page = data.changed.pagination.nextPage || data.removed.pagination.nextPage;
    }
    if (consistent) return { changed, removed, reasons, nextSince };
  }
  throw new CmsError("Content kept changing while paging; try again.");
}

/** The Content Layer loader: `defineCollection({ loader: articlesLoader() })`. */
export function articlesLoader() {
  return {
    name: "cms-articles",
    async load({ store, meta, logger, parseData, generateDigest }) {
      const source = endpoint();
      let since = meta.get("endpoint") === source ? meta.get("nextSince") : undefined;
      let result;
      try {
        result = await fetchChanges(since ?? null);
      } catch (error) {
        if (!since || !error.codes?.includes("SYNC_SINCE_TOO_OLD")) throw error;
        logger.info("the last sync is older than the server keeps removals: full load");
        since = undefined;
        result = await fetchChanges(null);
      }
      if (!since) store.clear(); // a full snapshot replaces everything
      for (const tombstone of result.removed) store.delete(tombstone.articleId);
      for (const article of result.changed) {
        if (!article.url) continue;
        const data = await parseData({ id: article.id, data: article });
        store.set({ id: article.id, data, digest: generateDigest(data) });
      }
      const why = result.reasons.map((r) => `${r.articleId}:${r.kind}${r.id ? " " + r.id : ""}`);
      logger.info(
        `${since ? "incremental since " + since : "full load"}: ${result.changed.length} changed, ` +
          `${result.removed.length} removed${why.length ? " (" + why.join(", ") + ")" : ""}`,
      );
      meta.set("endpoint", source);
      meta.set("nextSince", result.nextSince);
    },
  };
}

/** `routes`, always in full: every path the site must serve. */
export function routesLoader() {
  return {
    name: "cms-routes",
    async load({ store, parseData }) {
      const { routes } = await graphql("{ routes { url pageId pageType title } }");
      store.clear();
      for (const route of routes) {
        const data = await parseData({ id: route.url, data: route });
        store.set({ id: route.url, data });
      }
    },
  };
}
