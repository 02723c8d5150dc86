import { z } from 'zod';

/** HTTPS, or plain HTTP on this machine only (a local token server in development and tests). */
export function isLoopback(url: URL): boolean {
  return url.hostname === 'localhost' || url.hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(url.hostname);
}

const TokenEndpoint = z
  .string()
  .max(2000)
  .refine((s) => {
    try {
      const u = new URL(s);
      return u.protocol === 'https:' || (u.protocol === 'http:' && isLoopback(u));
    } catch {
      return false;
    }
  }, 'an https:// address of the token endpoint');

/**
 * An OAuth 2 credential as the user (options page) types it. The token endpoint is part of the
 * credential, fixed when it is saved: event data never chooses where tokens are requested.
 */
export const OAuthConfigSchema = z
  .object({
    grant: z.enum(['refresh_token', 'client_credentials']),
    tokenEndpoint: TokenEndpoint,
    clientId: z.string().min(1).max(500),
    clientSecret: z.string().max(2000).optional(),
    /** Space-separated, as OAuth sends them; empty: the server's default scopes. */
    scopes: z.string().max(2000).default(''),
    /** How the client authenticates: client_secret_post (in the form) or client_secret_basic (a header). */
    auth: z.enum(['post', 'basic']).default('post'),
    /** The refresh token grant's starting point (the vendor's consent flow gives it). */
    refreshToken: z.string().max(10_000).optional(),
  })
  .refine((c) => c.grant !== 'refresh_token' || !!c.refreshToken, {
    message: 'a refresh token is needed for the refresh token grant',
    path: ['refreshToken'],
  })
  .refine((c) => c.grant !== 'client_credentials' || !!c.clientSecret, {
    message: 'a client secret is needed for the client credentials grant',
    path: ['clientSecret'],
  });
export type OAuthConfig = z.output<typeof OAuthConfigSchema>;
export type OAuthConfigInput = z.input<typeof OAuthConfigSchema>;

/** The credential with what the token endpoint last gave (stored only in the secrets store). */
export interface OAuthState extends OAuthConfig {
  /** When the access token (the record's value) expires; undefined: the server did not say. */
  expiresAt?: number;
  /** The last refresh's problem in plain words (shown on the Secrets tab); cleared on success. */
  error?: string;
}
