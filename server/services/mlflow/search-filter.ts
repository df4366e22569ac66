import { BadRequestError } from "../errors";

/**
 * MLflow's search filter language: clauses joined by AND, each `<type>.<key> <op> <value>`, e.g.
 * `metrics.acc > 0.9 AND params.lr = '0.01' AND tags."mlflow.runName" LIKE 'b%'
 * AND attributes.run_id IN ('ab…', 'cd…')`. Keys may be quoted with "…" or `…`.
 */
export type EntityType = "metric" | "param" | "tag" | "attribute";
export type Comparator = "=" | "!=" | "<" | "<=" | ">" | ">=" | "LIKE" | "ILIKE" | "IN" | "NOT IN" | "IS NULL" | "IS NOT NULL";

export interface Clause {
  type: EntityType;
  key: string;
  op: Comparator;
  value: string | number | string[] | null;
}

export interface OrderClause {
  type: EntityType;
  key: string;
  ascending: boolean;
}

const TYPE_ALIASES: Record<string, EntityType> = {
  metric: "metric",
  metrics: "metric",
  param: "param",
  params: "param",
  parameter: "param",
  parameters: "param",
  tag: "tag",
  tags: "tag",
  attribute: "attribute",
  attributes: "attribute",
  attr: "attribute",
  run: "attribute",
};

type Token =
  | { t: "ident"; v: string }
  | { t: "quoted"; v: string }
  | { t: "string"; v: string }
  | { t: "number"; v: number }
  | { t: "op"; v: string }
  | { t: "dot" | "lparen" | "rparen" | "comma" };

function tokenize(input: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'" || c === '"' || c === "`") {
      const end = input.indexOf(c, i + 1);
      if (end < 0) throw new BadRequestError(`Invalid filter: unterminated quote in '${input}'`);
      out.push({ t: c === "'" ? "string" : "quoted", v: input.slice(i + 1, end) });
      i = end + 1;
    } else if (c === ".") {
      out.push({ t: "dot" });
      i++;
    } else if (c === "(" || c === ")" || c === ",") {
      out.push({ t: c === "(" ? "lparen" : c === ")" ? "rparen" : "comma" });
      i++;
    } else if (/[<>=!]/.test(c)) {
      const m = /^(<=|>=|!=|<>|==|=|<|>)/.exec(input.slice(i))!;
      if (!m) throw new BadRequestError(`Invalid filter: unexpected '${c}'`);
      out.push({ t: "op", v: m[1] === "<>" ? "!=" : m[1] === "==" ? "=" : m[1]! });
      i += m[1]!.length;
    } else if (/[-+0-9]/.test(c)) {
      const m = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(input.slice(i));
      if (!m) throw new BadRequestError(`Invalid filter: unexpected '${c}'`);
      out.push({ t: "number", v: Number(m[0]) });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(input.slice(i))!;
      out.push({ t: "ident", v: m[0] });
      i += m[0].length;
    } else {
      throw new BadRequestError(`Invalid filter: unexpected '${c}'`);
    }
  }
  return out;
}

class Cursor {
  i = 0;
  constructor(readonly tokens: Token[]) {}
  peek(): Token | undefined {
    return this.tokens[this.i];
  }
  next(): Token | undefined {
    return this.tokens[this.i++];
  }
  word(w: string): boolean {
    const t = this.peek();
    if (t?.t === "ident" && t.v.toUpperCase() === w) {
      this.i++;
      return true;
    }
    return false;
  }
}

/** `type.key`, `"type".key`, or a bare attribute name. `bareType` is what a name without a dot means. */
function parseIdentifier(c: Cursor, bareType: EntityType): { type: EntityType; key: string } {
  const first = c.next();
  if (!first || (first.t !== "ident" && first.t !== "quoted")) throw new BadRequestError("Invalid filter: expected an identifier");
  if (c.peek()?.t !== "dot") return { type: bareType, key: first.v };
  c.next();
  const type = TYPE_ALIASES[first.v.toLowerCase()];
  if (!type) throw new BadRequestError(`Invalid entity type '${first.v}'. Valid values are metrics, params, tags, attributes`);
  const parts: string[] = [];
  for (;;) {
    const k = c.next();
    if (!k || (k.t !== "ident" && k.t !== "quoted" && k.t !== "number")) throw new BadRequestError("Invalid filter: expected a key");
    parts.push(String(k.v));
    if (c.peek()?.t !== "dot" || k.t === "quoted") break;
    c.next();
  }
  return { type, key: parts.join(".") };
}

function parseValue(c: Cursor): string | number {
  const t = c.next();
  if (t?.t === "string" || t?.t === "quoted") return t.v;
  if (t?.t === "number") return t.v;
  throw new BadRequestError("Invalid filter: expected a value");
}

function parseList(c: Cursor): string[] {
  if (c.next()?.t !== "lparen") throw new BadRequestError("Invalid filter: expected '(' after IN");
  const list: string[] = [];
  for (;;) {
    list.push(String(parseValue(c)));
    const sep = c.next();
    if (sep?.t === "rparen") return list;
    if (sep?.t !== "comma") throw new BadRequestError("Invalid filter: expected ',' or ')' in IN list");
  }
}

export function parseFilter(filter: string | undefined, bareType: EntityType = "attribute"): Clause[] {
  if (!filter?.trim()) return [];
  const c = new Cursor(tokenize(filter));
  const clauses: Clause[] = [];
  for (;;) {
    const { type, key } = parseIdentifier(c, bareType);
    let op: Comparator;
    let value: Clause["value"];
    const t = c.peek();
    if (t?.t === "op") {
      c.next();
      op = t.v as Comparator;
      value = parseValue(c);
    } else if (c.word("LIKE")) {
      op = "LIKE";
      value = parseValue(c);
    } else if (c.word("ILIKE")) {
      op = "ILIKE";
      value = parseValue(c);
    } else if (c.word("IS")) {
      const not = c.word("NOT");
      if (!c.word("NULL")) throw new BadRequestError("Invalid filter: expected NULL after IS");
      op = not ? "IS NOT NULL" : "IS NULL";
      value = null;
    } else if (c.word("IN")) {
      op = "IN";
      value = parseList(c);
    } else if (c.word("NOT")) {
      if (!c.word("IN")) throw new BadRequestError("Invalid filter: expected IN after NOT");
      op = "NOT IN";
      value = parseList(c);
    } else {
      throw new BadRequestError(`Invalid filter '${filter}': expected a comparator after ${key}`);
    }
    clauses.push({ type, key, op, value });
    if (c.peek() === undefined) return clauses;
    if (!c.word("AND")) throw new BadRequestError(`Invalid filter '${filter}': clauses must be joined by AND`);
  }
}

/** `metrics.acc DESC`, `start_time`, `attributes.run_name ASC`, `tags."a b" desc`. */
export function parseOrderBy(orderBy: string, bareType: EntityType = "attribute"): OrderClause {
  const c = new Cursor(tokenize(orderBy));
  const { type, key } = parseIdentifier(c, bareType);
  let ascending = true;
  if (c.word("DESC")) ascending = false;
  else c.word("ASC");
  if (c.peek() !== undefined) throw new BadRequestError(`Invalid order_by clause '${orderBy}'`);
  return { type, key, ascending };
}
