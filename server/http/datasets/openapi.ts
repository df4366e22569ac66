/** The streaming dataset routes, which trpc-to-openapi cannot describe, merged into /api/v1/openapi.json by hand. */
const params = ["org", "key", "name"].map((name) => ({ name, in: "path", required: true, schema: { type: "string" } }));
const error = (description: string) => ({ description, content: { "application/json": { schema: { $ref: "#/components/schemas/error.BAD_REQUEST" } } } });

export const datasetStreamPaths = {
  "/orgs/{org}/projects/{key}/datasets/{name}/versions": {
    post: {
      operationId: "datasets-uploadVersion",
      tags: ["datasets"],
      summary: "Upload a dataset version (the raw file as the body, streamed)",
      description:
        "Send a CSV (RFC 4180, header row) or JSON Lines file as the request body with Content-Type text/csv or application/x-ndjson, or add ?format=csv|jsonl. Up to 1 GiB. The same bytes uploaded again answer 200 with the existing version; new content answers 201. A malformed file answers 400 naming the line, and nothing is stored.",
      security: [{ Authorization: [] }],
      parameters: [
        ...params,
        { name: "format", in: "query", required: false, schema: { type: "string", enum: ["csv", "jsonl"] } },
        { name: "filename", in: "query", required: false, schema: { type: "string" } },
      ],
      requestBody: {
        required: true,
        content: { "text/csv": { schema: { type: "string", format: "binary" } }, "application/x-ndjson": { schema: { type: "string", format: "binary" } } },
      },
      responses: {
        "200": { description: "Identical content: the existing version" },
        "201": { description: "The new version with its sha256, size, row count, schema and statistics" },
        "400": error("Malformed file (the message names the line) or unknown format"),
        "401": error("No or invalid credentials"),
        "403": error("Your role may not upload"),
        "404": error("No such organization, project or dataset"),
        "413": error("Larger than 1 GiB"),
      },
    },
  },
  "/orgs/{org}/projects/{key}/datasets/{name}/versions/{version}/download": {
    get: {
      operationId: "datasets-downloadVersion",
      tags: ["datasets"],
      summary: "Download the exact bytes of a version as an attachment",
      security: [{ Authorization: [] }],
      parameters: [...params, { name: "version", in: "path", required: true, schema: { type: "integer", minimum: 1 } }],
      responses: {
        "200": { description: "The file", content: { "text/csv": {}, "application/x-ndjson": {} } },
        "404": error("No such version in your organization"),
      },
    },
  },
};
