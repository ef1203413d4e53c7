import type { CodegenConfig } from "@graphql-codegen/cli";

// schema.graphql is exported by the server at the repo root and kept current.
const schema = "schema.graphql";

const config: CodegenConfig = {
  schema,
  documents: ["frontend/src/graphql/**/*.graphql"],
  generates: {
    "frontend/src/graphql/generated.ts": {
      plugins: ["typescript", "typescript-operations", "typed-document-node"],
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        avoidOptionals: { field: true, inputValue: false, object: false },
        scalars: { Date: "string", DateTime: "string", ID: "string" },
        skipTypename: false,
        nonOptionalTypename: false,
      },
    },
  },
};

export default config;
