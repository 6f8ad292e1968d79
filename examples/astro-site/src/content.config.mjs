import { defineCollection } from "astro:content";
import { articlesLoader, routesLoader } from "./lib/cms.mjs";

export const collections = {
  articles: defineCollection({ loader: articlesLoader() }),
  routes: defineCollection({ loader: routesLoader() }),
};
