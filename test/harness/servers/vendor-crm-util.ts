import type { Vendor, VendorContact, VendorCrm } from './vendor-crm';

/** The status and JSON body to answer (undefined body: none, as in 204 No Content). */
export interface Answer {
  status: number;
  body?: unknown;
}

export type Obj = Record<string, unknown>;
export const obj = (v: unknown): Obj =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {};
export const str = (v: unknown): string =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
const digits = (s: string | undefined) => (s ?? '').replace(/\D/g, '');

/** A contact matches a search value by email (case-insensitive) or phone (digits). */
export function matches(c: VendorContact, value: string): boolean {
  if (!value) return false;
  if (c.email && c.email.toLowerCase() === value.toLowerCase()) return true;
  return digits(value).length >= 5 && digits(c.phone) === digits(value);
}

export type Route = (crm: VendorCrm, method: string, url: URL, body: Obj, raw: unknown) => Answer | undefined;

export const note = (crm: VendorCrm, vendor: Vendor, contactId: string, text: string) => {
  const n = { id: crm.nextId(), contactId, text };
  crm.notes[vendor].push(n);
  return n;
};
export const known = (crm: VendorCrm, vendor: Vendor, id: string) =>
  crm.contacts[vendor].some((c) => c.id === id);
