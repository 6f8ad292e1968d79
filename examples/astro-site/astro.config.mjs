// Static output; the CMS endpoint comes from CMS_GRAPHQL_URL. ASTRO_OUT_DIR and
// ASTRO_CACHE_DIR let one checkout keep several builds apart (the test suite does).
import { defineConfig } from "astro/config";

export default defineConfig({
  output: "static",
  outDir: process.env.ASTRO_OUT_DIR || "./dist",
  cacheDir: process.env.ASTRO_CACHE_DIR || "./node_modules/.astro",
  build: { format: "directory" },
  trailingSlash: "always",
});
