/** Rows of a raw `db.execute(sql…)`: both drivers answer `{ rows }`, but Db's generic result type does not say so. */
export const rowsOf = <T>(res: unknown): T[] => (res as { rows: T[] }).rows;
