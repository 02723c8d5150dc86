// uContact Events API (window.postMessage), field by field from shared/seeds/002_6e1d7ddf52672027.txt.
// Objects are loose (uContact may add fields) but every documented field is typed and required:
// the seed marks none of them optional.
import { z } from 'zod';

const str = z.string();

/**
 * Seed "Integration": the listener destructures `const {event, data} = e.data`. There is no source
 * marker, so the envelope is just an event name plus a `data` key (which may hold a bare string:
 * changedLanguage). The key must be present even for undocumented events.
 */
export const UcontactEnvelope = z
  .looseObject({
    event: z.string().min(1).max(100),
    data: z.unknown(),
  })
  .refine((env) => Object.hasOwn(env, 'data'), { message: 'missing data', path: ['data'] });

/** Event assignedInteraction: an interaction is assigned to the agent. */
export const AssignedInteraction = z.looseObject({
  /** The unique identifier of the interaction. */
  guid: str,
  /** The campaign name the interaction is associated with. */
  campaign: str,
  /** Channel of the interaction. */
  channel: str,
  /** ID of the client (a phone number on voice/SMS/WhatsApp, an address on email…). */
  clientId: str,
});

/** Event finishedInteraction: an interaction is closed. */
export const FinishedInteraction = z.looseObject({
  guid: str,
  /** The date and time the interaction was closed (format not documented: kept as a string). */
  finishDate: str,
});

/**
 * The seed types the disposition levels only as "Array". Level ids and values are scalars in any
 * disposition tree, so both strings and numbers are accepted; objects or nulls are not.
 */
const LevelList = z.array(z.union([z.string(), z.number()]));

/** Event sentDisposition: the agent sends a disposition for an interaction. */
export const SentDisposition = z.looseObject({
  guid: str,
  comment: str,
  levelsId: LevelList,
  levelsValue: LevelList,
});

/** Event changedTheme: the theme of the system is changed. */
export const ChangedTheme = z.looseObject({
  /** True if the theme is dark. */
  dark: z.boolean(),
  /** The primary colour of the theme. */
  primary: str,
});

/** Event changedLanguage: `data` is a bare language code string, e.g. "en". */
export const ChangedLanguage = z.string().min(1).max(35);

export const ucontactSchemas = {
  assignedInteraction: AssignedInteraction,
  finishedInteraction: FinishedInteraction,
  sentDisposition: SentDisposition,
  changedTheme: ChangedTheme,
  changedLanguage: ChangedLanguage,
} as const;

/** Seed "Actions": the data of `{event: "startInteraction", data}` posted into the iframe. */
export const StartInteractionParams = z.object({
  campaign: z.string().min(1),
  channel: z.string().min(1),
  clientId: z.string().min(1),
});

/** The generic command: any JSON object, posted as-is into the uContact iframe. */
export const PostParams = z.object({
  message: z.record(z.string(), z.json()),
});
