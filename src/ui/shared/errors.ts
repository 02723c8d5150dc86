import { t } from '../../util/i18n';

/**
 * Validation text (zod's "sessionId: Invalid input: expected string, received undefined", "Too small:
 * expected array to have >=1 items", the worker's "invalid request: …") is for developers: people read
 * a plain sentence instead. Every error the popup or the options page shows from the worker or from a
 * thrown Error goes through here (test/unit/i18n/errors.test.ts scans src/ui for it); other text, a
 * sentence already, passes unchanged.
 */
const DEVELOPER_TEXT = [
  /^invalid (request|message)\b/i,
  /\binvalid input\b/i,
  /\bexpected\b.*\b(received|to have|to be)\b/i,
  /\btoo (small|big)\b/i,
  /\bunrecognized keys?\b/i,
  /\binvalid (enum value|option|type|string|url|union)\b/i,
];
const NO_WORKER =
  /receiving end does not exist|could not establish connection|extension context invalidated/i;

export function isDeveloperText(error: string): boolean {
  return DEVELOPER_TEXT.some((re) => re.test(error));
}

export function plainError(error: string | undefined): string {
  if (!error) return t('errors.unknown');
  if (NO_WORKER.test(error)) return t('errors.noWorker');
  if (isDeveloperText(error)) return t('errors.requestRejected');
  return error;
}
