/** The API's custom scalars as TypeScript types (mapped in codegen.ts). */

/** `RichText`: an HTML fragment whose page links point at the frontend. Render as HTML. */
export type Html = string;

/** `Date`: an RFC 3339 full-date, e.g. `2026-11-27`. */
export type IsoDate = `${number}-${number}-${number}`;

/** `DateTime`: an RFC 3339 date-time with a UTC offset, e.g. `2026-11-27T09:00:00+00:00`. */
export type IsoDateTime = `${IsoDate}T${string}`;

/** Parse a `DateTime` (or `Date`) into a `Date` object. */
export function parseDateTime(value: IsoDateTime | IsoDate): Date {
  const parsed = new Date(value);
  if (Number.isNaN(parsed.getTime())) throw new RangeError(`Not an RFC 3339 time: ${value}`);
  return parsed;
}
