import { useApolloClient } from "@vue/apollo-composable";
import {
  ImportItemsDocument,
  ImportPreviewDocument,
  type ImportFormat,
  type ImportPreviewQuery,
} from "@/graphql/generated";
import { IMPORT_MAX_BYTES } from "@/limits";
import { errorCode, type ErrorCode } from "./errors";
import { evictLists } from "./useFocus";

export type Preview = ImportPreviewQuery["importPreview"];
export const IMPORT_FORMATS: ImportFormat[] = ["TEXT", "MARKDOWN", "JSON", "CSV"];

/** A refusal: the error code, the line it names (when it names one) and the server's words. */
export interface ImportProblem {
  code: ErrorCode | "TOO_LARGE";
  line: number | null;
  message: string;
}

interface GraphQLErrorLike {
  message?: string;
  extensions?: { line?: unknown };
}

export function importProblem(error: unknown): ImportProblem {
  const first = ((error as { graphQLErrors?: GraphQLErrorLike[] })?.graphQLErrors ?? [])[0];
  const line = first?.extensions?.line;
  return {
    code: errorCode(error),
    line: typeof line === "number" ? line : null,
    message: first?.message ?? "",
  };
}

/** The format a file's name says, when it says one. */
export function formatFromFileName(name: string): ImportFormat | null {
  const lower = name.toLowerCase();
  if (lower.endsWith(".json")) return "JSON";
  if (lower.endsWith(".csv")) return "CSV";
  if (lower.endsWith(".md") || lower.endsWith(".markdown")) return "MARKDOWN";
  if (lower.endsWith(".txt")) return "TEXT";
  return null;
}

export function tooLarge(data: string): boolean {
  return new Blob([data]).size > IMPORT_MAX_BYTES;
}

/** Preview and import through the server, which alone reads the formats. */
export function useImport() {
  const { resolveClient } = useApolloClient();

  async function preview(data: string, format: ImportFormat | null): Promise<Preview | ImportProblem> {
    if (tooLarge(data)) return { code: "TOO_LARGE", line: null, message: "" };
    try {
      const result = await resolveClient().query({
        query: ImportPreviewDocument,
        variables: { data, format },
        fetchPolicy: "no-cache",
      });
      return result.data.importPreview;
    } catch (error) {
      return importProblem(error);
    }
  }

  async function run(data: string, format: ImportFormat, actionId: string): Promise<number | ImportProblem> {
    try {
      const result = await resolveClient().mutate({
        mutation: ImportItemsDocument,
        variables: { data, format, actionId },
        update: evictLists,
      });
      return result.data?.importItems?.imported ?? 0;
    } catch (error) {
      return importProblem(error);
    }
  }

  return { preview, run };
}
