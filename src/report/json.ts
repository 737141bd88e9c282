/**
 * JSON that keeps every number: NaN and ±∞ (which JSON.stringify turns into null) are written as {"$num": "NaN"},
 * and typed arrays as plain arrays. Reports are rendered from the parsed JSON, so the numbers on a page are the
 * numbers in the file beside it.
 */

/**
 * @example
 * toJson({ a: Infinity, v: Float64Array.of(1, 2) });
 * // returns '{\n  "a": {\n    "$num": "Infinity"\n  },\n  "v": [\n    1,\n    2\n  ]\n}\n'
 */
export function toJson(value: unknown): string {
  return `${JSON.stringify(
    value,
    (_k, v: unknown) => {
      if (typeof v === 'number' && !Number.isFinite(v)) return { $num: String(v) };
      if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as unknown as ArrayLike<number>);
      return v;
    },
    2,
  )}\n`;
}

export function fromJson<T>(text: string): T {
  return JSON.parse(text, (_k, v: unknown) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const keys = Object.keys(v);
      const num = (v as { $num?: unknown }).$num;
      if (keys.length === 1 && typeof num === 'string') return Number(num);
    }
    return v;
  }) as T;
}
