// GraphQL Code Generator (client-preset) over the committed schema and our documents:
// `npm run codegen` writes typed documents to src/gql/ (generated, not committed).
import type { CodegenConfig } from "@graphql-codegen/cli";

const scalars = "import('../scalars.js')";

const config: CodegenConfig = {
  schema: "../../schema.graphql",
  documents: ["src/documents/*.graphql"],
  ignoreNoDocuments: false,
  emitLegacyCommonJSImports: false,
  generates: {
    "src/gql/": {
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: {
        strictScalars: true,
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: {
          RichText: `${scalars}.Html`,
          Date: `${scalars}.IsoDate`,
          DateTime: `${scalars}.IsoDateTime`,
          UUID: "string",
          JSONString: "string",
        },
      },
    },
  },
};

export default config;
