// The explorer's only way to the graph: kgraph's public GraphQL API on the server that served
// the page (POST /graphql for queries, graphql-ws on /graphql/ws for `graphChanged`).
import { createClient, type Client } from 'graphql-ws';

export type Kind = 'COMPANY' | 'PERSON' | 'ORGANIZATION' | 'PARK' | 'POLICY' | 'CLUSTER' | 'PLACE' | 'EVENT';
export type RelationKind = 'CO_MENTION' | 'ROLE' | 'IN_CLUSTER' | 'LOCATED_IN' | 'ISSUED_BY' | 'PART_OF';
export type Origin = 'CURATED' | 'EXTRACTED' | 'INFERRED';

export const RELATION_KINDS: RelationKind[] = [
  'ROLE',
  'IN_CLUSTER',
  'LOCATED_IN',
  'PART_OF',
  'ISSUED_BY',
  'CO_MENTION',
];

export interface EntityRef {
  id: string;
  kind: Kind;
  name: string;
  nameZh: string | null;
}

export interface SpanMention {
  entity: EntityRef;
  utf16Start: number;
  utf16End: number;
}

export interface Evidence {
  sentence: string;
  sentenceIndex: number;
  document: { id: string; title: string | null; date: string | null };
  mentions: SpanMention[];
}

/** A GraphQL error answer, with the server's message and its codes (`UNAUTHORIZED`…). */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly codes: string[] = [],
  ) {
    super(message);
  }
}

/**
 * Runs a query or mutation; throws `ApiError` with the server's message on any error. `token`,
 * when given, goes as `Authorization: Bearer <token>` (a server may need it for mutations).
 */
export async function gql<T>(query: string, variables: Record<string, unknown> = {}, token?: string | null): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch('/graphql', {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables }),
  });
  let body: { data?: T; errors?: { message: string; extensions?: { code?: unknown } }[] };
  try {
    body = await response.json();
  } catch {
    throw new ApiError(`the server answered ${response.status} without GraphQL`);
  }
  if (body.errors?.length) {
    throw new ApiError(
      body.errors.map((e) => e.message).join('; '),
      body.errors.map((e) => e.extensions?.code).filter((c): c is string => typeof c === 'string'),
    );
  }
  if (!body.data) throw new ApiError(`the server answered ${response.status} with no data`);
  return body.data;
}

export interface GraphChange {
  version: number;
  reason: string;
  document: string | null;
  documents: number;
  entities: number;
  relations: number;
}

let client: Client | null = null;

/** Subscribes to `graphChanged`; `status` hears whether the socket is up. */
export function onGraphChanged(
  handler: (change: GraphChange) => void,
  status: (connected: boolean) => void,
): void {
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql/ws`;
  client ??= createClient({
    url,
    lazy: false,
    retryAttempts: Infinity,
    shouldRetry: () => true,
    on: { connected: () => status(true), closed: () => status(false) },
  });
  client.subscribe<{ graphChanged: GraphChange }>(
    { query: 'subscription { graphChanged { version reason document documents entities relations } }' },
    {
      next: (message) => {
        if (message.data) handler(message.data.graphChanged);
      },
      error: () => status(false),
      complete: () => status(false),
    },
  );
}
