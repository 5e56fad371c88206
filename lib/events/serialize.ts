import { FIELD_ORDER, type RideEvent } from './ride-event.ts';

/** One JSON Lines line (no newline): the fields in the schema's order; tip_amount only when present. */
export function serializeEvent(event: RideEvent): string {
  const ordered: Record<string, unknown> = {};
  for (const field of FIELD_ORDER) {
    if (event[field] !== undefined) ordered[field] = event[field];
  }
  return JSON.stringify(ordered);
}
