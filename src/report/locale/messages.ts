// Report support: the labels of documents for people in each locale, read from the translators'
// data files src/report/locales/<locale>.json (every key in every language: a test checks).
import type { LocaleId } from '../../contract/model.js';
import en from '../locales/en.json' with { type: 'json' };
import fr from '../locales/fr-FR.json' with { type: 'json' };
import ru from '../locales/ru-RU.json' with { type: 'json' };
import srCyrl from '../locales/sr-Cyrl-RS.json' with { type: 'json' };
import srLatn from '../locales/sr-Latn-RS.json' with { type: 'json' };

/** A message key: the keys of the English file, which every other file must have too. */
export type MessageKey = keyof typeof en;

/** Every locale's messages, as the files give them. */
export const MESSAGES: Readonly<Record<LocaleId, Readonly<Record<string, string>>>> = {
  en,
  'ru-RU': ru,
  'fr-FR': fr,
  'sr-Latn-RS': srLatn,
  'sr-Cyrl-RS': srCyrl,
};

/** The locales attain writes documents in, in the order of SPEC 10. */
export const LOCALES: readonly LocaleId[] = ['en', 'ru-RU', 'fr-FR', 'sr-Latn-RS', 'sr-Cyrl-RS'];

/** Whether `text` names a locale attain knows (for `--locale`). */
export function isLocaleId(text: string): text is LocaleId {
  return (LOCALES as readonly string[]).includes(text);
}

/** A translator: the message for `key` with `{param}`s filled in (English when a key is missing). */
export type Translate = (key: MessageKey, params?: Readonly<Record<string, string | number>>) => string;

/** One translator per locale, made on first use: every KPI explanation asks for one. */
const translators = new Map<LocaleId, Translate>();

export function translator(locale: LocaleId): Translate {
  let t = translators.get(locale);
  if (t === undefined) {
    t = makeTranslator(locale);
    translators.set(locale, t);
  }
  return t;
}

function makeTranslator(locale: LocaleId): Translate {
  const table = MESSAGES[locale];
  return (key, params) => {
    const template = table[key] ?? en[key];
    // Without params every `{name}` stays as written: the template is the message.
    if (params === undefined) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const v = Object.prototype.hasOwnProperty.call(params, name) ? params[name] : undefined;
      return v === undefined ? whole : String(v);
    });
  };
}
